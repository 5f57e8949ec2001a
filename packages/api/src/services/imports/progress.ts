import { rm } from "node:fs/promises";
import { and, eq, inArray } from "drizzle-orm";
import { importJobs, type Database } from "@boomerang/db";
import { failImportJobs } from "./fail-jobs";
import { importFilePath } from "./upload-file";

/**
 * Progress of running imports. The import runs in one transaction, so its row counts only reach
 * import_jobs when it ends; while it runs, this server keeps the live figures in memory (the page
 * that started it polls them) and writes the rows read to import_jobs.rows_processed about once a
 * second, outside the transaction, so another tab or another server process sees them too.
 */
export type LiveProgress = {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  phase: "waiting" | "reading" | "checking" | "saving" | "programs";
};

// On globalThis: the route that starts an import and the procedures that poll it may be bundled as
// separate module instances in one server process.
type ImportRegistry = {
  live: Map<number, LiveProgress>;
  startedHere: Set<number>;
  swept: WeakSet<object>;
};
const registry: ImportRegistry = ((
  globalThis as { __boomerangImports?: ImportRegistry }
).__boomerangImports ??= { live: new Map(), startedHere: new Set(), swept: new WeakSet() });

export const setProgress = (jobId: number, progress: LiveProgress): void => {
  registry.live.set(jobId, progress);
};
export const liveProgress = (jobId: number): LiveProgress | null =>
  registry.live.get(jobId) ?? null;
export const clearProgress = (jobId: number): void => {
  registry.live.delete(jobId);
};

/** Marks a job as this process's own: it is running here, not left over from a stopped server. */
export const claimJob = (jobId: number): void => {
  registry.startedHere.add(jobId);
};

const PERSIST_EVERY_MS = 1000;

/**
 * Writes the rows read so far to the job at most once a second, without waiting (the import goes
 * on) and only while the job is still running, so a late write never overwrites the final counts.
 * A failed write only costs the progress figure.
 */
export function persistProgress(db: Database, jobId: number): (rowsRead: number) => void {
  let last = -Infinity;
  return (rowsRead) => {
    const at = performance.now();
    if (at - last < PERSIST_EVERY_MS) return;
    last = at;
    void db
      .update(importJobs)
      .set({ rowsProcessed: rowsRead })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.status, "running")))
      .catch(() => undefined);
  };
}

export const INTERRUPTED_MESSAGE =
  "the server stopped while this import ran; nothing was changed — run it again";

/**
 * Once per server process (and database): imports left pending or running by a previous process (the server
 * restarted or crashed mid-import) are marked failed — their transaction was rolled back, so
 * nothing was changed — instead of showing as running forever. Assumes one server process runs
 * imports (the app's deployment); jobs this process started are never touched.
 */
export async function failInterruptedImports(db: Database, now: Date): Promise<void> {
  if (registry.swept.has(db)) return;
  registry.swept.add(db);
  const stale = await db
    .select({ id: importJobs.id, status: importJobs.status })
    .from(importJobs)
    .where(inArray(importJobs.status, ["pending", "running"]));
  const ids = stale.map((j) => j.id).filter((id) => !registry.startedHere.has(id));
  if (ids.length === 0) return;
  await failImportJobs(db, ids, INTERRUPTED_MESSAGE, now);
  // Their uploads would otherwise stay on disk for good.
  await Promise.all(ids.map((id) => rm(importFilePath(id), { force: true })));
}
