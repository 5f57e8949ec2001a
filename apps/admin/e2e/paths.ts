import { join } from "node:path";

/** The e2e server's port; E2E_PORT lets two checkouts run their suites side by side. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const here = import.meta.dirname;
/** A private embedded database for the end-to-end run, recreated every time. */
export const e2eDataDir = join(here, "..", ".e2e", "pglite");
export const expectedFile = join(here, "..", ".e2e", "expected.json");
