import { enrollments, programs, programVersions, type Database } from "@boomerang/db";

/**
 * An active program of this type and configuration (version 1) with these customers enrolled
 * (none held out as control) since 1 January 2024. Returns the program's id.
 */
export async function activeProgram(
  db: Database,
  options: {
    type: string;
    config?: Record<string, unknown>;
    customerIds?: readonly number[];
    name?: string;
  },
): Promise<number> {
  const [program] = await db
    .insert(programs)
    .values({ name: options.name ?? options.type, type: options.type, status: "active" })
    .returning();
  await db
    .insert(programVersions)
    .values({ programId: program!.id, version: 1, config: options.config ?? {} });
  const customerIds = options.customerIds ?? [];
  if (customerIds.length > 0)
    await db.insert(enrollments).values(
      customerIds.map((customerId) => ({
        programId: program!.id,
        customerId,
        isControl: false,
        enrolledAt: new Date("2024-01-01T00:00:00Z"),
      })),
    );
  return program!.id;
}
