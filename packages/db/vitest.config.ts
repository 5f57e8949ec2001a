import { mergeConfig } from "vitest/config";
import { sharedVitestConfig } from "../../vitest.shared.ts";

// PGlite takes ~0.5 GB per instance: at most two test files at once.
export default mergeConfig(sharedVitestConfig, { test: { maxWorkers: 2 } });
