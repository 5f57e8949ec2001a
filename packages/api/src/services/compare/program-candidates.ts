import { and, asc, eq, sql } from "drizzle-orm";
import { programVersions, programs, segments, type Database } from "@boomerang/db";
import { commonParams } from "@boomerang/domain/programs";

export interface ProgramCandidate {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  /** The type's own parameters from the current version (targeting, dates and caps left out). */
  readonly params: Record<string, unknown>;
  readonly segmentId: number | null;
  readonly segmentName: string | null;
}

const commonKeys = new Set(Object.keys(commonParams.shape));

/**
 * Saved programs (drafts first, then the others) that a comparison can load as candidates: the
 * current version's own parameters and the program's target segment. Start and end dates, stores,
 * channels and the budget cap are left out: a comparison replays its own period for everyone in
 * its target.
 */
export async function programCandidates(db: Database): Promise<ProgramCandidate[]> {
  const rows = await db
    .select({
      id: programs.id,
      name: programs.name,
      type: programs.type,
      status: programs.status,
      config: programVersions.config,
      segmentId: programs.segmentId,
      segmentName: segments.name,
    })
    .from(programs)
    .innerJoin(
      programVersions,
      and(
        eq(programVersions.programId, programs.id),
        eq(programVersions.version, programs.currentVersion),
      ),
    )
    .leftJoin(segments, eq(segments.id, programs.segmentId))
    .orderBy(sql`${programs.status} <> 'draft'`, asc(programs.name), asc(programs.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    status: row.status,
    params: Object.fromEntries(Object.entries(row.config).filter(([k]) => !commonKeys.has(k))),
    segmentId: row.segmentId,
    segmentName: row.segmentName ?? null,
  }));
}
