export * from "./rows";
export * from "./overview";
