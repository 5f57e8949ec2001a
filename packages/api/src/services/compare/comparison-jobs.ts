import {
  finishComparison,
  findComparison,
  loadOrderHistory,
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
