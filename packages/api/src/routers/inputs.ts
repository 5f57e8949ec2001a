import { z } from "zod";

const day = z.iso.date({ message: "Use a date in the form YYYY-MM-DD." });

/** An inclusive range of calendar days, at most ~5 years, `from` not after `to`. */
export const dayRangeInput = z
  .object({ from: day, to: day })
  .refine((r) => r.from <= r.to, {
    message: "The start date must not be after the end date.",
    path: ["from"],
  })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 5 * 366 * 86_400_000, {
    message: "Choose a period of at most five years.",
    path: ["to"],
  });
