import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "@boomerang/db";
import {
  createImportJob,
  guessMapping,
  runImport,
  type ImportKind,
  type ImportOutcome,
} from "../services/imports";

/**
 * Imports a CSV file of these lines (the first is the header, its columns mapped by guess) as the
 * user, the way the Data page does: the file is written to a temporary folder, removed afterwards.
 */
export async function importLines(
  db: Database,
  options: { userId: number; kind: ImportKind; lines: string[]; now: Date; roundOrders?: number },
): Promise<{ jobId: number; outcome: ImportOutcome }> {
  const { userId, kind, lines, now, roundOrders } = options;
  const dir = mkdtempSync(join(tmpdir(), "boomerang-import-"));
  try {
    const filePath = join(dir, `${kind}.csv`);
    writeFileSync(filePath, `${lines.join("\n")}\n`);
    const jobId = await createImportJob(db, { kind, fileName: `${kind}.csv`, userId, now });
    const outcome = await runImport(db, {
      jobId,
      kind,
      mapping: guessMapping(kind, lines[0]!.split(",")),
      filePath,
      now,
      ...(roundOrders === undefined ? {} : { roundOrders }),
    });
    return { jobId, outcome };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
