import { desc, eq } from "drizzle-orm";
import type { Database } from "../../client";
import { type Comparison, comparisons } from "../../schema/comparisons";

export interface NewComparison {
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly periodFrom: Date;
  readonly periodTo: Date;
  readonly storeId: number | null;
  readonly createdBy: number | null;
  readonly createdAt: Date;
}

export async function insertComparison(db: Database, values: NewComparison): Promise<Comparison> {
  const [row] = await db
    .insert(comparisons)
    .values({ ...values, status: "queued", progress: 0 })
    .returning();
  if (row === undefined) throw new Error("inserting a comparison returned no row");
  return row;
}

export async function findComparison(db: Database, id: number): Promise<Comparison | null> {
  const [row] = await db.select().from(comparisons).where(eq(comparisons.id, id)).limit(1);
  return row ?? null;
}

export type ComparisonListItem = Pick<
  Comparison,
  | "id"
  | "name"
  | "status"
  | "progress"
  | "periodFrom"
  | "periodTo"
  | "storeId"
  | "createdAt"
  | "finishedAt"
>;

export async function listComparisons(db: Database, limit = 50): Promise<ComparisonListItem[]> {
  return db
    .select({
      id: comparisons.id,
      name: comparisons.name,
      status: comparisons.status,
      progress: comparisons.progress,
      periodFrom: comparisons.periodFrom,
      periodTo: comparisons.periodTo,
      storeId: comparisons.storeId,
      createdAt: comparisons.createdAt,
      finishedAt: comparisons.finishedAt,
    })
    .from(comparisons)
    .orderBy(desc(comparisons.createdAt), desc(comparisons.id))
    .limit(limit);
}

export async function markComparisonRunning(db: Database, id: number, at: Date): Promise<void> {
  await db
    .update(comparisons)
    .set({
      status: "running",
      progress: 0,
      startedAt: at,
      finishedAt: null,
      error: null,
      result: null,
    })
    .where(eq(comparisons.id, id));
}

export async function setComparisonProgress(
  db: Database,
  id: number,
  progress: number,
): Promise<void> {
  await db
    .update(comparisons)
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))) })
    .where(eq(comparisons.id, id));
}

export async function finishComparison(
  db: Database,
  id: number,
  outcome: { readonly result: Record<string, unknown> } | { readonly error: string },
  at: Date,
): Promise<void> {
  const set =
    "result" in outcome
      ? { status: "done", progress: 100, result: outcome.result, error: null, finishedAt: at }
      : { status: "failed", error: outcome.error, finishedAt: at };
  await db.update(comparisons).set(set).where(eq(comparisons.id, id));
}

/** Re-run on newer data: same candidates, the period moved to end at `periodTo`. */
export async function requeueComparison(
  db: Database,
  id: number,
  period: { readonly from: Date; readonly to: Date },
): Promise<void> {
  await db
    .update(comparisons)
    .set({
      status: "queued",
      progress: 0,
      result: null,
      error: null,
      startedAt: null,
      finishedAt: null,
      periodFrom: period.from,
      periodTo: period.to,
    })
    .where(eq(comparisons.id, id));
}
