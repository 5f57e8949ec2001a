import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { queryRows } from "../rows";

export type CustomerProfile = {
  id: number;
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  gender: string;
  city: string | null;
  region: string | null;
  preferredChannel: string | null;
  consent: { email: boolean; sms: boolean; messenger: boolean; push: boolean };
  signedUpAt: Date;
  homeStore: { id: number; name: string; code: string } | null;
  /** Figures over every order of the customer, read from the orders themselves. */
  orders: number;
  revenue: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  rfm: {
    recency: number;
    frequency: number;
    monetary: number;
    group: string;
    scoredAt: Date;
  } | null;
  prediction: {
    probabilityActive: number;
    expectedPurchases12m: number;
    /** Minor units. */
    expectedRevenue12m: number;
    predictedAt: Date;
  } | null;
};

type Row = Record<string, unknown> & {
  id: number;
  signedUpAt: string | Date;
  firstOrderAt: string | Date | null;
  lastOrderAt: string | Date | null;
  scoredAt: string | Date | null;
  predictedAt: string | Date | null;
};

const when = (v: string | Date | null) => (v === null ? null : new Date(v));

/**
 * One customer, or null when there is no such customer or it is outside the caller's store
 * (`storeScope`: a store manager sees only customers whose home store is theirs), so another
 * store's customer is indistinguishable from a missing one.
 */
export async function customerProfile(
  db: Database,
  customerId: number,
  storeScope: number | null,
): Promise<CustomerProfile | null> {
  const [r] = await queryRows<Row>(
    db,
    sql`select c.id::int as id, c.external_id as "externalId", c.name, c.email, c.phone,
               c.birth_date::text as "birthDate", c.gender::text as gender, c.city, c.region,
               c.preferred_channel::text as "preferredChannel",
               c.consent_email as "consentEmail", c.consent_sms as "consentSms",
               c.consent_messenger as "consentMessenger", c.consent_push as "consentPush",
               c.signed_up_at as "signedUpAt",
               s.id as "storeId", s.name as "storeName", s.code as "storeCode",
               o.orders, o.revenue, o.first_at as "firstOrderAt", o.last_at as "lastOrderAt",
               f.recency_score::int as recency, f.frequency_score::int as frequency,
               f.monetary_score::int as monetary, f.rfm_group as "rfmGroup", f.scored_at as "scoredAt",
               f.probability_active::float8 as "probabilityActive",
               f.expected_purchases_12m::float8 as "expectedPurchases12m",
               f.expected_revenue_12m::float8 as "expectedRevenue12m", f.predicted_at as "predictedAt"
        from customers c
        left join stores s on s.id = c.home_store_id
        left join customer_features f on f.customer_id = c.id
        cross join lateral (
          select count(*)::int as orders, coalesce(sum(total), 0)::float8 as revenue,
                 min(placed_at) as first_at, max(placed_at) as last_at
          from orders where customer_id = c.id
        ) o
        where c.id = ${customerId}::int
          and (${storeScope}::int is null or c.home_store_id = ${storeScope}::int)`,
  );
  if (!r) return null;
  const scored =
    r.recency !== null && r.frequency !== null && r.monetary !== null && r.rfmGroup !== null;
  return {
    id: r.id,
    externalId: r.externalId as string,
    name: r.name as string,
    email: r.email as string | null,
    phone: r.phone as string | null,
    birthDate: r.birthDate as string | null,
    gender: r.gender as string,
    city: r.city as string | null,
    region: r.region as string | null,
    preferredChannel: r.preferredChannel as string | null,
    consent: {
      email: r.consentEmail as boolean,
      sms: r.consentSms as boolean,
      messenger: r.consentMessenger as boolean,
      push: r.consentPush as boolean,
    },
    signedUpAt: new Date(r.signedUpAt),
    homeStore:
      r.storeId === null
        ? null
        : { id: r.storeId as number, name: r.storeName as string, code: r.storeCode as string },
    orders: r.orders as number,
    revenue: r.revenue as number,
    firstOrderAt: when(r.firstOrderAt),
    lastOrderAt: when(r.lastOrderAt),
    rfm: scored
      ? {
          recency: r.recency as number,
          frequency: r.frequency as number,
          monetary: r.monetary as number,
          group: r.rfmGroup as string,
          scoredAt: new Date(r.scoredAt ?? r.signedUpAt),
        }
      : null,
    prediction:
      r.probabilityActive !== null && r.expectedRevenue12m !== null && r.predictedAt !== null
        ? {
            probabilityActive: r.probabilityActive as number,
            expectedPurchases12m: (r.expectedPurchases12m as number | null) ?? 0,
            expectedRevenue12m: r.expectedRevenue12m as number,
            predictedAt: new Date(r.predictedAt),
          }
        : null,
  };
}
