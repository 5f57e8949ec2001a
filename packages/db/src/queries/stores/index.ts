export * from "./store-kpis";
export * from "./store-trends";
export * from "./store-programs";
export * from "./store-segments";
export * from "./store-kpi-months";
