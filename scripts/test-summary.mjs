// Adds up the JSON reports of every vitest run and of Playwright into one closing line, so a run
// that executed no test shows as such.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const group of ["apps", "packages"]) {
  for (const name of readdirSync(join(root, group))) {
    const vitest = join(root, group, name, "test-results", "vitest.json");
    if (existsSync(vitest)) {
      const r = JSON.parse(readFileSync(vitest, "utf8"));
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      skipped += r.numPendingTests + (r.numTodoTests ?? 0);
      lines.push(`  ${group}/${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
    }
    const e2e = join(root, group, name, "test-results", "e2e.json");
    if (existsSync(e2e)) {
      const r = JSON.parse(readFileSync(e2e, "utf8"));
      passed += r.stats.expected + (r.stats.flaky ?? 0);
      failed += r.stats.unexpected;
      skipped += r.stats.skipped;
      lines.push(
        `  ${group}/${name} (end-to-end): ${r.stats.expected} passed, ${r.stats.unexpected} failed${r.stats.flaky ? `, ${r.stats.flaky} flaky` : ""}`,
      );
    }
  }
}

console.log(lines.join("\n"));
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
