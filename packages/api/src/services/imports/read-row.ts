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
  /**
   * The latest instant a row may give (the import's start plus a little clock skew): a sale dated
   * in the future would move its members' program clocks there, expiring points early.
   */
  latest?: Date;
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
        'contains a character that could not be read as text (not UTF-8, or a byte no character stands for); save the file as "CSV UTF-8" and import it again',
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
    case "instant": {
      const cell = parseInstant(raw, ctx.timeZone, ctx.dateOrder);
      if (cell.ok && ctx.latest !== undefined && cell.value > ctx.latest)
        return {
          ok: false,
          message: `"${raw}" is in the future (after ${ctx.latest.toISOString().slice(0, 16).replace("T", " ")} UTC); check the date${ctx.dateOrder === undefined ? "" : " and the file's date order"}`,
        };
      return cell;
    }
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
  /**
   * Per field with `orFrom` whose fields all have a column: their positions in the field list
   * (their values stand in for it when its cell is empty); null otherwise.
   */
  private readonly standIns: (number[] | null)[];
  /** Per field with an `alternative` that has a column: that column and its label; null otherwise. */
  private readonly alternatives: ({ index: number; label: string } | null)[];
  /**
   * Per field that is another's `alternative`: that field's column (null otherwise). A row that
   * fills that column never reads this one: an orders file's unrelated "email" column cannot
   * refuse a row that names its customer by id.
   */
  private readonly primaries: (number | null)[];
  private readonly memories: (Map<string, Cell<RowValue>> | null)[];
  constructor(
    private readonly fields: readonly ImportField[],
    mapping: ColumnMapping,
    private readonly ctx: RowContext,
  ) {
    this.indexes = fields.map((f) => mapping[f.key] ?? null);
    this.alternatives = fields.map((f) => {
      const other = fields.find((g) => g.key === f.alternative);
      const index = other === undefined ? null : (mapping[other.key] ?? null);
      return other === undefined || index === null ? null : { index, label: other.label };
    });
    this.primaries = fields.map((f) => {
      const primary = fields.find((g) => g.alternative === f.key);
      return primary === undefined ? null : (mapping[primary.key] ?? null);
    });
    this.standIns = fields.map((f) => {
      const parts = (f.orFrom ?? []).map((key) => fields.findIndex((g) => g.key === key));
      return parts.length > 0 &&
        parts.every((p) => p >= 0 && (mapping[fields[p]!.key] ?? null) !== null)
        ? parts
        : null;
    });
    this.memories = fields.map((f) => (remembered.has(f.type.kind) ? new Map() : null));
  }

  read(cells: readonly string[], line: number): { values: RowValue[]; errors: ImportRowError[] } {
    const values: RowValue[] = [];
    const errors: ImportRowError[] = [];
    for (let i = 0; i < this.fields.length; i++) {
      const field = this.fields[i]!;
      const index = this.indexes[i];
      const raw = index === null || index === undefined ? "" : (cells[index] ?? "").trim();
      const primary = this.primaries[i];
      if (
        raw === "" ||
        (primary !== null && primary !== undefined && (cells[primary] ?? "").trim() !== "")
      ) {
        values.push(null);
        // Read once the fields it joins are (after it in the list).
        if (this.standIns[i] !== null) continue;
        const other = this.alternatives[i];
        if (other !== null && other !== undefined) {
          if ((cells[other.index] ?? "").trim() === "")
            errors.push({ line, column: field.label, message: `is required (or ${other.label})` });
          continue;
        }
        if (field.required) errors.push({ line, column: field.label, message: "is required" });
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
    for (let i = 0; i < this.fields.length; i++) {
      const parts = this.standIns[i];
      if (parts === null || parts === undefined || values[i] !== null) continue;
      const field = this.fields[i]!;
      // A part with a problem of its own is reported under its column, not again under this one.
      if (parts.some((p) => errors.some((e) => e.column === this.fields[p]!.label))) continue;
      const joined = parts
        .map((p) => values[p])
        .filter((v): v is string => typeof v === "string" && v !== "")
        .join(" ");
      if (joined === "") {
        if (field.required) errors.push({ line, column: field.label, message: "is required" });
        continue;
      }
      const cell = readCell(field, joined, this.ctx);
      if (cell.ok) values[i] = cell.value;
      else errors.push({ line, column: field.label, message: cell.message });
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
