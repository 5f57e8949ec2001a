import type { Database } from "@boomerang/db";
import { AppError, conflict } from "../../errors";

const MAX_ATTEMPTS = 6;
// serialization_failure and deadlock_detected: the transaction did nothing and can simply run again.
const RETRYABLE = new Set(["40001", "40P01"]);

/** The SQLSTATE of a database error, looking through the wrappers drivers and Drizzle add. */
export function sqlState(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Whether the database refused a value the caller sent rather than failed on its own: a number past
 * a column's range (22003), a date past its range (22008), a NUL character in text (22021) or JSON
 * (22P05), a lone UTF-16 surrogate in JSON (22P02, which the REST API refuses before; tRPC inputs
 * can still carry one). Other data errors (a division by zero) are server bugs.
 */
export function refusedInput(error: unknown): boolean {
  const state = sqlState(error);
  return (
    state === "22003" ||
    state === "22008" ||
    state === "22021" ||
    state === "22P05" ||
    state === "22P02"
  );
}

/**
 * Runs `work` in one transaction, again (a bounded number of times) when the database aborted it
 * for a serialization failure or a deadlock. A unique violation that escapes the work means a
 * concurrent request created the same thing first: a conflict, not a server error.
 */
export async function inTransaction<T>(
  db: Database,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Database));
    } catch (error) {
      if (error instanceof AppError) throw error;
      const state = sqlState(error);
      if (state !== null && RETRYABLE.has(state) && attempt < MAX_ATTEMPTS) continue;
      if (state === "23505")
        throw conflict("This was created at the same time by another request; retry to see it.");
      throw error;
    }
  }
}
