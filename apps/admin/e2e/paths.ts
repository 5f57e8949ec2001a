import { join } from "node:path";

/** The e2e server's port; E2E_PORT lets two checkouts run their suites side by side. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const here = import.meta.dirname;
/** A private embedded database for the end-to-end run (one per port), recreated every time. */
const runDir = join(here, "..", ".e2e", String(E2E_PORT));
export const e2eDataDir = join(runDir, "pglite");
export const expectedFile = join(runDir, "expected.json");
