import { enrollments, programs, programVersions, type Database } from "@boomerang/db";

/** An active flexible-rewards program (1 point per 1.00, available at once, a 100-point perk) with the customer enrolled. */
export async function enrollInRewards(
  db: Database,
  customerId: number,
  config: Record<string, unknown> = {},
) {
  const [program] = await db
    .insert(programs)
    .values({ name: "Rewards club", type: "flexible-rewards", status: "active" })
    .returning();
  await db.insert(programVersions).values({
    programId: program!.id,
    version: 1,
    config: {
      earnPer: 100,
      pendingDays: 0,
      catalog: [{ id: "perk", name: "Lounge access", points: 100, kind: "perk", value: 0 }],
      ...config,
    },
  });
  await db.insert(enrollments).values({
    programId: program!.id,
    customerId,
    isControl: false,
    enrolledAt: new Date("2024-01-01T00:00:00Z"),
  });
  return program!;
}
