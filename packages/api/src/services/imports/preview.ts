import Papa from "papaparse";
import type { ImportRowError } from "@boomerang/db";
import { dateOrderOf, localeDateOrder, numericDate, parseDay, type DateOrder } from "./cells";
import { guessMapping, importFields, unmappedRequired } from "./columns";
import type { ColumnMapping, ImportKind } from "./import-kind";
import { readRow, type RowContext } from "./read-row";

export const PREVIEW_ROWS = 10;

export type ImportPreview = {
  header: string[];
  guessedMapping: ColumnMapping;
  rows: string[][];
  errors: ImportRowError[];
  /**
   * `orFrom`: the fields that stand in for this one when it has no column; `alternative`: a field
   * that identifies the same thing another way (see `ImportField`).
   */
  fields: {
    key: string;
    label: string;
    required: boolean;
    orFrom: readonly string[];
    alternative: string | null;
  }[];
  /** Required fields without a column under the mapping (the import cannot start until chosen). */
  missing: string[];
  dates: {
    /** What the sample's dates say of their order (null: nothing, or both orders). */
    detected: DateOrder | null;
    /** The order the rows were read in: the one asked for, else the detected one, else the locale's. */
    used: DateOrder;
    /**
     * The first date written with two numbers and the year (06/07/2025), as it reads in `used`
     * (YYYY-MM-DD; null when it is no date that way round).
     */
    example: { field: string; text: string; day: string | null } | null;
  };
};

/**
 * The start of a file (the browser sends its first few kilobytes): its header, a guess of which
 * column feeds which field, the first rows and their problems under `mapping` (or the guess), and
 * the order its dates are written in, told by every date of the sample.
 */
export function previewImport(
  kind: ImportKind,
  sample: string,
  ctx: RowContext & { locale: string },
  mapping?: ColumnMapping,
  dateOrder?: DateOrder,
): ImportPreview {
  const parsed = Papa.parse<string[]>(sample, { skipEmptyLines: "greedy" });
  const [header = [], ...all] = parsed.data;
  const rows = all.slice(0, PREVIEW_ROWS);
  const guessed = guessMapping(kind, header);
  const fields = importFields[kind];
  const used = mapping ?? guessed;
  const dateFields = fields.filter(
    (f) => (f.type.kind === "instant" || f.type.kind === "day") && (used[f.key] ?? null) !== null,
  );
  // The sample's last row may be cut short; a cut date matches no pattern and says nothing.
  const dateTexts = all.flatMap((cells) =>
    dateFields.map((f) => ({ field: f.label, text: (cells[used[f.key]!] ?? "").trim() })),
  );
  const detected = dateOrderOf(dateTexts.map((d) => d.text));
  const order = dateOrder ?? detected ?? localeDateOrder(ctx.locale);
  const errors = rows.flatMap(
    (cells, i) => readRow(fields, used, cells, i + 2, { ...ctx, dateOrder: order }).errors,
  );
  const first = dateTexts.find((d) => numericDate.test(d.text));
  const read = first === undefined ? null : parseDay(first.text.split(/[ T]/)[0]!, order);
  return {
    header,
    guessedMapping: guessed,
    rows,
    errors,
    fields: fields.map(({ key, label, required, orFrom, alternative }) => ({
      key,
      label,
      required,
      orFrom: orFrom ?? [],
      alternative: alternative ?? null,
    })),
    missing: unmappedRequired(fields, used),
    dates: {
      detected,
      used: order,
      example:
        first === undefined || read === null
          ? null
          : { field: first.field, text: first.text, day: read.ok ? read.value : null },
    },
  };
}
