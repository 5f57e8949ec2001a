import { z } from "zod";
import { customerListInput } from "../services/customers/customer-input";
import { getCustomer } from "../services/customers/get-customer";
import { listCustomerPage } from "../services/customers/list-customers";
import { createTRPCRouter, scopedStoreId, storeScopedProcedure } from "../trpc";

export const customersRouter = createTRPCRouter({
  /** A page of customers, searched, filtered and sorted; store managers get their home customers only. */
  list: storeScopedProcedure.input(customerListInput).query(({ ctx, input }) =>
    listCustomerPage(ctx.db, input, {
      storeScope: ctx.storeScope,
      homeStoreId: scopedStoreId(ctx.storeScope, input.storeId),
      now: ctx.now,
    }),
  ),
  /** One customer in full; another store's customer is "not found" for a store manager. */
  get: storeScopedProcedure
    .input(z.object({ id: z.number({ message: "Choose a customer." }).int().positive() }))
    .query(({ ctx, input }) =>
      getCustomer(ctx.db, { id: input.id, storeScope: ctx.storeScope, now: ctx.now }),
    ),
});
