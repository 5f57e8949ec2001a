import { eq } from "drizzle-orm";
import { businessSettings, type Database } from "@boomerang/db";

export type BusinessProfile = {
  businessName: string;
  currency: string;
  locale: string;
  timezone: string;
  demoData: boolean;
  demoAsOf: Date | null;
};

const fallback: BusinessProfile = {
  businessName: "Boomerang",
  currency: "EUR",
  locale: "en-GB",
  timezone: "UTC",
  demoData: false,
  demoAsOf: null,
};

/** The business's currency, locale and time zone; defaults until an admin or the seed sets them. */
export async function getBusinessProfile(db: Database): Promise<BusinessProfile> {
  const [row] = await db.select().from(businessSettings).where(eq(businessSettings.id, 1)).limit(1);
  if (!row) return fallback;
  return {
    businessName: row.businessName,
    currency: row.currency,
    locale: row.locale,
    timezone: row.timezone,
    demoData: row.demoData,
    demoAsOf: row.demoAsOf,
  };
}
