import {
  deleteSegmentSnapshot,
  findSegmentSnapshot,
  freezeSegmentSnapshot,
  listSegmentSnapshots,
  type Database,
} from "@boomerang/db";
import { notFound } from "../../errors";
import { recordAudit } from "../audit";
import { loadSegment, storedRules } from "./saved-segments";

const inTransaction = <T>(db: Database, work: (tx: Database) => Promise<T>) =>
  db.transaction((tx) => work(tx as unknown as Database));

/** Freezes the segment's current members at `now`, with the version it was taken from; audited. */
export function freezeSnapshot(
  db: Database,
  actorId: number,
  segmentId: number,
  note: string,
  now: Date,
) {
  return inTransaction(db, async (tx) => {
    const segment = await loadSegment(tx, segmentId);
    const frozen = await freezeSegmentSnapshot(tx, {
      segmentId,
      segmentVersion: segment.version,
      rules: storedRules(segment.rules),
      asOf: now,
      note,
      createdBy: actorId,
    });
    await recordAudit(tx, {
      actorId,
      action: "segment.snapshot_created",
      entityType: "segment",
      entityId: segmentId,
      changes: {
        snapshotId: frozen.id,
        version: segment.version,
        members: frozen.memberCount,
        note,
      },
      at: now,
    });
    return { ...frozen, segmentVersion: segment.version, asOf: now };
  });
}

/**
 * A segment's snapshots. Store managers see how many members are in their store and not the
 * whole business's count (`memberCount` is null for them): counts of other stores are not theirs.
 */
export async function listSnapshots(db: Database, segmentId: number, storeId: number | null) {
  await loadSegment(db, segmentId);
  const rows = await listSegmentSnapshots(db, segmentId, storeId);
  return storeId === null ? rows : rows.map((row) => ({ ...row, memberCount: null }));
}

/** Deletes a snapshot of the segment; audited. */
export function deleteSnapshot(
  db: Database,
  actorId: number,
  segmentId: number,
  snapshotId: number,
  now: Date,
) {
  return inTransaction(db, async (tx) => {
    const snapshot = await findSegmentSnapshot(tx, snapshotId);
    if (!snapshot || snapshot.segmentId !== segmentId) throw notFound("The snapshot");
    await deleteSegmentSnapshot(tx, snapshotId);
    await recordAudit(tx, {
      actorId,
      action: "segment.snapshot_deleted",
      entityType: "segment",
      entityId: segmentId,
      changes: {
        snapshotId,
        asOf: snapshot.asOf.toISOString(),
        members: snapshot.memberCount,
      },
      at: now,
    });
    return { id: snapshotId };
  });
}
