import { eq } from "drizzle-orm";
import { programs, type Database, type Program } from "@boomerang/db";
import { enrollMembers } from "@boomerang/db";
import { recordAudit } from "../audit";
import { conflict } from "../../errors";
import { compiledProgram } from "./engine-config";
import { inTransaction } from "./in-transaction";
import { assertRevision, claimRevision, loadProgram } from "./load-program";
import { segmentRulesFor } from "./segment-target";

export const programActions = ["activate", "pause", "resume", "end", "archive"] as const;
export type ProgramAction = (typeof programActions)[number];
type Status = Program["status"];

/** The lifecycle: draft → active ⇄ paused → ended → archived. */
const moves: Record<ProgramAction, { from: readonly Status[]; to: Status; verb: string }> = {
  activate: { from: ["draft"], to: "active", verb: "activated" },
  pause: { from: ["active"], to: "paused", verb: "paused" },
  resume: { from: ["paused"], to: "active", verb: "resumed" },
  end: { from: ["active", "paused"], to: "ended", verb: "ended" },
  archive: { from: ["ended"], to: "archived", verb: "archived" },
};

const refusal = (program: Program, action: ProgramAction): string => {
  const allowed = moves[action].from.join(" or ");
  return `"${program.name}" is ${program.status}: only a ${allowed} program can be ${moves[action].verb}.`;
};

export type TransitionResult = {
  id: number;
  status: Status;
  revision: number;
  enrolled: { members: number; control: number } | null;
};

/** Moves a program along its lifecycle; activation enrolls the target with its control group. */
export async function transitionProgram(
  db: Database,
  actorId: number,
  id: number,
  action: ProgramAction,
  expectedRevision: number,
  now: Date,
): Promise<TransitionResult> {
  return inTransaction(db, async (tx) => {
    const before = await loadProgram(tx, id);
    assertRevision(before, expectedRevision);
    const move = moves[action];
    if (!move.from.includes(before.status)) throw conflict(refusal(before, action));
    let enrolled: TransitionResult["enrolled"] = null;
    if (action === "activate") {
      if (before.endsAt !== null && before.endsAt <= now)
        throw conflict(`"${before.name}" ends before now; move its end date to activate it.`);
      // A configuration saved before an engine change must still compile before anyone earns under it.
      compiledProgram(before.type, before.config);
      const segmentRules = await segmentRulesFor(tx, before.segmentId);
      enrolled = await enrollMembers(tx, {
        segmentRules,
        programId: id,
        controlShareBp: before.controlShareBp,
        storeIds: before.storeIds,
        enrolledAt: now,
        customerIds: null,
      });
    }
    const after = await claimRevision(tx, before, {
      status: move.to,
      updatedAt: now,
      ...(action === "activate" ? { activatedAt: now } : {}),
      ...(action === "end" ? { endedAt: now } : {}),
    });
    await recordAudit(tx, {
      actorId,
      action: `program.${move.verb}`,
      entityType: "program",
      entityId: id,
      changes: { status: { from: before.status, to: move.to }, ...(enrolled ? { enrolled } : {}) },
      at: now,
    });
    return { id, status: after.status, revision: after.revision, enrolled };
  });
}

/** Deletes a draft (nothing ever ran under it); anything else is history and must be ended or archived. */
export async function deleteDraft(
  db: Database,
  actorId: number,
  id: number,
  expectedRevision: number,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await loadProgram(tx, id);
    assertRevision(before, expectedRevision);
    if (before.status !== "draft") {
      throw conflict(
        `"${before.name}" is ${before.status}: only drafts can be deleted. End it, then archive it, to keep its history.`,
      );
    }
    await tx.delete(programs).where(eq(programs.id, id));
    await recordAudit(tx, {
      actorId,
      action: "program.deleted",
      entityType: "program",
      entityId: id,
      changes: { before: { name: before.name, type: before.type, config: before.config } },
      at: now,
    });
  });
}
