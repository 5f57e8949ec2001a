import { asc, eq } from "drizzle-orm";
import { stores } from "@boomerang/db";
import { getBusinessProfile } from "../services/settings";
import { todayIn } from "../services/period";
import { authedProcedure, createTRPCRouter, publicProcedure, storeScopedProcedure } from "../trpc";

export const sessionRouter = createTRPCRouter({
  /** Who is signed in and how the business shows money and dates. */
  me: authedProcedure.query(async ({ ctx }) => {
    const profile = await getBusinessProfile(ctx.db);
    return { user: ctx.user, business: profile, today: todayIn(ctx.now, profile.timezone) };
  }),
  /** Business name and formatting, for pages shown before sign-in too. */
  business: publicProcedure.query(({ ctx }) => getBusinessProfile(ctx.db)),
});

export const storesRouter = createTRPCRouter({
  /** The stores the user may look at: one for a store manager, all for everyone else. */
  list: storeScopedProcedure.query(({ ctx }) =>
    ctx.db
      .select({
        id: stores.id,
        code: stores.code,
        name: stores.name,
        city: stores.city,
        region: stores.region,
      })
      .from(stores)
      .where(ctx.storeScope === null ? undefined : eq(stores.id, ctx.storeScope))
      .orderBy(asc(stores.name)),
  ),
});
