import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { segmentMemberIds } from "./compile-segment";

export type SnapshotRow = {
  id: number;
  segmentId: number;
  segmentVersion: number;
  asOf: Date;
  /** Every member frozen in the snapshot. */
  memberCount: number;
  /** The members in the caller's store scope (equal to memberCount without a scope). */
  membersInScope: number;
  note: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: Date;
};

/**
 * Freezes a segment's members at `asOf`: the snapshot row, then one INSERT … SELECT from the compiled
 * query (customers are never loaded into JavaScript), then the count. Call it inside a transaction
 * so a snapshot is never seen half written.
 */
export async function freezeSegmentSnapshot(
  db: Database,
  input: {
    segmentId: number;
    segmentVersion: number;
    rules: SegmentNode;
    asOf: Date;
    note: string;
    createdBy: number | null;
  },
): Promise<{ id: number; memberCount: number }> {
  const [snapshot] = await queryRows<{ id: number }>(
    db,
    sql`insert into segment_snapshots (segment_id, segment_version, as_of, member_count, note, created_by, created_at)
        values (${input.segmentId}::int, ${input.segmentVersion}::int, ${instant(input.asOf)}, 0,
                ${input.note}, ${input.createdBy}::int, ${instant(input.asOf)})
        returning id::int as id`,
  );
  const id = snapshot!.id;
  const [counted] = await queryRows<{ n: number }>(
    db,
    sql`with inserted as (
          insert into segment_snapshot_members (snapshot_id, customer_id)
          select ${id}::int, m.id from (${segmentMemberIds(input.rules, { now: input.asOf })}) m
          returning 1
        )
        update segment_snapshots set member_count = (select count(*) from inserted)
        where id = ${id}::int
        returning member_count::int as n`,
  );
  return { id, memberCount: counted!.n };
}

/** A segment's snapshots, newest first, with who froze them and how many members are in scope. */
export async function listSegmentSnapshots(
  db: Database,
  segmentId: number,
  storeId: number | null,
): Promise<SnapshotRow[]> {
  const inScope =
    storeId == null
      ? sql`s.member_count`
      : sql`(select count(*) from segment_snapshot_members m join customers c on c.id = m.customer_id
             where m.snapshot_id = s.id and c.home_store_id = ${storeId}::int)`;
  return queryRows<SnapshotRow>(
    db,
    sql`select s.id::int as "id", s.segment_id::int as "segmentId", s.segment_version::int as "segmentVersion",
               s.as_of as "asOf", s.member_count::int as "memberCount", (${inScope})::int as "membersInScope",
               s.note, s.created_by::int as "createdBy", u.name as "createdByName", s.created_at as "createdAt"
        from segment_snapshots s left join users u on u.id = s.created_by
        where s.segment_id = ${segmentId}::int
        order by s.as_of desc, s.id desc`,
  ).then((rows) =>
    rows.map((r) => ({ ...r, asOf: new Date(r.asOf), createdAt: new Date(r.createdAt) })),
  );
}

/** One snapshot's row, or undefined. */
export async function findSegmentSnapshot(
  db: Database,
  snapshotId: number,
): Promise<{ id: number; segmentId: number; memberCount: number; asOf: Date } | undefined> {
  const [row] = await queryRows<{ id: number; segmentId: number; memberCount: number; asOf: Date }>(
    db,
    sql`select id::int as "id", segment_id::int as "segmentId", member_count::int as "memberCount", as_of as "asOf"
        from segment_snapshots where id = ${snapshotId}::int`,
  );
  return row ? { ...row, asOf: new Date(row.asOf) } : undefined;
}

/** Deletes a snapshot (its members go with it); true when there was one. */
export async function deleteSegmentSnapshot(db: Database, snapshotId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`delete from segment_snapshots where id = ${snapshotId}::int returning id::int as id`,
  );
  return rows.length > 0;
}

/** The ids of a snapshot's members, in a store scope, as a subquery for exports. */
export const snapshotMemberIds = (snapshotId: number) =>
  sql`select customer_id from segment_snapshot_members where snapshot_id = ${snapshotId}::int`;
