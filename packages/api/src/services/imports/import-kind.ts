import { z } from "zod";

export const importKindInput = z.enum(["customers", "orders", "events"]);
export type ImportKind = z.output<typeof importKindInput>;

/** Which column of the file feeds each field: field key → 0-based column index, or null. */
export const columnMapping = z.record(z.string(), z.number().int().min(0).max(500).nullable());
export type ColumnMapping = z.output<typeof columnMapping>;
