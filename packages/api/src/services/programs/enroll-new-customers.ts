import { enrollMembers, programsOpenForEnrollment, type Database } from "@boomerang/db";
import { inTransaction } from "./in-transaction";
import { parsedSegmentRules } from "./segment-target";

/**
 * Called by ingest and import when customers appear: enrolls them in every active program whose
 * target they match, on the same side of the control group as a full enrollment would put them.
 * A segment-targeted program takes them only when they match the segment's rules now.
 */
export async function enrollNewCustomers(
  db: Database,
  customerIds: readonly number[],
  now: Date,
): Promise<{ members: number; control: number }> {
  if (customerIds.length === 0) return { members: 0, control: 0 };
  return inTransaction(db, async (tx) => {
    const total = { members: 0, control: 0 };
    for (const program of await programsOpenForEnrollment(tx)) {
      const segmentRules =
        program.segmentRules === null ? null : parsedSegmentRules(program.segmentRules);
      if (program.segmentRules !== null && segmentRules === null) continue;
      const added = await enrollMembers(tx, {
        programId: program.id,
        controlShareBp: program.controlShareBp,
        storeIds: program.storeIds,
        enrolledAt: now,
        customerIds,
        segmentRules,
      });
      total.members += added.members;
      total.control += added.control;
    }
    return total;
  });
}
