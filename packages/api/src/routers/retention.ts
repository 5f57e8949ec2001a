import { z } from "zod";
import { checkBracketEnds, MAX_BRACKET_DAY } from "@boomerang/domain/metrics";
import { getRetentionBrackets } from "../services/retention/brackets";
import { getRetention } from "../services/retention/get-retention";
import { getPredictedValue, refitPredictions } from "../services/retention/predicted-value";
import { getRetentionSideBySide } from "../services/retention/side-by-side";
import { createTRPCRouter, marketerProcedure, scopedStoreId, storeScopedProcedure } from "../trpc";
import { dayRangeInput } from "./inputs";

const days = (what: string, max: number) =>
  z
    .number({ message: `${what} must be a number of days.` })
    .int({ message: `${what} must be a whole number of days.` })
    .min(1, { message: `${what} must be at least 1 day.` })
    .max(max, { message: `${what} can be at most ${max} days.` });

export const retentionInput = z.object({
  range: dayRangeInput,
  storeId: z.number().int().positive().nullish(),
  grain: z.enum(["week", "month", "quarter"]).default("month"),
  channel: z.enum(["online", "offline"]).nullish(),
  segmentId: z.number().int().positive().nullish(),
  program: z
    .object({ programId: z.number().int().positive(), group: z.enum(["members", "control"]) })
    .nullish(),
  repeatWithinDays: days("The repeat window", 730).default(90),
  churnWindow: z
    .object({
      churnAfterDays: days("The churn window", 1095),
      atRiskAfterDays: days("The at-risk threshold", 1094),
    })
    .nullish(),
  trendPeriod: z.number().int().min(1).max(24).default(1),
});

const id = z.number().int().positive();

/** Last day of each bracket after the first purchase: [7, 30, 90] is 0–7, 8–30 and 31–90. */
export const bracketEndsInput = z
  .array(
    z
      .number({ message: "Bracket end days must be numbers." })
      .int({ message: "Bracket end days must be whole days." })
      .min(0, { message: "Bracket end days cannot be negative." })
      .max(MAX_BRACKET_DAY, { message: `Bracket end days can be at most ${MAX_BRACKET_DAY}.` }),
  )
  .superRefine((ends, ctx) => {
    const problem = checkBracketEnds(ends);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const retentionBracketsInput = retentionInput
  .pick({ range: true, storeId: true, grain: true, channel: true, segmentId: true, program: true })
  .extend({ ends: bracketEndsInput });

export const sideBySideSeriesInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("segment"), segmentId: id }),
  z.object({
    kind: z.literal("program"),
    programId: id,
    group: z.enum(["members", "control"]),
  }),
  z.object({ kind: z.literal("store"), storeId: id }),
]);

export const retentionSideBySideInput = retentionInput
  .pick({ range: true, storeId: true, grain: true, channel: true })
  .extend({
    series: z
      .array(sideBySideSeriesInput)
      .min(2, { message: "Pick at least two curves to compare." })
      .max(4, { message: "Pick at most four curves: more cannot be read on one chart." }),
  });

export const retentionRouter = createTRPCRouter({
  get: storeScopedProcedure.input(retentionInput).query(({ ctx, input }) =>
    getRetention(
      ctx.db,
      {
        range: input.range,
        storeId: scopedStoreId(ctx.storeScope, input.storeId),
        grain: input.grain,
        channel: input.channel ?? null,
        program: input.program ?? null,
        segmentId: input.segmentId ?? null,
        repeatWithinDays: input.repeatWithinDays,
        churnWindow: input.churnWindow ?? null,
        trendPeriod: input.trendPeriod,
      },
      ctx.now,
    ),
  ),
  brackets: storeScopedProcedure.input(retentionBracketsInput).query(({ ctx, input }) =>
    getRetentionBrackets(
      ctx.db,
      {
        range: input.range,
        storeId: scopedStoreId(ctx.storeScope, input.storeId),
        grain: input.grain,
        channel: input.channel ?? null,
        segmentId: input.segmentId ?? null,
        program: input.program ?? null,
        ends: input.ends,
      },
      ctx.now,
    ),
  ),
  sideBySide: storeScopedProcedure.input(retentionSideBySideInput).query(({ ctx, input }) =>
    getRetentionSideBySide(
      ctx.db,
      {
        range: input.range,
        grain: input.grain,
        channel: input.channel ?? null,
        storeId: scopedStoreId(ctx.storeScope, input.storeId),
        // A store manager's store curves are their own store only.
        series: input.series.map((s) =>
          s.kind === "store" ? { ...s, storeId: scopedStoreId(ctx.storeScope, s.storeId)! } : s,
        ),
      },
      ctx.now,
    ),
  ),
  predictedValue: storeScopedProcedure
    .input(z.object({ storeId: z.number().int().positive().nullish() }))
    .query(({ ctx, input }) =>
      getPredictedValue(ctx.db, scopedStoreId(ctx.storeScope, input.storeId)),
    ),
  refitPredictions: marketerProcedure
    .input(z.object({}).strict())
    .mutation(({ ctx }) => refitPredictions(ctx.db, ctx.user.id, ctx.now)),
});
