/**
 * `pnpm bench` in packages/db: runs every bench/*.bench.ts in turn. Each file default-exports an
 * async function that prints its own figures (medians at stated data sizes). Pass a name filter as
 * the first argument to run only matching files.
 *
 * Databases: BENCH_DATABASE_URL names a PostgreSQL server already loaded with
 * `pnpm db:seed --customers 1000000`; without it, benches that need PostgreSQL say so and skip.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const filter = process.argv[2] ?? "";
const here = import.meta.dirname;
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();
if (files.length === 0) console.info(`no bench/*.bench.ts matching "${filter}"`);
for (const file of files) {
  console.info(`\n# ${file}`);
  const mod = (await import(join(here, file))) as { default: () => Promise<void> };
  await mod.default();
}
