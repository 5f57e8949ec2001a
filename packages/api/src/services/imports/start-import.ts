import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Database } from "@boomerang/db";
import { invalid } from "../../errors";
import { z } from "zod";
import { columnMapping, dateOrderInput, fileEncodingInput, importKindInput } from "./import-kind";
import { failImportJobs } from "./fail-jobs";
import { createImportJob } from "./jobs";
import { runImport } from "./run-import";
import { importFilePath, uploadDir } from "./upload-file";

export const startImportInput = z.object({
  kind: importKindInput,
  fileName: z.string().trim().min(1, "The file needs a name.").max(300),
  mapping: columnMapping,
  /** As the preview read the file's dates; the business locale's order when not given. */
  dateOrder: dateOrderInput.optional(),
  encoding: fileEncodingInput.default("utf-8"),
});

export const UPLOAD_INTERRUPTED =
  "the upload stopped before the whole file arrived; nothing was changed — choose the file again";

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
  await mkdir(uploadDir(), { recursive: true });
  const jobId = await createImportJob(db, {
    kind: input.kind,
    fileName: input.fileName,
    userId: request.userId,
    now: request.now,
  });
  const filePath = importFilePath(jobId);
  try {
    await pipeline(
      Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
      createWriteStream(filePath),
    );
  } catch (error) {
    // The connection dropped or the disk filled: no half file is kept, and the job says what
    // happened instead of waiting forever for an import that will never run.
    await rm(filePath, { force: true });
    await failImportJobs(db, [jobId], UPLOAD_INTERRUPTED, request.now);
    throw invalid(
      `The file did not arrive whole (${error instanceof Error ? error.message : "the upload stopped"}); nothing was imported. Choose the file again.`,
    );
  }
  void runImport(db, {
    jobId,
    kind: input.kind,
    mapping: input.mapping,
    ...(input.dateOrder === undefined ? {} : { dateOrder: input.dateOrder }),
    encoding: input.encoding,
    filePath,
    now: request.now,
  })
    .catch(onUnexpected)
    .finally(() => rm(filePath, { force: true }));
  return { jobId };
}
