import { sql } from "drizzle-orm";
import {
  expectedMeanValue,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
  type BgNbdParams,
  type GammaGammaParams,
} from "@boomerang/domain/metrics";
import type { Database } from "../client";
import { queryRows } from "../queries/rows";

/** Twelve months in weeks, the models' time unit. */
const HORIZON_WEEKS = 365.25 / 7;
/** Customers the models are fitted on (a deterministic hash sample): enough for 4 parameters, fast in JavaScript. */
const FIT_SAMPLE = 20_000;
const WRITE_BATCH = 5_000;

type Summary = { customer_id: number; x: number; tx: number; age: number; mean_value: number };

export type PredictionFit = {
  bgNbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  customers: number;
  fittedOn: number;
};

/**
 * Fits BG/NBD and Gamma-Gamma on customer_features as of `now` and writes probability_active,
 * expected_purchases_12m and expected_revenue_12m (minor units) for every customer with orders.
 * Repeat purchases are distinct purchase days after the first; spend is the mean of the repeat orders.
 */
export async function refreshPredictions(db: Database, now: Date): Promise<PredictionFit | null> {
  const summaries = await queryRows<Summary>(
    db,
    sql`
      with tz as (select coalesce((select timezone from business_settings where id = 1), 'UTC') as name),
      s as (
        select cf.customer_id,
               (select count(distinct d) from unnest(cf.order_days) d)::int - 1 as x,
               cf.order_days[cardinality(cf.order_days)] / 7.0 as tx,
               ((${now.toISOString()}::timestamptz at time zone (select name from tz))::date
                 - (cf.first_order_at at time zone (select name from tz))::date) / 7.0 as age,
               case when cf.orders_count > 1 then (cf.revenue - cf.first_order_revenue)::float8 / (cf.orders_count - 1) else 0 end as mean_value
        from customer_features cf where cf.first_order_at is not null
      )
      select customer_id, x, tx::float8 as tx, greatest(age, tx)::float8 as age, mean_value from s order by customer_id
    `,
  );
  if (summaries.length === 0) return null;
  const sample = [...summaries]
    .sort((p, q) => hash(p.customer_id) - hash(q.customer_id))
    .slice(0, FIT_SAMPLE);
  const bgNbd = fitBgNbd(sample.map((s) => ({ x: s.x, tx: s.tx, T: s.age }))).params;
  const spenders = sample
    .filter((s) => s.x > 0 && s.mean_value > 0)
    .map((s) => ({ x: s.x, meanValue: s.mean_value }));
  const gammaGamma = spenders.length >= 10 ? fitGammaGamma(spenders).params : null;
  const usableSpend = gammaGamma !== null && gammaGamma.q > 1;

  for (let start = 0; start < summaries.length; start += WRITE_BATCH) {
    const batch = summaries.slice(start, start + WRITE_BATCH);
    const ids: number[] = [];
    const alive: number[] = [];
    const purchases: number[] = [];
    const revenue: (number | null)[] = [];
    for (const s of batch) {
      const history = { x: s.x, tx: s.tx, T: s.age };
      const expected = expectedPurchases(bgNbd, history, HORIZON_WEEKS);
      ids.push(s.customer_id);
      alive.push(probabilityAlive(bgNbd, history));
      purchases.push(expected);
      revenue.push(
        usableSpend
          ? expected * expectedMeanValue(gammaGamma, { x: s.x, meanValue: s.mean_value })
          : null,
      );
    }
    await db.execute(sql`
      update customer_features cf set
        probability_active = u.alive, expected_purchases_12m = u.purchases, expected_revenue_12m = u.revenue,
        predicted_at = ${now.toISOString()}::timestamptz
      from unnest(${`{${ids.join(",")}}`}::int[], ${`{${alive.join(",")}}`}::float8[], ${`{${purchases.join(",")}}`}::float8[],
                  ${`{${revenue.map((r) => (r === null ? "NULL" : r)).join(",")}}`}::float8[]) as u(id, alive, purchases, revenue)
      where cf.customer_id = u.id
    `);
  }
  return { bgNbd, gammaGamma, customers: summaries.length, fittedOn: sample.length };
}

/** A fixed integer hash, so the fitting sample is the same on every run and driver. */
function hash(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
