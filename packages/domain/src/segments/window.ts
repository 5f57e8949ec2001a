import { z } from "zod";

/**
 * When behaviour is counted: over everything the customer did, over the last N days before `now`,
 * or between two instants (from inclusive, to exclusive). The caller turns business-calendar days
 * into instants, so the tree itself never depends on a time zone.
 */
export const activityWindow = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("allTime") }),
  z.object({ kind: z.literal("lastDays"), days: z.int().min(1).max(3650) }),
  z
    .object({ kind: z.literal("between"), from: z.iso.datetime(), to: z.iso.datetime() })
    .refine((w) => Date.parse(w.from) < Date.parse(w.to), {
      message: "The window must start before it ends",
    }),
]);
export type ActivityWindow = z.infer<typeof activityWindow>;

const DAY_MS = 86_400_000;

/** The window as a half-open range of epoch milliseconds; "all time" has no bounds. */
export function windowBounds(window: ActivityWindow, now: Date): { from: number; to: number } {
  switch (window.kind) {
    case "allTime":
      return { from: -Infinity, to: Infinity };
    case "lastDays":
      // The last N days end at `now` itself, which is included.
      return { from: now.getTime() - window.days * DAY_MS, to: now.getTime() + 1 };
    case "between":
      return { from: Date.parse(window.from), to: Date.parse(window.to) };
  }
}

export const inWindow = (at: Date, bounds: { from: number; to: number }): boolean =>
  at.getTime() >= bounds.from && at.getTime() < bounds.to;

export function describeWindow(window: ActivityWindow): string {
  switch (window.kind) {
    case "allTime":
      return "ever";
    case "lastDays":
      return `in the last ${window.days} days`;
    case "between":
      return `between ${window.from.slice(0, 10)} and ${window.to.slice(0, 10)}`;
  }
}

/** A numeric range; either end may be open, both ends are included. */
export const numberRange = z
  .object({ min: z.number().optional(), max: z.number().optional() })
  .refine((r) => r.min !== undefined || r.max !== undefined, {
    message: "Give a minimum, a maximum or both",
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: "The minimum must not exceed the maximum",
  });
export type NumberRange = z.infer<typeof numberRange>;

export const inRange = (value: number, range: NumberRange): boolean =>
  (range.min === undefined || value >= range.min) &&
  (range.max === undefined || value <= range.max);

export function describeRange(range: NumberRange, unit = ""): string {
  if (range.min !== undefined && range.max !== undefined) return `${range.min}–${range.max}${unit}`;
  if (range.min !== undefined) return `at least ${range.min}${unit}`;
  return `at most ${range.max}${unit}`;
}
