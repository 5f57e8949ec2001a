import { z } from "zod";
import { liftReport } from "../services/lift/measured-lift";
import { analystProcedure, createTRPCRouter } from "../trpc";

/** Windows after enrolment the page offers: a month, two, a quarter, half a year. */
export const liftWindows = [4, 8, 13, 26] as const;

/**
 * After-launch measured lift of every program that has run. It reads every store's customers, so
 * analysts, marketers and admins only; store managers are refused.
 */
export const liftRouter = createTRPCRouter({
  report: analystProcedure
    .input(
      z.object({
        windowWeeks: z
          .number()
          .int()
          .refine((w) => (liftWindows as readonly number[]).includes(w), {
            message: "Choose a window of 4, 8, 13 or 26 weeks.",
          })
          .default(8),
        /** Expected lift on the repeat rate in percentage points; null: each type's default. */
        expectedLiftPp: z
          .number()
          .min(0.1, "Enter an expected lift of at least 0.1 points.")
          .max(50, "Enter an expected lift of at most 50 points.")
          .nullish(),
      }),
    )
    .query(({ ctx, input }) =>
      liftReport(ctx.db, {
        now: ctx.now,
        windowWeeks: input.windowWeeks,
        expectedLift: input.expectedLiftPp == null ? null : input.expectedLiftPp / 100,
      }),
    ),
});
