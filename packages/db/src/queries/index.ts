export * from "./rows";
export * from "./overview";
export * from "./programs";
export * from "./stores";
