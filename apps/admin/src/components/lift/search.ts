import { z } from "zod";
import type { RouterInputs } from "@boomerang/api";

export type LiftInput = RouterInputs["lift"]["report"];

/** Windows after enrolment offered on the page (the API refuses any other). */
export const liftWindowOptions = [4, 8, 13, 26] as const;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Reads /compare/lift's URL: `window` in weeks and `expected` lift in percentage points. A missing
 * or malformed value falls back to the default (8 weeks, each type's expected effect); an
 * out-of-range expected lift is passed on for the API to refuse with its message.
 */
export function parseLiftSearch(params: Record<string, string | string[] | undefined>): LiftInput {
  const window = z.coerce
    .number()
    .int()
    .refine((w) => (liftWindowOptions as readonly number[]).includes(w))
    .safeParse(one(params.window));
  const expectedText = one(params.expected)?.trim().replace(",", ".") ?? "";
  const expected = z.coerce.number().finite().safeParse(expectedText);
  return {
    windowWeeks: window.success ? window.data : 8,
    expectedLiftPp: expectedText !== "" && expected.success ? expected.data : null,
  };
}
