import { sql, type SQL } from "drizzle-orm";

/** Who a retention metric is about. Store means the customer's home store. */
export type RetentionAudience = {
  storeId: number | null;
  /** Members (or the control group) of one program; null for everyone. */
  program: { programId: number; group: "members" | "control" } | null;
  /** A subquery of customer ids (e.g. a segment's members from segmentMemberIds); absent for everyone. */
  members?: SQL | null;
  timezone: string;
};

/** Customers whose first order falls in [from, to). */
export type AcquisitionRange = { from: Date; to: Date };

/** Filter on a table alias holding a customer_id column (and home_store_id when `homeStore` is that alias). */
export function audienceFilter(audience: RetentionAudience, customerId: SQL, homeStore: SQL): SQL {
  const store =
    audience.storeId === null ? sql`true` : sql`${homeStore} = ${audience.storeId}::int`;
  const program =
    audience.program === null
      ? sql`true`
      : sql`exists (select 1 from enrollments e where e.customer_id = ${customerId}
              and e.program_id = ${audience.program.programId}::int
              and e.is_control = ${audience.program.group === "control"}::boolean)`;
  const members = audience.members ? sql`${customerId} in (${audience.members})` : sql`true`;
  return sql`(${store} and ${program} and ${members})`;
}

/** The local calendar day of a timestamptz expression, as days since 1970-01-01. */
export const localDayNumber = (instantSql: SQL, timezone: string): SQL =>
  sql`((${instantSql} at time zone ${timezone})::date - date '1970-01-01')`;

/** A JavaScript integer list as a PostgreSQL int[] parameter (binds the same on both drivers). */
export const intArray = (values: readonly number[]): SQL => sql`${`{${values.join(",")}}`}::int[]`;

/** No store, program or segment: the audience the retention caches hold (migration 0007). */
export const isEveryone = (audience: RetentionAudience): boolean =>
  audience.storeId === null && audience.program === null && !audience.members;

/** The business's time zone, in which customer_features cuts cohort months. */
export const businessTimezone = sql`coalesce((select timezone from business_settings where id = 1), 'UTC')`;

/** The advisory lock between writers of customer_features (shared) and cache fills (exclusive). */
export const CACHE_LOCK = 7431002;
