import { desc, eq } from "drizzle-orm";
import { importJobs, users, type Database } from "@boomerang/db";
import { notFound } from "../../errors";
import type { ImportKind } from "./import-kind";
import { claimJob, failInterruptedImports, liveProgress, type LiveProgress } from "./progress";

export async function createImportJob(
  db: Database,
  input: { kind: ImportKind; fileName: string; userId: number; now: Date },
): Promise<number> {
  const [job] = await db
    .insert(importJobs)
    .values({
      kind: input.kind,
      fileName: input.fileName,
      createdBy: input.userId,
      createdAt: input.now,
    })
    .returning({ id: importJobs.id });
  claimJob(job!.id);
  return job!.id;
}

const jobColumns = {
  id: importJobs.id,
  kind: importJobs.kind,
  status: importJobs.status,
  fileName: importJobs.fileName,
  rowsTotal: importJobs.rowsTotal,
  rowsProcessed: importJobs.rowsProcessed,
  rowsInserted: importJobs.rowsInserted,
  rowsUpdated: importJobs.rowsUpdated,
  rowsFailed: importJobs.rowsFailed,
  itemsUncategorised: importJobs.itemsUncategorised,
  createdBy: users.name,
  createdAt: importJobs.createdAt,
  finishedAt: importJobs.finishedAt,
};

/** Import history, newest first, with who ran each and its counts. */
export async function listImports(db: Database, now: Date, limit = 50) {
  await failInterruptedImports(db, now);
  return db
    .select(jobColumns)
    .from(importJobs)
    .leftJoin(users, eq(users.id, importJobs.createdBy))
    .orderBy(desc(importJobs.id))
    .limit(limit);
}

/**
 * One import with its problems and, while it runs, its progress: live from this server's memory
 * when it runs here, else the rows read as last written to the job.
 */
export async function importStatus(db: Database, jobId: number, now: Date) {
  await failInterruptedImports(db, now);
  const [job] = await db
    .select({ ...jobColumns, errors: importJobs.errors })
    .from(importJobs)
    .leftJoin(users, eq(users.id, importJobs.createdBy))
    .where(eq(importJobs.id, jobId));
  if (job === undefined) throw notFound(`Import ${jobId}`);
  const progress: LiveProgress | null =
    liveProgress(jobId) ??
    (job.status === "running"
      ? { bytesRead: 0, bytesTotal: 0, rowsRead: job.rowsProcessed, phase: "reading" }
      : null);
  return { ...job, progress };
}
