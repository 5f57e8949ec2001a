import { z } from "zod";

export const importKindInput = z.enum(["customers", "orders", "events"]);
export type ImportKind = z.output<typeof importKindInput>;

/** Which column of the file feeds each field: field key → 0-based column index, or null. */
export const columnMapping = z.record(z.string(), z.number().int().min(0).max(500).nullable());
export type ColumnMapping = z.output<typeof columnMapping>;

/** How the file writes dates like 06/07/2025 (see `DateOrder`). */
export const dateOrderInput = z.enum(["day-first", "month-first"]);

/** The file's text encoding: UTF-8, or what spreadsheets on Windows save as "CSV" (Windows-1252). */
export const fileEncodingInput = z.enum(["utf-8", "windows-1252"]);
export type FileEncoding = z.output<typeof fileEncodingInput>;
