import { sql } from "drizzle-orm";
import { createDb, type DbHandle } from "../client";
import { migrate } from "../migrate";

export type TestDriver = { name: "pglite" | "postgres"; url?: string };

/**
 * The drivers a database test runs on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set.
 * Use with describe.each(testDrivers()) so the same suite runs on both.
 */
export function testDrivers(): TestDriver[] {
  const url = process.env.TEST_DATABASE_URL;
  const drivers: TestDriver[] = [{ name: "pglite" }];
  if (url) drivers.push({ name: "postgres", url });
  return drivers;
}

/**
 * A migrated, empty database. On PostgreSQL each call gets its own schema-free database state by
 * truncating every table, so suites must not run in parallel against the same server database
 * (vitest runs files in parallel: call this with a unique `isolate` name to get a private schema).
 */
export async function openTestDb(driver: TestDriver, isolate: string): Promise<DbHandle> {
  if (driver.name === "pglite") {
    const handle = await createDb({ dataDir: "memory" });
    await migrate(handle);
    return handle;
  }
  // One PostgreSQL database per test file: created from the server URL, dropped on close.
  const dbName = `t_${isolate.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}`;
  const admin = await createDb({ url: driver.url });
  await admin.db.execute(sql.raw(`drop database if exists "${dbName}" with (force)`));
  await admin.db.execute(sql.raw(`create database "${dbName}"`));
  await admin.close();
  const url = new URL(driver.url!);
  url.pathname = `/${dbName}`;
  const handle = await createDb({ url: url.toString() });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const again = await createDb({ url: driver.url });
      await again.db.execute(sql.raw(`drop database if exists "${dbName}" with (force)`));
      await again.close();
    },
  };
}
