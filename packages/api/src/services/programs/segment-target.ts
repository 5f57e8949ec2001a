import { eq } from "drizzle-orm";
import { segments, type Database } from "@boomerang/db";
import { invalid } from "../../errors";

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
 * Enrolling a saved segment's members needs the segment builder's SQL compiler, which is not there
 * yet: refuse clearly instead of enrolling the wrong people.
 */
export const segmentTargetingUnavailable =
  "This program targets a saved segment: segment targeting arrives with the segment builder. Target all customers (optionally by store) to activate it now.";
