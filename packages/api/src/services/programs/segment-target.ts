import { eq } from "drizzle-orm";
import { segments, type Database } from "@boomerang/db";
import { segmentRules, type SegmentNode } from "@boomerang/domain/segments";
import { conflict, invalid } from "../../errors";

/** A program may target a saved segment; refuse an id that does not exist, naming the field. */
export async function assertSegmentExists(db: Database, segmentId: number | null): Promise<void> {
  if (segmentId === null) return;
  const [row] = await db
    .select({ id: segments.id })
    .from(segments)
    .where(eq(segments.id, segmentId))
    .limit(1);
  if (!row)
    throw invalid("The target segment does not exist (it may have been deleted).", {
      fieldErrors: { segmentId: ["Pick an existing segment."] },
    });
}

/**
 * The saved segment's rules for enrollment, or null for "all customers". Rules that no longer parse
 * (an older rule format) refuse activation rather than enrolling the wrong people.
 */
export async function segmentRulesFor(
  db: Database,
  segmentId: number | null,
): Promise<SegmentNode | null> {
  if (segmentId === null) return null;
  const [row] = await db
    .select({ name: segments.name, rules: segments.rules })
    .from(segments)
    .where(eq(segments.id, segmentId))
    .limit(1);
  if (!row)
    throw conflict(
      "The program's target segment was deleted; pick another target before activating.",
    );
  const parsed = segmentRules.safeParse(row.rules);
  if (!parsed.success)
    throw conflict(
      `The rules of segment "${row.name}" are not valid any more; fix the segment before activating.`,
    );
  return parsed.data;
}

/** For ingest: the rules when they parse, null when they do not (such a program enrolls nobody new). */
export function parsedSegmentRules(rules: unknown): SegmentNode | null {
  const parsed = segmentRules.safeParse(rules);
  return parsed.success ? parsed.data : null;
}
