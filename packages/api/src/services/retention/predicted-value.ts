import { eq } from "drizzle-orm";
import {
  latestPredictionFit,
  refreshPredictions,
  storePredictionTotals,
  topCustomersByPredictedValue,
  users,
  type Database,
  type StoredPredictionFit,
} from "@boomerang/db";
import { customerValueInterval } from "@boomerang/domain/metrics";
import { invalid } from "../../errors";
import { getBusinessProfile } from "../settings";

const TOP_CUSTOMERS = 25;

/**
 * The predicted-value section: the latest fit (when, on how many customers, by whom), the 12-month
 * totals with 90% bootstrap intervals, the holdout calibration check, and the customers with the
 * highest expected 12-month revenue, each with a 90% interval recomputed from the stored resampled
 * parameter sets. For a store manager everything is their home customers': the totals are sums over
 * them (the business's relative interval carried over), and the holdout check, which is computed
 * over the whole business, is left out (`calibration` null, `scope` "store").
 */
export async function getPredictedValue(db: Database, storeId: number | null) {
  const latest = await latestPredictionFit(db);
  if (!latest) return { fit: null, customers: [] };
  const fit = latest.changes as unknown as StoredPredictionFit;
  const profile = await getBusinessProfile(db);
  const fittedAt = new Date(fit.fittedAt);
  let refittedBy: string | null = null;
  if (latest.actorId !== null) {
    const [user] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, latest.actorId));
    refittedBy = user?.name ?? null;
  }
  const top = await topCustomersByPredictedValue(db, {
    storeId,
    limit: TOP_CUSTOMERS,
    now: fittedAt,
    timezone: profile.timezone,
  });
  const scoped = storeId === null ? null : await storePredictionTotals(db, storeId);
  return {
    fit: {
      scope: scoped === null ? ("business" as const) : ("store" as const),
      fittedAt: fit.fittedAt,
      refittedBy,
      customers: scoped === null ? fit.customers : scoped.customers,
      fittedOn: fit.fittedOn,
      resamples: fit.bootstrap.length,
      bgNbd: fit.bgNbd,
      gammaGamma: fit.gammaGamma,
      totals:
        scoped === null
          ? fit.totals
          : {
              purchases: rescale(fit.totals.purchases, scoped.purchases),
              revenue:
                fit.totals.revenue === null || scoped.revenue === null
                  ? null
                  : rescale(fit.totals.revenue, scoped.revenue),
            },
      calibration: scoped === null ? fit.calibration : null,
    },
    customers: top.map((c) => {
      const interval = customerValueInterval(fit.bootstrap, c, fit.horizonWeeks);
      return {
        customerId: c.customerId,
        name: c.name,
        email: c.email,
        lastOrderAt: c.lastOrderAt.toISOString(),
        probabilityActive: c.probabilityActive,
        expectedPurchases: c.expectedPurchases,
        expectedRevenue: c.expectedRevenue,
        purchasesInterval: interval.purchases,
        revenueInterval: interval.revenue,
      };
    }),
  };
}

/** A part of a total with the whole's interval carried over in proportion. */
function rescale(total: { estimate: number; low: number; high: number }, part: number) {
  const ratio = total.estimate > 0 ? part / total.estimate : 0;
  return { estimate: part, low: total.low * ratio, high: total.high * ratio };
}

export type PredictedValue = Awaited<ReturnType<typeof getPredictedValue>>;

/**
 * Refits both models and rewrites every customer's predictions in one transaction, with the audit
 * entry (which also stores the fit). Demo data is refitted as of its as-of date, as the seed did.
 */
export async function refitPredictions(db: Database, actorId: number, now: Date) {
  const profile = await getBusinessProfile(db);
  const asOf =
    profile.demoData && profile.demoAsOf && profile.demoAsOf < now ? profile.demoAsOf : now;
  const fit = await db.transaction((tx) =>
    refreshPredictions(tx as unknown as Database, asOf, { actorId }),
  );
  if (!fit)
    throw invalid(
      "There are no customers with orders to fit the models on yet: import orders on the Data page first.",
    );
  return { fittedAt: fit.fittedAt, customers: fit.customers, fittedOn: fit.fittedOn };
}
