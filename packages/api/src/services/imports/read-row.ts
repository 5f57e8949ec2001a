import type { ImportRowError } from "@boomerang/db";
import {
  parseCount,
  parseDay,
  parseFlag,
  parseInstant,
  parseMoney,
  type Cell,
  type DateOrder,
} from "./cells";
import type { ImportField } from "./columns";
import type { ColumnMapping } from "./import-kind";

export type RowValue = string | number | boolean | Date | null;
export type RowContext = {
  timeZone: string;
  currency: string;
  /** How the file writes dates like 06/07/2025 (day first when not said). */
  dateOrder?: DateOrder;
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readCell(field: ImportField, raw: string, ctx: RowContext): Cell<RowValue> {
  const t = field.type;
  // What a UTF-8 reading makes of bytes that are not UTF-8 (a file saved as ANSI or Latin-1 by a
  // spreadsheet, when the browser could not tell): keeping it would garble a name for good.
  if (raw.includes("\ufffd"))
    return {
      ok: false,
      message:
        'contains a character that is not UTF-8 text; save the file as "CSV UTF-8" and import it again',
    };
  switch (t.kind) {
    case "text":
      if (raw.includes("\u0000")) return { ok: false, message: "contains a NUL character" };
      // The record and unit separators delimit an order's lines on their way to the programs.
      if (raw.includes("\u001e") || raw.includes("\u001f"))
        return {
          ok: false,
          message: "contains an invisible separator character (U+001E or U+001F)",
        };
      return raw.length <= t.max
        ? { ok: true, value: raw }
        : { ok: false, message: `is longer than ${t.max} characters` };
    case "email":
      return emailPattern.test(raw)
        ? { ok: true, value: raw.toLowerCase() }
        : { ok: false, message: `"${raw}" is not an email address` };
    case "money":
      return parseMoney(raw);
    case "count":
      return parseCount(raw);
    case "instant":
      return parseInstant(raw, ctx.timeZone, ctx.dateOrder);
    case "day":
      return parseDay(raw, ctx.dateOrder);
    case "flag":
      return parseFlag(raw);
    case "currency": {
      const code = raw.toUpperCase();
      if (!/^[A-Z]{3}$/.test(code))
        return { ok: false, message: `"${raw}" is not a currency code such as ${ctx.currency}` };
      return code === ctx.currency
        ? { ok: true, value: code }
        : { ok: false, message: `${code} is not the business currency (${ctx.currency})` };
    }
    case "choice": {
      const value = raw.toLowerCase();
      return t.values.includes(value)
        ? { ok: true, value }
        : { ok: false, message: `"${raw}" is not one of ${t.values.join(", ")}` };
    }
  }
}

/** Cell kinds whose reading is a pure function of the text worth remembering (dates, amounts…). */
const remembered = new Set<ImportField["type"]["kind"]>([
  "money",
  "count",
  "instant",
  "day",
  "flag",
  "currency",
  "choice",
]);
/** Distinct texts remembered per column before its memory starts over. */
const MEMORY = 4096;

/**
 * Reads data rows through the mapping: typed values in field order, or every problem in a row.
 * A file repeats the same texts row after row (an order's date on each of its lines, a price, a
 * store), so each column of a kind that takes parsing remembers what its recent texts read as.
 */
export class RowReader {
  private readonly indexes: (number | null)[];
  private readonly keyIndexes: Map<string, number | null>;
  private readonly memories: (Map<string, Cell<RowValue>> | null)[];
  constructor(
    private readonly fields: readonly ImportField[],
    mapping: ColumnMapping,
    private readonly ctx: RowContext,
  ) {
    this.indexes = fields.map((f) => mapping[f.key] ?? null);
    this.keyIndexes = new Map(fields.map((f) => [f.key, mapping[f.key] ?? null]));
    this.memories = fields.map((f) => (remembered.has(f.type.kind) ? new Map() : null));
  }

  /** What stands in for an empty field with `orFrom`: those fields' cells joined by a space. */
  private standIn(field: ImportField, cells: readonly string[]): string {
    return (field.orFrom ?? [])
      .map((key) => {
        const index = this.keyIndexes.get(key);
        return index === null || index === undefined ? "" : (cells[index] ?? "").trim();
      })
      .filter((part) => part !== "")
      .join(" ");
  }

  read(cells: readonly string[], line: number): { values: RowValue[]; errors: ImportRowError[] } {
    const values: RowValue[] = [];
    const errors: ImportRowError[] = [];
    for (let i = 0; i < this.fields.length; i++) {
      const field = this.fields[i]!;
      const index = this.indexes[i];
      const raw = index === null || index === undefined ? "" : (cells[index] ?? "").trim();
      if (raw === "") {
        const stand = field.orFrom ? this.standIn(field, cells) : "";
        if (stand !== "") {
          const cell = readCell(field, stand, this.ctx);
          if (cell.ok) values.push(cell.value);
          else {
            errors.push({ line, column: field.label, message: cell.message });
            values.push(null);
          }
          continue;
        }
        if (field.required) errors.push({ line, column: field.label, message: "is required" });
        values.push(null);
        continue;
      }
      const memory = this.memories[i];
      let cell = memory?.get(raw);
      if (cell === undefined) {
        cell = readCell(field, raw, this.ctx);
        if (memory) {
          if (memory.size >= MEMORY) memory.clear();
          memory.set(raw, cell);
        }
      }
      if (cell.ok) values.push(cell.value);
      else {
        errors.push({ line, column: field.label, message: cell.message });
        values.push(null);
      }
    }
    return { values, errors };
  }
}

/** Reads one data row through the mapping: typed values in field order, or every problem in it. */
export function readRow(
  fields: readonly ImportField[],
  mapping: ColumnMapping,
  cells: readonly string[],
  line: number,
  ctx: RowContext,
): { values: RowValue[]; errors: ImportRowError[] } {
  return new RowReader(fields, mapping, ctx).read(cells, line);
}
