import { z } from "zod";
import { getStoreDetail } from "../services/stores/get-store-detail";
import { listStoreKpis } from "../services/stores/list-store-kpis";
import { createTRPCRouter, scopedStoreId, storeScopedProcedure } from "../trpc";
import { dayRangeInput } from "./inputs";

const storeId = z.number({ message: "Choose a store." }).int().positive();

export const storeKpisRouter = createTRPCRouter({
  /** Every store the user may see, with KPIs for the period against the previous one. */
  list: storeScopedProcedure
    .input(z.object({ range: dayRangeInput }))
    .query(({ ctx, input }) =>
      listStoreKpis(ctx.db, { range: input.range, storeScope: ctx.storeScope, now: ctx.now }),
    ),
  /** One store in depth; a store manager may ask only for their own. */
  get: storeScopedProcedure
    .input(z.object({ range: dayRangeInput, storeId }))
    .query(({ ctx, input }) =>
      getStoreDetail(ctx.db, {
        storeId: scopedStoreId(ctx.storeScope, input.storeId) ?? input.storeId,
        range: input.range,
        now: ctx.now,
        manager: ctx.storeScope !== null,
      }),
    ),
});
