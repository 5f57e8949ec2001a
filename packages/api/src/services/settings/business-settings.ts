import { eq, sql } from "drizzle-orm";
import { businessSettings, refreshCustomerActivity, type Database } from "@boomerang/db";
import { changedFields, recordAudit } from "../audit";
import { defaultChurnWindowDays } from "../stores/store-period";
import type { BusinessSettingsInput } from "./business-settings-input";

/** What the Settings form edits, with defaults before anyone has saved it. */
export async function getBusinessSettings(
  db: Database,
): Promise<BusinessSettingsInput & { demoData: boolean }> {
  const [row] = await db.select().from(businessSettings).where(eq(businessSettings.id, 1));
  return {
    businessName: row?.businessName ?? "Boomerang",
    currency: row?.currency ?? "EUR",
    locale: row?.locale ?? "en-GB",
    timezone: row?.timezone ?? "UTC",
    churnWindowDays: row?.churnWindowDays ?? defaultChurnWindowDays,
    demoData: row?.demoData ?? false,
  };
}

/**
 * Caches of figures cut by the business's local days and months. Their rows are keyed by the zone
 * they were computed in, but the triggers only forget the months whose customers' features change,
 * so rows of an earlier zone would be served again if the business switched back to it.
 */
const zoneCaches = [
  "store_kpi_months",
  "retention_cohort_months",
  "retention_churn_events",
  "retention_activity_months",
  "retention_gap_counts",
  "retention_repeat_days",
  "retention_store_cohort_months",
  "retention_store_churn_events",
  "retention_bracket_counts",
] as const;

/**
 * After a time zone change, in the saving transaction: recomputes everyone's order-derived
 * features (cohort months and weeks, local order days) in the new zone, and empties the figure
 * caches so the next read computes them in the new zone. Takes the cache writers' shared locks
 * first, as the features triggers do, so no cache fill runs on half-changed features.
 */
async function recomputeForTimeZone(tx: Database, now: Date): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock_shared(7431001), pg_advisory_xact_lock_shared(7431002)`,
  );
  await refreshCustomerActivity(tx, null, now);
  for (const table of zoneCaches) await tx.execute(sql`delete from ${sql.identifier(table)}`);
}

/**
 * Saves the business's profile; every page reads it on its next request, so a change shows
 * everywhere at once. A new time zone recomputes the customer features and figure caches that
 * are cut by local day or month, in the same transaction.
 */
export async function updateBusinessSettings(
  db: Database,
  actorId: number,
  input: BusinessSettingsInput,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const before = await getBusinessSettings(tx);
    const { demoData: _demo, ...editable } = before;
    const changes = changedFields(editable, input);
    await tx
      .insert(businessSettings)
      .values({ id: 1, ...input, updatedAt: now })
      .onConflictDoUpdate({ target: businessSettings.id, set: { ...input, updatedAt: now } });
    if (before.timezone !== input.timezone) await recomputeForTimeZone(tx, now);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, {
        actorId,
        action: "settings.updated",
        entityType: "settings",
        entityId: 1,
        changes,
        at: now,
      });
    }
    return getBusinessSettings(tx);
  });
}
