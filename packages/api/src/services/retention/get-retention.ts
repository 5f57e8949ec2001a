import { eq } from "drizzle-orm";
import {
  churnTrendForChannel,
  churnTrendFromFeatures,
  cohortCountsFromFeatures,
  cohortCountsFromOrders,
  monthlyActivityForChannel,
  monthlyActivityFromFeatures,
  purchaseGapsForChannel,
  purchaseGapsFromFeatures,
  repeatRateForChannel,
  repeatRateFromFeatures,
  revenueChurnForChannel,
  revenueChurnFromFeatures,
  segmentMemberIds,
  stores,
  type Database,
  type RetentionAudience,
  type SalesChannel,
} from "@boomerang/db";
import {
  assembleCohortMatrix,
  checkChurnWindow,
  dayFromNumber,
  dayNumber,
  defaultChurnWindow,
  historicalClv,
  retentionTrend,
  type ChurnWindow,
  type CohortGrain,
} from "@boomerang/domain/metrics";
import { invalid, notFound } from "../../errors";
import { dayRangeToInstants, todayIn, type DayRange } from "../period";
import { loadSegment, storedRules } from "../segments/saved-segments";
import { getBusinessProfile } from "../settings";
import { churnDays, defaultRetentionRange } from "./churn-days";

export type RetentionQuery = {
  /** Customers whose first purchase falls in these days. */
  range: DayRange;
  storeId: number | null;
  grain: CohortGrain;
  channel: SalesChannel | null;
  program: RetentionAudience["program"];
  /** Only this saved segment's current members (evaluated as of now). */
  segmentId: number | null;
  repeatWithinDays: number;
  /** Null: twice the median time between purchases. */
  churnWindow: ChurnWindow | null;
  /** The period whose retention is followed across cohorts (1 = the period after the first). */
  trendPeriod: number;
};

const GAP_BUCKET_DAYS = 7;
const GAP_CAP_DAYS = 182;

/**
 * Everything the Retention page shows, computed in the database from customer_features, or with a
 * channel from that channel's orders (customer_features does not split orders by channel).
 */
export async function getRetention(db: Database, query: RetentionQuery, now: Date) {
  const profile = await getBusinessProfile(db);
  const today = todayIn(now, profile.timezone);
  if (query.range.from > today)
    throw invalid("The period starts after today: there are no customers to follow yet.");
  if (query.churnWindow) {
    const problem = checkChurnWindow(query.churnWindow);
    if (problem) throw invalid(problem);
  }
  let store: { id: number; name: string } | null = null;
  if (query.storeId !== null) {
    const [row] = await db
      .select({ id: stores.id, name: stores.name })
      .from(stores)
      .where(eq(stores.id, query.storeId));
    if (!row) throw notFound("The store");
    store = row;
  }
  let segment: { id: number; name: string } | null = null;
  let members: RetentionAudience["members"] = null;
  if (query.segmentId !== null) {
    const row = await loadSegment(db, query.segmentId);
    segment = { id: row.id, name: row.name };
    members = segmentMemberIds(storedRules(row.rules), { now, storeId: query.storeId });
  }
  const audience: RetentionAudience = {
    storeId: query.storeId,
    program: query.program,
    members,
    timezone: profile.timezone,
  };
  const acquired = dayRangeToInstants(query.range, profile.timezone);

  // Channel is not in customer_features: only then do the cards read orders, that channel's only
  // (the first purchase is the first in the channel), live and without the caches.
  const channel = query.channel;
  const cohortCounts = (grain: CohortGrain) =>
    channel === null
      ? cohortCountsFromFeatures(db, grain, acquired, audience)
      : cohortCountsFromOrders(db, grain, acquired, audience, channel);

  // Activity over time covers every customer of the audience, in the months of the range so far.
  // Independent queries run at once (on PostgreSQL, each on its own pooled connection).
  const lastDay = query.range.to < today ? query.range.to : today;
  // The churn caches hold one window per audience: the one the page opens with, from the median
  // gap of its default range (any other window, e.g. typed in or from a range's odd median, is
  // computed live, so a request cannot make a cache fill that blocks order writes).
  const defaultRange = defaultRetentionRange(today);
  const cacheable = query.program === null && members === null && channel === null;
  const onDefaultRange =
    query.range.from === defaultRange.from && query.range.to === defaultRange.to;
  const [counts, monthCounts, repeat, gaps, monthly, revenueChurn, defaultGaps] = await Promise.all(
    [
      cohortCounts(query.grain),
      query.grain === "month" ? null : cohortCounts("month"),
      channel === null
        ? repeatRateFromFeatures(db, query.repeatWithinDays, dayNumber(today), acquired, audience)
        : repeatRateForChannel(
            db,
            channel,
            query.repeatWithinDays,
            dayNumber(today),
            acquired,
            audience,
          ),
      channel === null
        ? purchaseGapsFromFeatures(db, GAP_BUCKET_DAYS, GAP_CAP_DAYS, acquired, audience)
        : purchaseGapsForChannel(db, channel, GAP_BUCKET_DAYS, GAP_CAP_DAYS, acquired, audience),
      channel === null
        ? monthlyActivityFromFeatures(db, query.range.from, lastDay, audience)
        : monthlyActivityForChannel(db, channel, query.range.from, lastDay, audience),
      channel === null
        ? revenueChurnFromFeatures(db, query.range.from, lastDay, audience)
        : revenueChurnForChannel(db, channel, query.range.from, lastDay, audience),
      cacheable && !onDefaultRange
        ? purchaseGapsFromFeatures(
            db,
            GAP_BUCKET_DAYS,
            GAP_CAP_DAYS,
            dayRangeToInstants(defaultRange, profile.timezone),
            audience,
          )
        : null,
    ],
  );
  const matrix = assembleCohortMatrix(counts, query.grain, today);
  const monthMatrix = monthCounts ? assembleCohortMatrix(monthCounts, "month", today) : matrix;
  const window = query.churnWindow ?? defaultChurnWindow(gaps.medianDays);
  const days = churnDays(query.range, today);
  const churn =
    channel === null
      ? await churnTrendFromFeatures(db, window, days.map(dayNumber), audience, {
          defaultWindow: cacheable ? defaultChurnWindow((defaultGaps ?? gaps).medianDays) : null,
        })
      : await churnTrendForChannel(db, channel, window, days.map(dayNumber), audience);

  return {
    range: query.range,
    today,
    store,
    segment,
    grain: query.grain,
    channel: query.channel,
    matrix,
    trend: { period: query.trendPeriod, points: retentionTrend(matrix, query.trendPeriod) },
    clv: historicalClv(monthMatrix) ?? [],
    repeat,
    gaps,
    monthly,
    revenueChurn,
    churnWindow: { ...window, fromMedian: query.churnWindow === null },
    churn: churn.map((p) => ({ ...p, date: dayFromNumber(p.day) })),
  };
}

export type Retention = Awaited<ReturnType<typeof getRetention>>;
