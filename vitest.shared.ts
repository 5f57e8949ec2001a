import { defineConfig } from "vitest/config";

/**
 * Shared by every package: a JSON report per package for the closing `N passed, N failed` line,
 * and timeouts that allow for PGlite's multi-second start.
 */
export const sharedVitestConfig = defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    exclude: ["**/node_modules/**", "**/e2e/**", "**/.next/**"],
  },
});
