import { and, desc, eq, inArray } from "drizzle-orm";
import {
  countSegment,
  programs,
  segmentMemberDiff,
  segmentSizeTrend,
  segments,
  segmentVersions,
  users,
  type Database,
} from "@boomerang/db";
import { describeSegment, segmentRules, type SegmentNode } from "@boomerang/domain/segments";
import { notFound } from "../../errors";
import { loadSegmentNames } from "./segment-names";

/** A stored rule tree, validated again on the way out (a tree saved by an older build may not parse). */
export function storedRules(rules: unknown): SegmentNode {
  const parsed = segmentRules.safeParse(rules);
  return parsed.success ? parsed.data : { kind: "or", children: [] };
}

export async function loadSegment(db: Database, id: number) {
  const [row] = await db.select().from(segments).where(eq(segments.id, id));
  if (!row) throw notFound("The segment");
  return row;
}

/** Programs that target each segment, so the list can say who depends on it. */
async function usedBy(db: Database, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; name: string; status: string }[]>();
  const rows = await db
    .select({
      segmentId: programs.segmentId,
      id: programs.id,
      name: programs.name,
      status: programs.status,
    })
    .from(programs)
    .where(inArray(programs.segmentId, ids));
  const map = new Map<number, { id: number; name: string; status: string }[]>();
  for (const r of rows)
    map.set(r.segmentId!, [
      ...(map.get(r.segmentId!) ?? []),
      { id: r.id, name: r.name, status: r.status },
    ]);
  return map;
}

/** Saved segments with their current size (in the caller's store scope), owner and programs. */
export async function listSegments(db: Database, storeId: number | null, now: Date) {
  const rows = await db
    .select({ segment: segments, ownerName: users.name })
    .from(segments)
    .leftJoin(users, eq(users.id, segments.ownerId))
    .orderBy(desc(segments.updatedAt), desc(segments.id));
  const programsBySegment = await usedBy(
    db,
    rows.map((r) => r.segment.id),
  );
  return Promise.all(
    rows.map(async ({ segment, ownerName }) => {
      const { members, base } = await countSegment(db, storedRules(segment.rules), {
        now,
        storeId,
      });
      return {
        id: segment.id,
        name: segment.name,
        description: segment.description,
        version: segment.version,
        owner: ownerName,
        updatedAt: segment.updatedAt,
        members,
        base,
        programs: programsBySegment.get(segment.id) ?? [],
      };
    }),
  );
}

/** A saved segment with its versions; a store manager gets no whole-business member counts. */
export async function getSegment(db: Database, id: number, storeId: number | null = null) {
  const segment = await loadSegment(db, id);
  const versions = await db
    .select({
      version: segmentVersions.version,
      memberCount: segmentVersions.memberCount,
      createdAt: segmentVersions.createdAt,
    })
    .from(segmentVersions)
    .where(eq(segmentVersions.segmentId, id))
    .orderBy(desc(segmentVersions.version));
  const programsUsing = (await usedBy(db, [id])).get(id) ?? [];
  return {
    ...segment,
    rules: storedRules(segment.rules),
    versions:
      storeId === null ? versions : versions.map((version) => ({ ...version, memberCount: null })),
    programs: programsUsing,
  };
}

/** How many customers an edit would add and remove, compared with the saved version. */
export async function diffAgainstSaved(db: Database, id: number, rules: SegmentNode, now: Date) {
  const segment = await loadSegment(db, id);
  return segmentMemberDiff(db, storedRules(segment.rules), rules, { now });
}

/**
 * Members at each of the last 12 week ends, in the caller's store scope, for the list's sparkline
 * (one statement per segment; the client asks for each row's trend separately so the list shows at once).
 */
export async function segmentTrend(db: Database, id: number, storeId: number | null, now: Date) {
  const segment = await loadSegment(db, id);
  const points = await segmentSizeTrend(db, storedRules(segment.rules), { now, storeId });
  return points.map((p) => ({ at: p.at.toISOString(), members: p.members }));
}

/**
 * Every saved version: who saved it and when, its rules in words, its size when saved and its size
 * with today's data. Sizes when saved were counted over every store, so a store manager sees only
 * today's size within their own store.
 */
export async function segmentVersionHistory(
  db: Database,
  id: number,
  storeId: number | null,
  now: Date,
) {
  const segment = await loadSegment(db, id);
  const names = await loadSegmentNames(db);
  const rows = await db
    .select({ version: segmentVersions, authorName: users.name })
    .from(segmentVersions)
    .leftJoin(users, eq(users.id, segmentVersions.createdBy))
    .where(eq(segmentVersions.segmentId, id))
    .orderBy(desc(segmentVersions.version));
  return Promise.all(
    rows.map(async ({ version, authorName }) => {
      const rules = storedRules(version.rules);
      const { members } = await countSegment(db, rules, { now, storeId });
      return {
        version: version.version,
        current: version.version === segment.version,
        author: authorName,
        createdAt: version.createdAt,
        summary: describeSegment(rules, names),
        rules,
        membersThen: storeId === null ? version.memberCount : null,
        membersNow: members,
      };
    }),
  );
}

export async function loadSegmentVersion(db: Database, id: number, version: number) {
  const [row] = await db
    .select()
    .from(segmentVersions)
    .where(and(eq(segmentVersions.segmentId, id), eq(segmentVersions.version, version)));
  if (!row) throw notFound(`Version ${version} of this segment`);
  return row;
}
