import { createDb, type DbHandle } from "../src/client";
import { migrate } from "../src/migrate";
import { seedDemo } from "../src/seed";

/** Runs `fn` `runs` times after `warmup` runs and returns the median and spread in milliseconds. */
export async function measure(fn: () => Promise<unknown>, runs = 7, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  return { median, min: times[0]!, max: times[times.length - 1]!, runs };
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/**
 * Runs `run` on an in-memory PGlite seeded with the demo chain (BENCH_PGLITE_CUSTOMERS customers,
 * default 20,000; 0 skips it), then on the PostgreSQL server BENCH_DATABASE_URL names, if any.
 */
export async function onBenchDatabases(
  run: (label: string, handle: DbHandle) => Promise<void>,
  asOf = new Date("2026-01-01T00:00:00Z"),
) {
  const pgliteCustomers = Number(process.env.BENCH_PGLITE_CUSTOMERS ?? 20_000);
  if (pgliteCustomers > 0) {
    const pglite = await createDb({ dataDir: "memory" });
    await migrate(pglite);
    await seedDemo(pglite, { customers: pgliteCustomers, asOf });
    await run("PGlite (demo size)", pglite);
    await pglite.close();
  } else console.info("PGlite: skipped (BENCH_PGLITE_CUSTOMERS=0)");

  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.info("PostgreSQL: set BENCH_DATABASE_URL to a seeded server to measure it");
    return;
  }
  const pg = await createDb({ url });
  await run("PostgreSQL", pg);
  await pg.close();
}
