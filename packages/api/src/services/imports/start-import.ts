import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Database } from "@boomerang/db";
import { z } from "zod";
import { columnMapping, importKindInput } from "./import-kind";
import { createImportJob } from "./jobs";
import { runImport } from "./run-import";

export const startImportInput = z.object({
  kind: importKindInput,
  fileName: z.string().trim().min(1, "The file needs a name.").max(300),
  mapping: columnMapping,
});

export type Upload = { userId: number; now: Date; body: ReadableStream<Uint8Array> };

/**
 * Saves the uploaded file to disk as it streams in (never whole in memory), records the job and
 * runs the import in the background, so the person can leave the page; the Data page polls the
 * job. The file is deleted when the import ends.
 */
export async function startImport(
  db: Database,
  raw: unknown,
  request: Upload,
  onUnexpected: (error: unknown) => void,
): Promise<{ jobId: number }> {
  const input = startImportInput.parse(raw);
  const dir = join(tmpdir(), "boomerang-imports");
  await mkdir(dir, { recursive: true });
  const jobId = await createImportJob(db, {
    kind: input.kind,
    fileName: input.fileName,
    userId: request.userId,
    now: request.now,
  });
  const filePath = join(dir, `import-${jobId}.csv`);
  await pipeline(
    Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
    createWriteStream(filePath),
  );
  void runImport(db, {
    jobId,
    kind: input.kind,
    mapping: input.mapping,
    filePath,
    now: request.now,
  })
    .catch(onUnexpected)
    .finally(() => rm(filePath, { force: true }));
  return { jobId };
}
