import {
  cohortBracketsFromFeatures,
  cohortBracketsFromOrders,
  type SalesChannel,
  type Database,
} from "@boomerang/db";
import {
  assembleBracketTable,
  bracketsFromEnds,
  checkBracketEnds,
  DEFAULT_BRACKET_ENDS,
  dayNumber,
  type CohortGrain,
} from "@boomerang/domain/metrics";
import { invalid } from "../../errors";
import { dayRangeToInstants, todayIn, type DayRange } from "../period";
import { getBusinessProfile } from "../settings";
import { resolveAudience, type AudienceChoice } from "./audience";

export type BracketsQuery = AudienceChoice & {
  range: DayRange;
  grain: CohortGrain;
  channel: SalesChannel | null;
  /** Last day of each bracket: [7, 30, 90] is days 0–7, 8–30 and 31–90 after the first purchase. */
  ends: number[];
};

/**
 * The bracket lists the cache keeps: the page's default. Any other list a user types is computed
 * live, so nobody can make the server fill (and hold the cache lock, which order writes wait for)
 * a new cache for every list they try.
 */
export const cachedBracketLists: readonly string[] = [DEFAULT_BRACKET_ENDS.join(",")];

export const isCachedBracketList = (ends: readonly number[]): boolean =>
  cachedBracketLists.includes(ends.join(","));

/** Share of each cohort who bought again in each bracket of days after their first purchase. */
export async function getRetentionBrackets(db: Database, query: BracketsQuery, now: Date) {
  const problem = checkBracketEnds(query.ends);
  if (problem) throw invalid(problem);
  const profile = await getBusinessProfile(db);
  const today = todayIn(now, profile.timezone);
  if (query.range.from > today)
    throw invalid("The period starts after today: there are no customers to follow yet.");
  const { audience } = await resolveAudience(db, query, profile.timezone, now);
  const acquired = dayRangeToInstants(query.range, profile.timezone);
  const brackets = bracketsFromEnds(query.ends);
  // customer_features keeps every order's day offset but not its channel: one channel reads orders.
  const counts =
    query.channel === null
      ? await cohortBracketsFromFeatures(
          db,
          query.grain,
          brackets,
          dayNumber(today),
          acquired,
          audience,
          { cache: isCachedBracketList(query.ends) },
        )
      : await cohortBracketsFromOrders(
          db,
          query.grain,
          brackets,
          dayNumber(today),
          acquired,
          audience,
          query.channel,
        );
  return {
    today,
    channel: query.channel,
    ...assembleBracketTable(counts, query.grain, brackets),
  };
}

export type RetentionBrackets = Awaited<ReturnType<typeof getRetentionBrackets>>;
