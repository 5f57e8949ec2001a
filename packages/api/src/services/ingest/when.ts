import { invalid } from "../../errors";

/** How far ahead of the server's clock a sender's clock may run: tills' clocks drift a little. */
export const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Why a sale, refund or event time cannot be taken, or null: a time later than the server's clock
 * (plus the skew) would move each member's program clock into the future, so expiring points and
 * dating every later entry there. Found by a till with a wrong clock or a typo in the year.
 */
export function futureProblem(field: string, at: string | Date, now: Date): string | null {
  const when = at instanceof Date ? at : new Date(at);
  if (when.getTime() <= now.getTime() + CLOCK_SKEW_MS) return null;
  return `${field}: ${when.toISOString()} is in the future (the server's time is ${now.toISOString()}); send when it happened, with its UTC offset.`;
}

/** Throws the 400 for a time in the future; see futureProblem. */
export function assertNotFuture(field: string, at: string | Date, now: Date): void {
  const problem = futureProblem(field, at, now);
  if (problem !== null) throw invalid(problem);
}
