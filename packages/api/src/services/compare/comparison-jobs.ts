import { eq } from "drizzle-orm";
import {
  finishComparison,
  findComparison,
  loadOrderHistory,
  segments,
  markComparisonRunning,
  setComparisonProgress,
  type Database,
} from "@boomerang/db";
import {
  comparisonInput,
  comparisonSteps,
  prepareComparison,
  summarizeComparison,
} from "@boomerang/domain/simulation";
import { segmentRules, type SegmentNode } from "@boomerang/domain/segments";

/**
 * Comparisons run as background jobs inside the server process: a replay step at a time, yielding
 * to the event loop between steps so requests keep being served, writing progress to the row.
 * The map lets a page (and tests) know whether a queued or running row still has a job here.
 */
// Kept on globalThis: Next.js bundles route handlers and server components separately, and both
// must see the same jobs or a page would take a running comparison for an interrupted one.
const registry = globalThis as typeof globalThis & {
  __boomerangComparisonJobs?: Map<number, Promise<void>>;
};
const running = (registry.__boomerangComparisonJobs ??= new Map<number, Promise<void>>());

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// Bootstrap and ranking come after the replay: the last few percent of the bar.
const REPLAY_SHARE = 92;

/** The target segment's rules at run time (it may have been edited or deleted since saving). */
async function targetSegment(db: Database, segmentId: number | null): Promise<SegmentNode | null> {
  if (segmentId === null) return null;
  const [row] = await db
    .select({ name: segments.name, rules: segments.rules })
    .from(segments)
    .where(eq(segments.id, segmentId))
    .limit(1);
  if (!row)
    throw new Error("The target segment was deleted. Start a new comparison with another target.");
  const parsed = segmentRules.safeParse(row.rules);
  if (!parsed.success)
    throw new Error(`The rules of segment "${row.name}" are not valid any more; fix the segment.`);
  return parsed.data;
}

async function run(db: Database, id: number, clock: () => Date): Promise<void> {
  const row = await findComparison(db, id);
  if (row === null) return;
  await markComparisonRunning(db, id, clock());
  try {
    const input = comparisonInput.parse(row.input);
    const needsCategories = input.candidates.some(
      (c) => c.typeId === "stamp-card" || c.typeId === "bundle",
    );
    const history = await loadOrderHistory(db, {
      from: row.periodFrom,
      to: row.periodTo,
      storeId: row.storeId,
      segment: await targetSegment(db, input.segmentId),
      withCategories: needsCategories,
    });
    const prepared = prepareComparison(input, history, {
      from: row.periodFrom.getTime(),
      to: row.periodTo.getTime(),
    });
    if (!prepared.ok) throw new Error(prepared.errors.join("; "));
    const steps = comparisonSteps(prepared.value);
    let lastWritten = 0;
    for (const [i, step] of steps.entries()) {
      step();
      const progress = Math.floor(((i + 1) / steps.length) * REPLAY_SHARE);
      if (progress - lastWritten >= 4) {
        lastWritten = progress;
        await setComparisonProgress(db, id, progress);
      }
      await yieldToEventLoop();
    }
    const result = summarizeComparison(prepared.value);
    await finishComparison(
      db,
      id,
      { result: JSON.parse(JSON.stringify(result)) as Record<string, unknown> },
      clock(),
    );
  } catch (error) {
    await finishComparison(
      db,
      id,
      { error: error instanceof Error ? error.message : String(error) },
      clock(),
    );
  }
}

/** Starts the job and returns at once; a second launch of a running comparison is a no-op. */
export function launchComparison(
  db: Database,
  id: number,
  clock: () => Date = () => new Date(),
): void {
  if (running.has(id)) return;
  // If even writing the failure fails (the database went away), the row stays "running" and the
  // next read reports it as interrupted, since no job here holds it.
  const job = run(db, id, clock)
    .catch(() => undefined)
    .finally(() => running.delete(id));
  running.set(id, job);
}

export const isComparisonRunningHere = (id: number): boolean => running.has(id);

/** Resolves when the comparison's job (if any) has finished: for tests and the CLI. */
export async function waitForComparison(id: number): Promise<void> {
  await running.get(id);
}
