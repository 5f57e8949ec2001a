import {
  cohortCountsFromFeatures,
  cohortCountsFromOrders,
  type Database,
  type SalesChannel,
} from "@boomerang/db";
import { assembleCohortMatrix, type CohortGrain } from "@boomerang/domain/metrics";
import { invalid } from "../../errors";
import { dayRangeToInstants, todayIn, type DayRange } from "../period";
import { getBusinessProfile } from "../settings";
import { resolveAudience } from "./audience";

/** One curve: a saved segment's members, a program's members or control group, or a home store. */
export type SideBySideSeries =
  | { kind: "segment"; segmentId: number }
  | { kind: "program"; programId: number; group: "members" | "control" }
  | { kind: "store"; storeId: number };

export type SideBySideQuery = {
  range: DayRange;
  grain: CohortGrain;
  channel: SalesChannel | null;
  /** The page's store (a store manager's own, always): segment and program curves stay within it. */
  storeId: number | null;
  series: SideBySideSeries[];
};

/**
 * The size-weighted mean retention curve of 2–4 audiences over the same cohorts, from the same
 * cohort queries as the Retention page's matrix, so the curves can be read on one chart.
 */
export async function getRetentionSideBySide(db: Database, query: SideBySideQuery, now: Date) {
  const profile = await getBusinessProfile(db);
  const today = todayIn(now, profile.timezone);
  if (query.range.from > today)
    throw invalid("The period starts after today: there are no customers to follow yet.");
  const keys = query.series.map((s) => JSON.stringify(s));
  if (new Set(keys).size !== keys.length)
    throw invalid("Each curve can be chosen once: remove the repeated one.");
  const acquired = dayRangeToInstants(query.range, profile.timezone);
  const curves = [];
  // One after the other: each is a pass over customer_features (or orders, for one channel).
  for (const s of query.series) {
    const { audience, store, segment, program } = await resolveAudience(
      db,
      {
        storeId: s.kind === "store" ? s.storeId : query.storeId,
        segmentId: s.kind === "segment" ? s.segmentId : null,
        program: s.kind === "program" ? { programId: s.programId, group: s.group } : null,
      },
      profile.timezone,
      now,
    );
    const counts =
      query.channel === null
        ? await cohortCountsFromFeatures(db, query.grain, acquired, audience)
        : await cohortCountsFromOrders(db, query.grain, acquired, audience, query.channel);
    const matrix = assembleCohortMatrix(counts, query.grain, today);
    const label =
      s.kind === "store"
        ? store!.name
        : s.kind === "segment"
          ? segment!.name
          : `${program!.name} · ${program!.group === "members" ? "members" : "control group"}`;
    curves.push({
      series: s,
      label,
      customers: matrix.rows.reduce((n, r) => n + r.size, 0),
      cohorts: matrix.rows.length,
      mean: matrix.mean,
    });
  }
  return { today, grain: query.grain, channel: query.channel, curves };
}

export type RetentionSideBySide = Awaited<ReturnType<typeof getRetentionSideBySide>>;
