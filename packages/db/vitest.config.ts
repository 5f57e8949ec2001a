import { defineConfig } from "vitest/config";

// PGlite takes seconds to start and ~0.5 GB each: generous timeouts, few parallel files.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
