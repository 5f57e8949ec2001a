import { z } from "zod";
import { comparisonInput } from "@boomerang/domain/simulation";
import {
  getComparison,
  rerunComparison,
  savedComparisons,
  startComparison,
} from "../services/compare/comparisons";
import { programCandidates } from "../services/compare/program-candidates";
import { analystProcedure, createTRPCRouter } from "../trpc";
import { dayRangeInput } from "./inputs";

const id = z.object({ id: z.number().int().positive() });

/**
 * Before-launch comparison of program types. Analysts, marketers and admins run and read
 * comparisons (they simulate the whole business's history); store managers do not.
 */
export const compareRouter = createTRPCRouter({
  start: analystProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "Give the comparison a name.").max(120),
        comparison: comparisonInput,
        range: dayRangeInput.nullish(),
        storeId: z.number().int().positive().nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      startComparison(ctx.db, {
        name: input.name,
        input: input.comparison,
        range: input.range ?? null,
        storeId: input.storeId ?? null,
        userId: ctx.user.id,
        now: ctx.now,
      }),
    ),
  get: analystProcedure
    .input(id)
    .query(({ ctx, input }) => getComparison(ctx.db, input.id, ctx.now)),
  list: analystProcedure.query(({ ctx }) => savedComparisons(ctx.db)),
  /** Saved programs (drafts and others) a candidate can be loaded from. */
  programOptions: analystProcedure.query(({ ctx }) => programCandidates(ctx.db)),
  rerun: analystProcedure
    .input(id)
    .mutation(({ ctx, input }) => rerunComparison(ctx.db, input.id, ctx.now)),
});
