export * from "./rows";
export * from "./overview";
export * from "./programs";
export * from "./stores";
export * from "./segments";
export * from "./retention";
export * from "./simulation";
export * from "./customers";
