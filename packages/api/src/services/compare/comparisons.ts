import { eq } from "drizzle-orm";
import {
  finishComparison,
  findComparison,
  insertComparison,
  listComparisons,
  requeueComparison,
  segments,
  stores,
  type ComparisonListItem,
  type Database,
} from "@boomerang/db";
import {
  comparisonInput,
  prepareComparison,
  type ComparisonInputRaw,
  type ComparisonResult,
} from "@boomerang/domain/simulation";
import { invalid, notFound } from "../../errors";
import { dayRangeToInstants, type DayRange } from "../period";
import { assertSegmentExists } from "../programs/segment-target";
import { getBusinessProfile } from "../settings";
import { isComparisonRunningHere, launchComparison } from "./comparison-jobs";
import { lastTwelveMonths, movedToYesterday } from "./comparison-period";

export interface StartComparison {
  readonly name: string;
  readonly input: ComparisonInputRaw;
  readonly range: DayRange | null;
  readonly storeId: number | null;
  readonly userId: number;
  readonly now: Date;
}

const EMPTY_HISTORY = {
  customerIds: [],
  offsets: [0],
  orderIds: [],
  at: [],
  amount: [],
  storeIds: [],
  channels: [],
};

async function checkStore(db: Database, storeId: number | null): Promise<void> {
  if (storeId === null) return;
  const [row] = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  if (!row) throw notFound("The store");
}

/** Validates the candidates (each one's parameters compile), saves the comparison and starts it. */
export async function startComparison(
  db: Database,
  start: StartComparison,
): Promise<{ id: number }> {
  const parsed = comparisonInput.safeParse(start.input);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join("; "));
  const profile = await getBusinessProfile(db);
  const range = start.range ?? lastTwelveMonths(start.now, profile.timezone);
  const period = dayRangeToInstants(range, profile.timezone);
  if (period.from.getTime() >= start.now.getTime())
    throw invalid("The period must start before today.");
  const checked = prepareComparison(parsed.data, EMPTY_HISTORY, {
    from: period.from.getTime(),
    to: period.to.getTime(),
  });
  if (!checked.ok) throw invalid(checked.errors.join("; "));
  await checkStore(db, start.storeId);
  await assertSegmentExists(db, parsed.data.segmentId);
  const row = await insertComparison(db, {
    name: start.name,
    input: parsed.data as unknown as Record<string, unknown>,
    periodFrom: period.from,
    periodTo: period.to,
    storeId: start.storeId,
    createdBy: start.userId,
    createdAt: start.now,
  });
  launchComparison(db, row.id);
  return { id: row.id };
}

export interface ComparisonView {
  readonly id: number;
  readonly name: string;
  readonly status: "queued" | "running" | "done" | "failed";
  readonly progress: number;
  readonly error: string | null;
  readonly range: DayRange;
  readonly storeId: number | null;
  /** The target segment's name (null for none, or "a deleted segment"). */
  readonly segmentName: string | null;
  readonly input: ComparisonInputRaw;
  readonly result: ComparisonResult | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** A comparison with its status and, when done, its result. */
export async function getComparison(db: Database, id: number, now: Date): Promise<ComparisonView> {
  const row = await findComparison(db, id);
  if (row === null) throw notFound("The comparison");
  let status = row.status as ComparisonView["status"];
  let error = row.error;
  // A queued or running row with no job in this process was cut off by a restart.
  if ((status === "queued" || status === "running") && !isComparisonRunningHere(id)) {
    error = "The simulation was interrupted (the server restarted). Run it again.";
    status = "failed";
    await finishComparison(db, id, { error }, now);
  }
  const profile = await getBusinessProfile(db);
  const segmentId = (row.input as { segmentId?: unknown }).segmentId;
  let segmentName: string | null = null;
  if (typeof segmentId === "number") {
    const [segment] = await db
      .select({ name: segments.name })
      .from(segments)
      .where(eq(segments.id, segmentId))
      .limit(1);
    segmentName = segment?.name ?? "a deleted segment";
  }
  const inZone = (at: Date): string =>
    new Intl.DateTimeFormat("en-CA", { timeZone: profile.timezone }).format(at);
  return {
    id: row.id,
    name: row.name,
    status,
    progress: row.progress,
    error,
    range: { from: inZone(row.periodFrom), to: inZone(new Date(row.periodTo.getTime() - 1)) },
    storeId: row.storeId,
    segmentName,
    input: row.input as ComparisonInputRaw,
    result: status === "done" ? (row.result as unknown as ComparisonResult) : null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export const savedComparisons = (db: Database): Promise<ComparisonListItem[]> =>
  listComparisons(db);

/** Re-runs a saved comparison on newer data: the same length of history, ending yesterday. */
export async function rerunComparison(
  db: Database,
  id: number,
  now: Date,
): Promise<{ id: number }> {
  const row = await findComparison(db, id);
  if (row === null) throw notFound("The comparison");
  if (isComparisonRunningHere(id)) return { id };
  const profile = await getBusinessProfile(db);
  const period = movedToYesterday(
    { from: row.periodFrom, to: row.periodTo },
    now,
    profile.timezone,
  );
  await requeueComparison(db, id, period);
  launchComparison(db, id);
  return { id };
}
