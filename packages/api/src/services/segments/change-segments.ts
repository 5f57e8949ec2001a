import { eq } from "drizzle-orm";
import { countSegment, programs, segments, segmentVersions, type Database } from "@boomerang/db";
import { changedFields, recordAudit } from "../audit";
import { conflict } from "../../errors";
import type { SegmentFields } from "./segment-input";
import { loadSegment, loadSegmentVersion, storedRules } from "./saved-segments";

type Tx = Database;
const inTransaction = <T>(db: Database, work: (tx: Tx) => Promise<T>) =>
  db.transaction((tx) => work(tx as unknown as Tx));

/** Every saved state is kept as a version with its size at the time, so edits can be compared later. */
async function writeVersion(
  tx: Tx,
  segmentId: number,
  version: number,
  fields: SegmentFields,
  actorId: number,
  now: Date,
) {
  const { members } = await countSegment(tx, fields.rules, { now });
  await tx.insert(segmentVersions).values({
    segmentId,
    version,
    rules: fields.rules as Record<string, unknown>,
    memberCount: members,
    createdBy: actorId,
    createdAt: now,
  });
}

export function createSegment(db: Database, actorId: number, fields: SegmentFields, now: Date) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(segments)
      .values({
        name: fields.name,
        description: fields.description,
        rules: fields.rules as Record<string, unknown>,
        ownerId: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeVersion(tx, row!.id, 1, fields, actorId, now);
    await recordAudit(tx, {
      actorId,
      action: "segment.created",
      entityType: "segment",
      entityId: row!.id,
      changes: { after: fields },
      at: now,
    });
    return row!;
  });
}

/** Saves an edit as a new version; `version` is the one the editor started from (refused if stale). */
export function updateSegment(
  db: Database,
  actorId: number,
  id: number,
  version: number,
  fields: SegmentFields,
  now: Date,
) {
  return inTransaction(db, async (tx) => {
    const before = await loadSegment(tx, id);
    if (before.version !== version) {
      throw conflict(
        `Someone saved this segment (version ${before.version}) after you opened version ${version}. Reload to see their changes.`,
      );
    }
    const next = before.version + 1;
    const [row] = await tx
      .update(segments)
      .set({
        name: fields.name,
        description: fields.description,
        rules: fields.rules as Record<string, unknown>,
        version: next,
        updatedAt: now,
      })
      .where(eq(segments.id, id))
      .returning();
    await writeVersion(tx, id, next, fields, actorId, now);
    await recordAudit(tx, {
      actorId,
      action: "segment.updated",
      entityType: "segment",
      entityId: id,
      changes: changedFields(
        { name: before.name, description: before.description, rules: storedRules(before.rules) },
        fields,
      ),
      at: now,
    });
    return row!;
  });
}

export async function duplicateSegment(db: Database, actorId: number, id: number, now: Date) {
  const source = await loadSegment(db, id);
  return createSegment(
    db,
    actorId,
    {
      name: `${source.name} (copy)`.slice(0, 120),
      description: source.description,
      rules: storedRules(source.rules),
    },
    now,
  );
}

/** Deleting is refused while a program targets the segment, naming the programs. */
export function deleteSegment(db: Database, actorId: number, id: number, now: Date) {
  return inTransaction(db, async (tx) => {
    const segment = await loadSegment(tx, id);
    const users = await tx
      .select({ name: programs.name, status: programs.status })
      .from(programs)
      .where(eq(programs.segmentId, id));
    if (users.length > 0) {
      const names = users.map((p) => `"${p.name}" (${p.status})`).join(", ");
      throw conflict(
        `This segment cannot be deleted: it is used by ${names}. Point those programs at another segment first.`,
      );
    }
    await tx.delete(segments).where(eq(segments.id, id));
    await recordAudit(tx, {
      actorId,
      action: "segment.deleted",
      entityType: "segment",
      entityId: id,
      changes: { before: { name: segment.name, rules: segment.rules } },
      at: now,
    });
  });
}

/**
 * Puts an older version's rules back as a new version (history is never rewritten), refused when
 * someone saved after the caller opened `version`; audited as a restore naming both versions.
 */
export function restoreSegmentVersion(
  db: Database,
  actorId: number,
  id: number,
  version: number,
  restore: number,
  now: Date,
) {
  return inTransaction(db, async (tx) => {
    const before = await loadSegment(tx, id);
    if (before.version !== version) {
      throw conflict(
        `Someone saved this segment (version ${before.version}) after you opened version ${version}. Reload to see their changes.`,
      );
    }
    if (restore === before.version)
      throw conflict(`Version ${restore} is already the current version; pick an older one.`);
    const old = await loadSegmentVersion(tx, id, restore);
    const rules = storedRules(old.rules);
    const next = before.version + 1;
    const [row] = await tx
      .update(segments)
      .set({ rules: rules as Record<string, unknown>, version: next, updatedAt: now })
      .where(eq(segments.id, id))
      .returning();
    const fields = { name: before.name, description: before.description, rules };
    await writeVersion(tx, id, next, fields, actorId, now);
    await recordAudit(tx, {
      actorId,
      action: "segment.restored",
      entityType: "segment",
      entityId: id,
      changes: {
        restoredVersion: restore,
        newVersion: next,
        ...changedFields({ rules: storedRules(before.rules) }, { rules }),
      },
      at: now,
    });
    return row!;
  });
}
