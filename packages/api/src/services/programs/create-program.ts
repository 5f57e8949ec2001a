import { programVersions, programs, type Database } from "@boomerang/db";
import { recordAudit } from "../audit";
import { validatedConfig } from "./engine-config";
import { inTransaction } from "./in-transaction";
import type { ProgramInput } from "./program-input";
import { assertSegmentExists } from "./segment-target";

/** A new draft: the program row, its version 1 and the audit entry, in one transaction. */
export async function createProgramDraft(
  db: Database,
  actorId: number,
  input: ProgramInput,
  now: Date,
): Promise<{ id: number; revision: number }> {
  const config = validatedConfig(input.type, input);
  return inTransaction(db, async (tx) => {
    await assertSegmentExists(tx, input.segmentId);
    const [program] = await tx
      .insert(programs)
      .values({
        name: input.name,
        type: input.type,
        status: "draft",
        segmentId: input.segmentId,
        storeIds: [...input.targetStoreIds],
        channels: [...input.channels],
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        budgetCap: input.budgetCap,
        controlShareBp: input.controlShareBp,
        messages: input.messages,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const id = program!.id;
    await tx
      .insert(programVersions)
      .values({ programId: id, version: 1, config, createdBy: actorId, createdAt: now });
    await recordAudit(tx, {
      actorId,
      action: "program.created",
      entityType: "program",
      entityId: id,
      changes: { after: { ...input, config } },
      at: now,
    });
    return { id, revision: program!.revision };
  });
}
