import { eq } from "drizzle-orm";
import { businessSettings, type CustomerScope, type Database } from "@boomerang/db";
import { defaultChurnWindowDays } from "../stores/store-period";

/**
 * The scope of every customers query: a store manager's store (their home customers), and the
 * churn window from Settings, after which a customer without orders counts as lapsed.
 */
export async function customerScope(
  db: Database,
  storeScope: number | null,
  now: Date,
): Promise<CustomerScope> {
  const [settings] = await db
    .select({ churnWindowDays: businessSettings.churnWindowDays })
    .from(businessSettings)
    .where(eq(businessSettings.id, 1));
  return {
    storeScope,
    now,
    lapsedAfterDays: settings?.churnWindowDays ?? defaultChurnWindowDays,
  };
}
