import { asc, eq } from "drizzle-orm";
import {
  listPrograms,
  programStats,
  programVersions,
  segments,
  type Database,
  type ProgramListFilter,
} from "@boomerang/db";
import { summarizeProgram } from "@boomerang/domain/programs";
import { getBusinessProfile } from "../settings";
import { compiledProgram } from "./engine-config";
import { loadProgram } from "./load-program";

/** The programs list, with each configuration's one-line summary. */
export async function listProgramsWithSummary(db: Database, filter: ProgramListFilter) {
  const rows = await listPrograms(db, filter);
  const configs = await db
    .select({
      programId: programVersions.programId,
      version: programVersions.version,
      config: programVersions.config,
    })
    .from(programVersions)
    .orderBy(asc(programVersions.version));
  const latest = new Map(configs.map((c) => [c.programId, c.config]));
  return rows.map((row) => {
    const summary = summarizeProgram(row.type, latest.get(row.id) ?? {});
    return { ...row, summary: summary.ok ? summary.value : null };
  });
}

/**
 * One program: configuration, versions and figures. `storeId` limits the member and ledger figures
 * to one store's home customers (store managers), never the configuration.
 */
export async function getProgramDetail(db: Database, id: number, storeId: number | null) {
  const program = await loadProgram(db, id);
  const profile = await getBusinessProfile(db);
  const unit = compiledProgram(program.type, program.config).unit;
  const stats = await programStats(db, {
    programId: id,
    unit,
    storeId,
    timezone: profile.timezone,
  });
  const versions = await db
    .select({ version: programVersions.version, createdAt: programVersions.createdAt })
    .from(programVersions)
    .where(eq(programVersions.programId, id))
    .orderBy(asc(programVersions.version));
  const summary = summarizeProgram(program.type, program.config);
  const [segment] =
    program.segmentId === null
      ? []
      : await db
          .select({ name: segments.name })
          .from(segments)
          .where(eq(segments.id, program.segmentId))
          .limit(1);
  return {
    program,
    segmentName: segment?.name ?? null,
    summary: summary.ok ? summary.value : null,
    unit,
    stats,
    versions,
    storeId,
    currency: profile.currency,
    locale: profile.locale,
  };
}
