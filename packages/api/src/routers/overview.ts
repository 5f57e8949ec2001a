import { z } from "zod";
import { getOverview } from "../services/overview/get-overview";
import { createTRPCRouter, scopedStoreId, storeScopedProcedure } from "../trpc";
import { dayRangeInput } from "./inputs";

export const overviewRouter = createTRPCRouter({
  get: storeScopedProcedure
    .input(z.object({ range: dayRangeInput, storeId: z.number().int().positive().nullish() }))
    .query(({ ctx, input }) =>
      getOverview(ctx.db, {
        range: input.range,
        storeId: scopedStoreId(ctx.storeScope, input.storeId),
      }),
    ),
});
