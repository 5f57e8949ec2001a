import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { dbEnv } from "./env";
import * as schema from "./schema";
import { workspaceRoot } from "./workspace";

export type Schema = typeof schema;
/** One type for both drivers, so queries never fork per driver. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DbHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  /** A postgres:// URL; defaults to DATABASE_URL. When absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; "memory" for an in-memory database. Defaults to <root>/.data/pglite. */
  dataDir?: string | "memory";
};

export function defaultDataDir(): string {
  return dbEnv.BOOMERANG_DATA_DIR ?? join(workspaceRoot(), ".data", "pglite");
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const url = options.url ?? (options.dataDir ? undefined : dbEnv.DATABASE_URL);
  if (url) {
    const client = postgres(url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  let client: PGlite;
  if (dataDir === "memory") {
    client = await PGlite.create();
  } else {
    // PGlite does not create missing parent directories.
    mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir);
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, driver: "pglite", close: () => client.close() };
}
