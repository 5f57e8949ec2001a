import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { queryRows } from "../rows";

export type StoreSegmentCount = {
  segmentId: number;
  name: string;
  /** The store's home customers in the segment's latest snapshot. */
  members: number;
  asOf: string;
};

/** The segments holding the most of the store's home customers, by each segment's latest snapshot. */
export async function storeTopSegments(
  db: Database,
  scope: { storeId: number; limit: number },
): Promise<StoreSegmentCount[]> {
  return queryRows<StoreSegmentCount>(
    db,
    sql`
      with latest as (
        select distinct on (segment_id) id, segment_id, as_of from segment_snapshots
        order by segment_id, as_of desc, id desc
      )
      select s.id as "segmentId", s.name, count(*)::int as "members", to_char(l.as_of at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "asOf"
      from latest l
      join segments s on s.id = l.segment_id
      join segment_snapshot_members m on m.snapshot_id = l.id
      join customers c on c.id = m.customer_id
      where c.home_store_id = ${scope.storeId}::int
      group by s.id, s.name, l.as_of
      order by count(*) desc, s.name
      limit ${scope.limit}::int
    `,
  );
}
