import { eq } from "drizzle-orm";
import {
  programs,
  segmentMemberIds,
  stores,
  type Database,
  type RetentionAudience,
} from "@boomerang/db";
import { notFound } from "../../errors";
import { loadSegment, storedRules } from "../segments/saved-segments";

export type AudienceChoice = {
  storeId: number | null;
  segmentId: number | null;
  program: RetentionAudience["program"];
};

/**
 * The customers a retention chart is about (home store, a saved segment's members as of now, a
 * program's members or control group), checked to exist, with names for labels.
 */
export async function resolveAudience(
  db: Database,
  choice: AudienceChoice,
  timezone: string,
  now: Date,
) {
  let store: { id: number; name: string } | null = null;
  if (choice.storeId !== null) {
    const [row] = await db
      .select({ id: stores.id, name: stores.name })
      .from(stores)
      .where(eq(stores.id, choice.storeId));
    if (!row) throw notFound("The store");
    store = row;
  }
  let segment: { id: number; name: string } | null = null;
  let members: RetentionAudience["members"] = null;
  if (choice.segmentId !== null) {
    const row = await loadSegment(db, choice.segmentId);
    segment = { id: row.id, name: row.name };
    members = segmentMemberIds(storedRules(row.rules), { now, storeId: choice.storeId });
  }
  let program: { id: number; name: string; group: "members" | "control" } | null = null;
  if (choice.program !== null) {
    const [row] = await db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(eq(programs.id, choice.program.programId));
    if (!row) throw notFound("The program");
    program = { ...row, group: choice.program.group };
  }
  const audience: RetentionAudience = {
    storeId: choice.storeId,
    program: choice.program,
    members,
    timezone,
  };
  return { audience, store, segment, program };
}
