export * from "./calendar";
export * from "./customer-history";
export * from "./cohort-matrix";
export * from "./cohort-retention";
export * from "./repeat-rate";
export * from "./purchase-gaps";
export * from "./churn";
export * from "./historical-clv";
