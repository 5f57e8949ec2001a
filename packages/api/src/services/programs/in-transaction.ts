import type { Database } from "@boomerang/db";

/** One transaction for a use case: the change, its version row and its audit entry commit together. */
export const inTransaction = <T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> =>
  db.transaction((tx) => work(tx as unknown as Database));
