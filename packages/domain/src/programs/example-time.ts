import { DAY_MS } from "./eligibility";

/** A fixed Monday for examples and tests: examples must not depend on when they run. */
export const T0 = Date.UTC(2025, 0, 6);
export const DAY = DAY_MS;
