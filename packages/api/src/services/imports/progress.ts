/**
 * Live progress of running imports, in this server's memory. The import runs in one transaction,
 * so its row counts only reach import_jobs when it ends; while it runs, the Data page polls these.
 */
export type LiveProgress = {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  phase: "reading" | "checking" | "saving" | "programs";
};

const live = new Map<number, LiveProgress>();

export const setProgress = (jobId: number, progress: LiveProgress): void => {
  live.set(jobId, progress);
};
export const liveProgress = (jobId: number): LiveProgress | null => live.get(jobId) ?? null;
export const clearProgress = (jobId: number): void => {
  live.delete(jobId);
};
