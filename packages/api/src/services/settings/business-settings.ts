import { eq } from "drizzle-orm";
import { businessSettings, type Database } from "@boomerang/db";
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

/** Saves the business's profile; every page reads it on its next request, so a change shows everywhere at once. */
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
