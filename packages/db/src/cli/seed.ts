import { parseArgs } from "node:util";
import { createDb, defaultDataDir } from "../client";
import { dbEnv } from "../env";
import { migrate } from "../migrate";
import {
  demoLogins,
  hasBusinessSettings,
  isLocalDatabaseUrl,
  seedDemo,
  SeedRefusedError,
} from "../seed";

const usage = `pnpm db:seed [--customers N] [--seed N] [--months N] [--as-of YYYY-MM-DD] [--reset] [--if-empty] [--allow-remote]
  Loads the demo retail chain into DATABASE_URL (PostgreSQL) or the PGlite data dir.
  --if-empty      seed only when no business is set up yet, otherwise exit 0 (used by the start script)
  --reset         truncate every table first
  --allow-remote  allow a DATABASE_URL host other than this machine`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

// The demo's "now": the start of today (UTC) unless given, so reseeding the same day is identical.
function asOfFrom(value: string | undefined): Date {
  if (value === undefined) {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new RangeError(`--as-of must be YYYY-MM-DD, got "${value}"`);
  }
  return new Date(`${value}T00:00:00Z`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: "string" },
      seed: { type: "string" },
      months: { type: "string" },
      "as-of": { type: "string" },
      reset: { type: "boolean", default: false },
      "if-empty": { type: "boolean", default: false },
      "allow-remote": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.info(usage);
    return;
  }
  const customers = positiveInt("customers", values.customers, 20_000);
  const seed = positiveInt("seed", values.seed, 42);
  const months = positiveInt("months", values.months, 24);
  const asOf = asOfFrom(values["as-of"]);
  const url = dbEnv.DATABASE_URL;
  if (url && !isLocalDatabaseUrl(url) && !values["allow-remote"]) {
    throw new SeedRefusedError(
      "DATABASE_URL is not on this machine; pass --allow-remote to seed it anyway.",
    );
  }

  const handle = await createDb();
  try {
    console.info(
      `db:seed on ${handle.driver === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite (${defaultDataDir()})`}`,
    );
    await migrate(handle);
    if (values["if-empty"] && !values.reset && (await hasBusinessSettings(handle.db))) {
      console.info("db:seed: a business is already set up; nothing to do (--if-empty).");
      return;
    }
    console.info(
      `db:seed: ${customers} customers, seed ${seed}, ${months} months to ${asOf.toISOString()}`,
    );
    const summary = await seedDemo(handle, {
      asOf,
      seed,
      customers,
      months,
      reset: values.reset,
      onProgress: (line) => console.info(`  ${line}`),
    });
    const c = summary.counts;
    console.info(
      `db:seed: done in ${(summary.durationMs / 1000).toFixed(1)} s (${summary.loader}): ${c.stores} stores, ${c.users} users, ` +
        `${c.customers} customers, ${c.orders} orders, ${c.orderItems} order items, ${c.customerEvents} events, ` +
        `${c.programs} programs, ${c.enrollments} enrollments, ${c.ledgerEntries} ledger entries`,
    );
    console.info("Demo logins (password for all: demo1234):");
    for (const login of demoLogins) {
      console.info(
        `  ${login.role.padEnd(13)} ${login.email}${login.storeCode ? ` (${login.storeCode})` : ""}`,
      );
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof SeedRefusedError || error instanceof RangeError)
    console.error(`db:seed: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
