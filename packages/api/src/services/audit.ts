import { auditLog, type Database } from "@boomerang/db";

export type AuditRecord = {
  actorId: number | null;
  /** What happened, as a verb phrase in the past: "program.created", "segment.deleted", "user.role_changed". */
  action: string;
  entityType: string;
  entityId: string | number | null;
  /** What changed: e.g. { before: {...}, after: {...} } or the fields that changed. */
  changes?: Record<string, unknown>;
  at: Date;
};

/**
 * Writes one audit entry. Call it with the transaction that makes the change, so the change and its
 * record are committed together or not at all.
 */
export async function recordAudit(db: Database, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    actorId: record.actorId,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId === null ? null : String(record.entityId),
    changes: record.changes ?? {},
    at: record.at,
  });
}

/** The fields whose values differ between two versions of a record, for the audit log. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    const from = before[key];
    const to = after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from, to };
  }
  return diff;
}
