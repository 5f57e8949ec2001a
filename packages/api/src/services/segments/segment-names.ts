import { programs, stores, type Database } from "@boomerang/db";
import type { SegmentNames } from "@boomerang/domain/segments";

/** Program and store names, so rule summaries and explanations name what they refer to. */
export async function loadSegmentNames(db: Database): Promise<SegmentNames> {
  const [programRows, storeRows] = await Promise.all([
    db.select({ id: programs.id, name: programs.name }).from(programs),
    db.select({ id: stores.id, name: stores.name }).from(stores),
  ]);
  return {
    programs: new Map(programRows.map((p) => [p.id, p.name])),
    stores: new Map(storeRows.map((s) => [s.id, s.name])),
  };
}
