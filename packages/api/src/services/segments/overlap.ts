import { inArray } from "drizzle-orm";
import { segmentOverlap, segments, type Database } from "@boomerang/db";
import { invalid, notFound } from "../../errors";
import { storedRules } from "./saved-segments";

/**
 * How two or three saved segments overlap, counted in the caller's store scope: every region of the
 * Venn diagram (including "in none of them") and each segment's size.
 */
export async function overlapSegments(
  db: Database,
  ids: number[],
  storeId: number | null,
  now: Date,
) {
  if (new Set(ids).size !== ids.length) throw invalid("Pick different segments to compare.");
  const rows = await db.select().from(segments).where(inArray(segments.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const picked = ids.map((id) => byId.get(id));
  if (picked.some((s) => s === undefined)) throw notFound("One of the segments");
  const found = picked as NonNullable<(typeof picked)[number]>[];
  const overlap = await segmentOverlap(
    db,
    found.map((s) => storedRules(s.rules)),
    { now, storeId },
  );
  return {
    segments: found.map((s, i) => ({ id: s.id, name: s.name, members: overlap.totals[i]! })),
    regions: overlap.regions,
    base: overlap.base,
  };
}
