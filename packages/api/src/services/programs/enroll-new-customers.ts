import { enrollMembers, programsOpenForEnrollment, type Database } from "@boomerang/db";
import { inTransaction } from "./in-transaction";

/**
 * Called by ingest and import when customers appear: enrolls them in every active program whose
 * target they match, on the same side of the control group as a full enrollment would put them.
 * Segment-targeted programs are skipped until the segment builder can evaluate membership.
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
      if (program.segmentId !== null) continue;
      const added = await enrollMembers(tx, {
        programId: program.id,
        controlShareBp: program.controlShareBp,
        storeIds: program.storeIds,
        enrolledAt: now,
        customerIds,
      });
      total.members += added.members;
      total.control += added.control;
    }
    return total;
  });
}
