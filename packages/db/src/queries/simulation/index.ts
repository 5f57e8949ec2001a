export * from "./order-history";
export * from "./comparisons";
