import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { DbHandle, Schema } from "./client";
import { migrationsFolder } from "./workspace";

/** Applies committed migrations (drizzle-kit output); safe to call at every start. */
export async function migrate(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, config);
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase<Schema>, config);
  }
}
