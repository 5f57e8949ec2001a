import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export const contactChannels = ["email", "sms", "messenger", "push"] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const customerActivities = ["active", "lapsed", "never"] as const;
export type CustomerActivity = (typeof customerActivities)[number];

export type ConsentFilter = ContactChannel | "any" | "none";

/** What the customers list and its CSV export narrow the base by; null means "any". */
export type CustomerFilters = {
  /** Part of the name or email (case-insensitive), or an exact external id or phone. */
  search: string | null;
  homeStoreId: number | null;
  rfmGroup: string | null;
  preferredChannel: ContactChannel | null;
  consent: ConsentFilter | null;
  activity: CustomerActivity | null;
  /** Set by resolveCustomerSearch when the search is a customer's exact external id. */
  exactExternalId?: boolean;
};

export const noCustomerFilters: CustomerFilters = {
  search: null,
  homeStoreId: null,
  rfmGroup: null,
  preferredChannel: null,
  consent: null,
  activity: null,
};

/**
 * Who may be seen and when "lapsed" starts. `storeScope` is a store manager's store: their
 * customers are the ones whose home store it is (as on every other page), and it always applies,
 * whatever the filters ask.
 */
export type CustomerScope = { storeScope: number | null; now: Date; lapsedAfterDays: number };

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const consentSql: Record<ConsentFilter, SQL> = {
  email: sql`c.consent_email`,
  sms: sql`c.consent_sms`,
  messenger: sql`c.consent_messenger`,
  push: sql`c.consent_push`,
  any: sql`(c.consent_email or c.consent_sms or c.consent_messenger or c.consent_push)`,
  none: sql`not (c.consent_email or c.consent_sms or c.consent_messenger or c.consent_push)`,
};

/**
 * The WHERE clause over `customers c left join customer_features f`: every filter is a plain
 * predicate on one row, so PostgreSQL can use customers_home_store_idx,
 * customer_features_rfm_group_idx and customer_features_last_order_idx where they help.
 */
export function customerWhere(filters: CustomerFilters, scope: CustomerScope): SQL {
  const parts: SQL[] = [];
  if (scope.storeScope !== null) parts.push(sql`c.home_store_id = ${scope.storeScope}::int`);
  if (filters.homeStoreId !== null) parts.push(sql`c.home_store_id = ${filters.homeStoreId}::int`);
  const search = filters.search?.trim();
  if (search && filters.exactExternalId) parts.push(sql`c.external_id = ${search}`);
  else if (search) {
    const pattern = likePattern(search);
    parts.push(
      sql`(c.name ilike ${pattern} or c.email ilike ${pattern} or c.external_id = ${search} or c.phone = ${search})`,
    );
  }
  if (filters.rfmGroup !== null) parts.push(sql`f.rfm_group = ${filters.rfmGroup}`);
  if (filters.preferredChannel !== null)
    parts.push(sql`c.preferred_channel = ${filters.preferredChannel}::contact_channel`);
  if (filters.consent !== null) parts.push(consentSql[filters.consent]);
  if (filters.activity !== null) {
    const since = instant(new Date(scope.now.getTime() - scope.lapsedAfterDays * 86_400_000));
    parts.push(
      filters.activity === "active"
        ? sql`f.last_order_at >= ${since}`
        : filters.activity === "lapsed"
          ? sql`f.last_order_at < ${since}`
          : sql`f.last_order_at is null`,
    );
  }
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/**
 * A search that is some customer's exact external id finds that customer alone, through
 * customers_external_id_uq, instead of scanning every name and email (seconds at 1M customers).
 */
export async function resolveCustomerSearch(
  db: Database,
  filters: CustomerFilters,
): Promise<CustomerFilters> {
  const search = filters.search?.trim();
  if (!search) return filters;
  const [hit] = await queryRows<{ found: number }>(
    db,
    sql`select 1 as found from customers where external_id = ${search} limit 1`,
  );
  return { ...filters, exactExternalId: hit !== undefined };
}
