import { z } from "zod";
import { getRetention } from "../services/retention/get-retention";
import { getPredictedValue, refitPredictions } from "../services/retention/predicted-value";
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
  predictedValue: storeScopedProcedure
    .input(z.object({ storeId: z.number().int().positive().nullish() }))
    .query(({ ctx, input }) =>
      getPredictedValue(ctx.db, scopedStoreId(ctx.storeScope, input.storeId)),
    ),
  refitPredictions: marketerProcedure
    .input(z.object({}).strict())
    .mutation(({ ctx }) => refitPredictions(ctx.db, ctx.user.id, ctx.now)),
});
