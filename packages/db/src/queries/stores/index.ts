export * from "./store-kpis";
export * from "./store-trends";
