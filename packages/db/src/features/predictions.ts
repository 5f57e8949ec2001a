import { sql } from "drizzle-orm";
import {
  bootstrapValueModels,
  calibrationByFrequency,
  cumulativeCalibration,
  expectedMeanValue,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  populationValueInterval,
  probabilityAlive,
  type BgNbdParams,
  type CumulativeCalibration,
  type FrequencyCalibration,
  type GammaGammaParams,
  type ValueInterval,
  type ValueModelParams,
} from "@boomerang/domain/metrics";
import type { Database } from "../client";
import { calibrationSummaries } from "../queries/retention/predictions-calibration";
import { queryRows } from "../queries/rows";
import { auditLog } from "../schema";

/** Twelve months in weeks, the models' time unit. */
const HORIZON_WEEKS = 365.25 / 7;
/** Customers the models are fitted on (a deterministic hash sample): enough for 4 parameters, fast in JavaScript. */
const FIT_SAMPLE = 20_000;
const WRITE_BATCH = 5_000;
/** Bootstrap: resamples of a subsample of the fitting sample, shrunk to the full sample's precision. */
const BOOTSTRAP_RESAMPLES = 100;
const BOOTSTRAP_SAMPLE = 2_000;
const BOOTSTRAP_SEED = 20_260_101;
/** Calibration check: fit on everything before the last 26 weeks, predict those weeks. */
const HOLDOUT_WEEKS = 26;
const CALIBRATION_SAMPLE = 5_000;
const day = 86_400_000;

type Summary = { customer_id: number; x: number; tx: number; age: number; mean_value: number };

export type PredictionFit = {
  bgNbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  customers: number;
  fittedOn: number;
};

type Total = { estimate: number } & ValueInterval;

/**
 * What a refit stores (in the audit entry "predictions.refitted"): the parameters, one parameter set
 * per bootstrap resample (per-customer intervals are recomputed from them), the 12-month totals with
 * 90% intervals, and the holdout calibration check. Amounts in minor units.
 */
export type StoredPredictionFit = PredictionFit & {
  fittedAt: string;
  horizonWeeks: number;
  bootstrap: ValueModelParams[];
  totals: { purchases: Total; revenue: Total | null };
  calibration: {
    holdoutStart: string;
    holdoutWeeks: number;
    customers: number;
    bgNbd: BgNbdParams;
    byFrequency: FrequencyCalibration[];
    cumulative: CumulativeCalibration[];
  } | null;
};

/**
 * Fits BG/NBD and Gamma-Gamma on customer_features as of `now` and writes probability_active,
 * expected_purchases_12m and expected_revenue_12m (minor units) for every customer with orders.
 * Repeat purchases are distinct purchase days after the first; spend is the mean of the repeat orders.
 */
export async function refreshPredictions(
  db: Database,
  now: Date,
  options: { actorId?: number | null } = {},
): Promise<StoredPredictionFit | null> {
  const timezone = (
    await queryRows<{ name: string }>(
      db,
      sql`select coalesce((select timezone from business_settings where id = 1), 'UTC') as name`,
    )
  )[0]!.name;
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
  let totalPurchases = 0;
  let totalRevenue = 0;

  for (let start = 0; start < summaries.length; start += WRITE_BATCH) {
    const batch = summaries.slice(start, start + WRITE_BATCH);
    const ids: number[] = [];
    const alive: number[] = [];
    const purchases: number[] = [];
    const revenue: (number | null)[] = [];
    for (const s of batch) {
      const history = { x: s.x, tx: s.tx, T: s.age };
      const expected = expectedPurchases(bgNbd, history, HORIZON_WEEKS);
      totalPurchases += expected;
      ids.push(s.customer_id);
      alive.push(probabilityAlive(bgNbd, history));
      purchases.push(expected);
      const value = usableSpend
        ? expected * expectedMeanValue(gammaGamma, { x: s.x, meanValue: s.mean_value })
        : null;
      if (value !== null) totalRevenue += value;
      revenue.push(value);
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

  // Intervals: bootstrap a subsample of the fitting sample; totals scaled to the whole base.
  const point: ValueModelParams = { bgNbd, gammaGamma: usableSpend ? gammaGamma : null };
  const subsample = sample
    .slice(0, BOOTSTRAP_SAMPLE)
    .map((s) => ({ x: s.x, tx: s.tx, T: s.age, meanValue: s.mean_value }));
  const bootstrap = bootstrapValueModels(subsample, point, {
    resamples: BOOTSTRAP_RESAMPLES,
    seed: BOOTSTRAP_SEED,
    fittedOn: sample.length,
  });
  const approx = populationValueInterval(point, bootstrap, subsample, HORIZON_WEEKS);
  // The subsample's totals under each parameter set, as a ratio to its point total, times the exact total.
  const scaled = (t: Total, exact: number): Total => {
    const ratio = t.estimate > 0 ? exact / t.estimate : 0;
    return { estimate: exact, low: t.low * ratio, high: t.high * ratio };
  };
  const totals = {
    purchases: scaled(approx.purchases, totalPurchases),
    revenue: approx.revenue === null ? null : scaled(approx.revenue, totalRevenue),
  };

  const stored: StoredPredictionFit = {
    bgNbd,
    gammaGamma,
    customers: summaries.length,
    fittedOn: sample.length,
    fittedAt: now.toISOString(),
    horizonWeeks: HORIZON_WEEKS,
    bootstrap,
    totals,
    calibration: await calibrate(db, now, timezone),
  };
  await db.insert(auditLog).values({
    actorId: options.actorId ?? null,
    action: "predictions.refitted",
    entityType: "predictions",
    entityId: null,
    changes: stored as unknown as Record<string, unknown>,
    at: now,
  });
  return stored;
}

/**
 * Fits BG/NBD on the customers' history before the last HOLDOUT_WEEKS and compares what it expects
 * in those weeks with what the customers bought. Null when too few customers bought before then.
 */
async function calibrate(db: Database, now: Date, timezone: string) {
  const holdoutStart = new Date(now.getTime() - HOLDOUT_WEEKS * 7 * day);
  const rows = await calibrationSummaries(db, holdoutStart, now, timezone);
  if (rows.length < 20) return null;
  const sample = [...rows]
    .sort((p, q) => hash(p.customerId) - hash(q.customerId))
    .slice(0, CALIBRATION_SAMPLE);
  const params = fitBgNbd(sample).params;
  return {
    holdoutStart: holdoutStart.toISOString(),
    holdoutWeeks: HOLDOUT_WEEKS,
    customers: sample.length,
    bgNbd: params,
    byFrequency: calibrationByFrequency(params, sample, HOLDOUT_WEEKS),
    cumulative: cumulativeCalibration(params, sample, HOLDOUT_WEEKS),
  };
}

/** A fixed integer hash, so the fitting sample is the same on every run and driver. */
function hash(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
