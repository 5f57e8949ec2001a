import type { ImportRowError } from "@boomerang/db";
import { parseCount, parseDay, parseFlag, parseInstant, parseMoney, type Cell } from "./cells";
import type { ImportField } from "./columns";
import type { ColumnMapping } from "./import-kind";

export type RowValue = string | number | boolean | Date | null;
export type RowContext = { timeZone: string; currency: string };

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readCell(field: ImportField, raw: string, ctx: RowContext): Cell<RowValue> {
  const t = field.type;
  switch (t.kind) {
    case "text":
      if (raw.includes("\u0000")) return { ok: false, message: "contains a NUL character" };
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
      return parseInstant(raw, ctx.timeZone);
    case "day":
      return parseDay(raw);
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

/** Reads one data row through the mapping: typed values in field order, or every problem in it. */
export function readRow(
  fields: readonly ImportField[],
  mapping: ColumnMapping,
  cells: readonly string[],
  line: number,
  ctx: RowContext,
): { values: RowValue[]; errors: ImportRowError[] } {
  const values: RowValue[] = [];
  const errors: ImportRowError[] = [];
  for (const field of fields) {
    const index = mapping[field.key];
    const raw = index === null || index === undefined ? "" : (cells[index] ?? "").trim();
    if (raw === "") {
      if (field.required) errors.push({ line, column: field.label, message: "is required" });
      values.push(null);
      continue;
    }
    const cell = readCell(field, raw, ctx);
    if (cell.ok) values.push(cell.value);
    else {
      errors.push({ line, column: field.label, message: cell.message });
      values.push(null);
    }
  }
  return { values, errors };
}
