import Papa from "papaparse";
import type { ImportRowError } from "@boomerang/db";
import { guessMapping, importFields } from "./columns";
import type { ColumnMapping, ImportKind } from "./import-kind";
import { readRow, type RowContext } from "./read-row";

export const PREVIEW_ROWS = 10;

export type ImportPreview = {
  header: string[];
  guessedMapping: ColumnMapping;
  rows: string[][];
  errors: ImportRowError[];
  fields: { key: string; label: string; required: boolean }[];
};

/**
 * The start of a file (the browser sends its first few kilobytes): its header, a guess of which
 * column feeds which field, the first rows and their problems under `mapping` (or the guess).
 */
export function previewImport(
  kind: ImportKind,
  sample: string,
  ctx: RowContext,
  mapping?: ColumnMapping,
): ImportPreview {
  const parsed = Papa.parse<string[]>(sample, {
    skipEmptyLines: "greedy",
    preview: PREVIEW_ROWS + 1,
  });
  const [header = [], ...rows] = parsed.data;
  const guessed = guessMapping(kind, header);
  const fields = importFields[kind];
  const used = mapping ?? guessed;
  const errors = rows.flatMap((cells, i) => readRow(fields, used, cells, i + 2, ctx).errors);
  return {
    header,
    guessedMapping: guessed,
    rows,
    errors,
    fields: fields.map(({ key, label, required }) => ({ key, label, required })),
  };
}
