export * from "./customer-filters";
export * from "./list-customers";
export * from "./customer-profile";
export * from "./customer-activity";
