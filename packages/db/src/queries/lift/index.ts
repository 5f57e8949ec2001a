export * from "./measured-programs";
export * from "./controlled-lift";
export * from "./diff-in-diff";
