import { and, inArray } from "drizzle-orm";
import { importJobs, type Database } from "@boomerang/db";

/**
 * Marks pending or running imports failed as a whole — the upload stopped, an unexpected error, the
 * server restarted — with `message` as their report's only line (line 0: no row is to blame).
 * `rows`: how many rows were read before it stopped, when known.
 */
export async function failImportJobs(
  db: Database,
  ids: readonly number[],
  message: string,
  finishedAt: Date,
  rows?: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(importJobs)
    .set({
      status: "failed",
      errors: [{ line: 0, column: "", message }],
      finishedAt,
      ...(rows === undefined ? {} : { rowsTotal: rows, rowsProcessed: rows }),
    })
    .where(
      and(inArray(importJobs.id, [...ids]), inArray(importJobs.status, ["pending", "running"])),
    );
}
