import { and, eq } from "drizzle-orm";
import { programVersions, type Database } from "@boomerang/db";
import { changedFields, recordAudit } from "../audit";
import { conflict, invalid } from "../../errors";
import { validatedConfig } from "./engine-config";
import { inTransaction } from "./in-transaction";
import { assertRevision, claimRevision, loadProgram } from "./load-program";
import type { ProgramInput } from "./program-input";
import { assertSegmentExists } from "./segment-target";

/**
 * Saves an edit made on `expectedRevision`. A draft is edited in place; a program that has run
 * (active or paused) gets a new version, so what members earned under the old one stays explained
 * by it. Ended and archived programs are history and refuse edits.
 */
export async function updateProgram(
  db: Database,
  actorId: number,
  id: number,
  expectedRevision: number,
  input: ProgramInput,
  now: Date,
): Promise<{ id: number; revision: number; version: number }> {
  const config = validatedConfig(input.type, input);
  return inTransaction(db, async (tx) => {
    const before = await loadProgram(tx, id);
    assertRevision(before, expectedRevision);
    if (before.status === "ended" || before.status === "archived") {
      throw conflict(
        `"${before.name}" has ${before.status === "ended" ? "ended" : "been archived"} and can no longer be edited; create a new program instead.`,
      );
    }
    if (input.type !== before.type) {
      throw invalid(
        "A program's type cannot change after it is created; create a new program of the other type.",
        { fieldErrors: { type: ["The type is fixed once the program exists."] } },
      );
    }
    await assertSegmentExists(tx, input.segmentId);
    const row = {
      name: input.name,
      segmentId: input.segmentId,
      storeIds: [...input.targetStoreIds],
      channels: [...input.channels],
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      budgetCap: input.budgetCap,
      controlShareBp: input.controlShareBp,
      messages: input.messages,
    };
    const changes = changedFields(
      { ...pick(before, row), config: before.config },
      { ...row, config },
    );
    const newVersion =
      before.status === "draft" ? before.currentVersion : before.currentVersion + 1;
    const after = await claimRevision(tx, before, {
      ...row,
      currentVersion: newVersion,
      updatedAt: now,
    });
    if (before.status === "draft") {
      await tx
        .update(programVersions)
        .set({ config, createdBy: actorId, createdAt: now })
        .where(and(eq(programVersions.programId, id), eq(programVersions.version, newVersion)));
    } else {
      await tx
        .insert(programVersions)
        .values({ programId: id, version: newVersion, config, createdBy: actorId, createdAt: now });
    }
    await recordAudit(tx, {
      actorId,
      action: "program.updated",
      entityType: "program",
      entityId: id,
      changes: { version: newVersion, fields: changes },
      at: now,
    });
    return { id, revision: after.revision, version: newVersion };
  });
}

const pick = <T extends Record<string, unknown>>(
  source: T,
  like: Record<string, unknown>,
): Record<string, unknown> =>
  Object.fromEntries(Object.keys(like).map((key) => [key, source[key]]));
