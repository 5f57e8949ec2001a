import { z } from "zod";

/** The largest id PostgreSQL's integer columns hold. */
export const MAX_RECORD_ID = 2_147_483_647;

/** A record's id (customer, store, segment, snapshot…): a positive integer the database can hold. */
export const recordId = z
  .number()
  .int()
  .positive()
  .max(MAX_RECORD_ID, { message: "No record has an id that large." });

/** The same id given as text (a query string parameter): digits only, not "0x1", " 1" or "1e3". */
export const recordIdText = z
  .string()
  .regex(/^\d+$/, { message: "must be a whole number like 42" })
  .transform(Number)
  .pipe(recordId);
