import { defineConfig } from "@playwright/test";
import { e2eDataDir, E2E_PORT } from "./e2e/paths";

/**
 * Drives the built app (`next build` first) in Debian's Chromium; never a downloaded browser.
 * The web server command seeds a fresh embedded database, then serves the production build.
 */
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  // Per port, so two suites running side by side do not delete each other's traces.
  outputDir: `test-results/e2e-artifacts-${E2E_PORT}`,
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `tsx e2e/prepare.ts && next start --port ${E2E_PORT}`,
    url: `http://localhost:${E2E_PORT}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      BOOMERANG_DATA_DIR: e2eDataDir,
      AUTH_SECRET: "e2e-only-secret-not-for-production-use",
      DATABASE_URL: "",
      // The tests read the demo as seeded: no expiry sweep changes its balances while they run.
      BOOMERANG_EXPIRY_SWEEP_MINUTES: "0",
    },
  },
});
