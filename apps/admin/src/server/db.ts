import "server-only";
import { createDb, migrate, type Database, type DbHandle } from "@boomerang/db";

// One database handle per server process (PGlite allows one connection), kept across hot reloads.
const globalForDb = globalThis as unknown as { boomerangDb?: Promise<DbHandle> };

async function open(): Promise<DbHandle> {
  const handle = await createDb();
  await migrate(handle);
  return handle;
}

export function getDbHandle(): Promise<DbHandle> {
  globalForDb.boomerangDb ??= open().catch((error: unknown) => {
    globalForDb.boomerangDb = undefined;
    throw error;
  });
  return globalForDb.boomerangDb;
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}
