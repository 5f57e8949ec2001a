import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "@boomerang/db";
import {
  createImportJob,
  guessMapping,
  runImport,
  type FileEncoding,
  type ImportKind,
  type ImportOutcome,
} from "../services/imports";
import type { DateOrder } from "../services/imports/cells";

/**
 * Imports a CSV file of these lines (the first is the header, its columns mapped by guess) as the
 * user, the way the Data page does: the file is written to a temporary folder, removed afterwards.
 * `bytes` writes the file's content as these bytes instead (another encoding, broken bytes).
 */
export async function importLines(
  db: Database,
  options: {
    userId: number;
    kind: ImportKind;
    lines: string[];
    now: Date;
    roundOrders?: number;
    dateOrder?: DateOrder;
    encoding?: FileEncoding;
    bytes?: Uint8Array;
  },
): Promise<{ jobId: number; outcome: ImportOutcome }> {
  const { userId, kind, lines, now, roundOrders, dateOrder, encoding, bytes } = options;
  const dir = mkdtempSync(join(tmpdir(), "boomerang-import-"));
  try {
    const filePath = join(dir, `${kind}.csv`);
    writeFileSync(filePath, bytes ?? `${lines.join("\n")}\n`);
    const jobId = await createImportJob(db, { kind, fileName: `${kind}.csv`, userId, now });
    const outcome = await runImport(db, {
      jobId,
      kind,
      mapping: guessMapping(kind, lines[0]!.split(",")),
      filePath,
      now,
      ...(roundOrders === undefined ? {} : { roundOrders }),
      ...(dateOrder === undefined ? {} : { dateOrder }),
      ...(encoding === undefined ? {} : { encoding }),
    });
    return { jobId, outcome };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
