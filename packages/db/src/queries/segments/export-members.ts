import { sql, type SQL } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import { segmentMemberIds } from "./compile-segment";
import { snapshotMemberIds } from "./snapshots";

/**
 * Channels an export can be limited to; "all" keeps every member. Whatever the channel, a contact
 * detail is only exported where the customer consented to a channel that uses it (email: email;
 * phone: SMS or messengers): a list of "all members" names everyone, never an address they did not
 * agree to be contacted at.
 */
export const exportChannels = ["all", "email", "sms", "messenger", "push"] as const;
export type ExportChannel = (typeof exportChannels)[number];

// The consent a channel needs and the contact detail it uses: a member without either is left out.
const channelFilter: Record<ExportChannel, SQL> = {
  all: sql`true`,
  email: sql`c.consent_email and c.email is not null`,
  sms: sql`c.consent_sms and c.phone is not null`,
  messenger: sql`c.consent_messenger and c.phone is not null`,
  push: sql`c.consent_push`,
};

export type ExportMemberRow = {
  id: number;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
};

export type ExportSource =
  { kind: "segment"; rules: SegmentNode; now: Date } | { kind: "snapshot"; snapshotId: number };

/**
 * An export's pages (keyset by customer id): the segment's current members or a snapshot's frozen
 * ones, limited to a store manager's store and to customers reachable on the channel. The members
 * are settled once, by the first page (their ids only, as one array), and each page then reads the
 * next `pageSize` of them by id — a segment's rules are evaluated once per export, not once per
 * page, and every page comes from the same set of members.
 */
export function segmentExportPages(
  db: Database,
  input: { source: ExportSource; channel: ExportChannel; storeId: number | null; pageSize: number },
): (afterId: number) => Promise<ExportMemberRow[]> {
  let settled: Promise<Int32Array> | null = null;
  const memberIds = async () => {
    const members =
      input.source.kind === "segment"
        ? segmentMemberIds(input.source.rules, { now: input.source.now })
        : snapshotMemberIds(input.source.snapshotId);
    const store = input.storeId == null ? sql`true` : sql`c.home_store_id = ${input.storeId}::int`;
    // One array value, not a row object per member.
    const [row] = await queryRows<{ ids: number[] }>(
      db,
      sql`select coalesce(array_agg(c.id::int order by c.id), '{}') as ids from customers c
          where c.id in (${members}) and ${store} and ${channelFilter[input.channel]}`,
    );
    return Int32Array.from(row?.ids ?? []);
  };
  return async (afterId) => {
    const ids = await (settled ??= memberIds());
    // The first id after `afterId` (the ids are sorted).
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (ids[mid]! <= afterId) low = mid + 1;
      else high = mid;
    }
    // A customer deleted since the ids were read leaves a page short; one with none left is skipped.
    for (let start = low; start < ids.length; start += input.pageSize) {
      const slice = Array.from(ids.subarray(start, start + input.pageSize));
      const rows = await queryRows<ExportMemberRow>(
        db,
        sql`select c.id::int as id, c.external_id, c.name,
                   case when c.consent_email then c.email end as email,
                   case when c.consent_sms or c.consent_messenger then c.phone end as phone
            from customers c where c.id = any(${`{${slice.join(",")}}`}::int[])
            order by c.id`,
      );
      if (rows.length > 0) return rows;
    }
    return [];
  };
}
