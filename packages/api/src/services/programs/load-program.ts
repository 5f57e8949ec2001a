import { and, eq } from "drizzle-orm";
import { programVersions, programs, type Database, type Program } from "@boomerang/db";
import { conflict, notFound } from "../../errors";

export type StoredProgram = Program & { config: Record<string, unknown> };

/** The program with its current version's configuration, or NOT_FOUND. */
export async function loadProgram(db: Database, id: number): Promise<StoredProgram> {
  const [row] = await db
    .select({ program: programs, config: programVersions.config })
    .from(programs)
    .innerJoin(
      programVersions,
      and(
        eq(programVersions.programId, programs.id),
        eq(programVersions.version, programs.currentVersion),
      ),
    )
    .where(eq(programs.id, id))
    .limit(1);
  if (!row) throw notFound("The program");
  return { ...row.program, config: row.config };
}

/** The refusal when the caller's copy is older than the stored one. */
export function assertRevision(program: Program, expectedRevision: number): void {
  if (program.revision !== expectedRevision) {
    throw conflict(
      `Someone else saved "${program.name}" after you opened it (you had revision ${expectedRevision}, it is now ${program.revision}). Reload to see their changes, then apply yours again.`,
    );
  }
}

/**
 * Bumps the revision only if it is still the one the caller read: the database decides who saved
 * first, so two concurrent saves can never both succeed.
 */
export async function claimRevision(
  db: Database,
  program: Program,
  values: Partial<typeof programs.$inferInsert>,
): Promise<Program> {
  const [updated] = await db
    .update(programs)
    .set({ ...values, revision: program.revision + 1 })
    .where(and(eq(programs.id, program.id), eq(programs.revision, program.revision)))
    .returning();
  if (!updated) assertRevision(await loadProgram(db, program.id), program.revision);
  return updated!;
}
