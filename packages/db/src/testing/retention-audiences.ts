import { sql } from "drizzle-orm";
import type { Database } from "../client";
import type { RetentionAudience } from "../queries/retention/scope";
import { enrollments, programs } from "../schema";
import { makeBusiness, makeStore } from "./factories";

/** A random retention data set's customers: their home store and whether they are program members. */
export type AudienceFixture = {
  storeIds: number[];
  programId: number;
  homeOf: Map<number, number>;
  members: Set<number>;
  timezone: string;
};

/** What every random retention data set starts from: the business in `timezone`, two stores, a points program. */
export async function retentionBase(
  db: Database,
  timezone: string,
): Promise<{ storeIds: number[]; programId: number }> {
  await makeBusiness(db, { timezone });
  const storeIds = [(await makeStore(db)).id, (await makeStore(db)).id];
  const [program] = await db
    .insert(programs)
    .values({ name: "Points", type: "points" })
    .returning();
  return { storeIds, programId: program!.id };
}

/** Every customer of the fixture enrolled in its program: members treated, the others as control. */
export async function enrollFixture(db: Database, f: AudienceFixture, at: Date): Promise<void> {
  await db.insert(enrollments).values(
    [...f.homeOf.keys()].map((customerId) => ({
      programId: f.programId,
      customerId,
      isControl: !f.members.has(customerId),
      enrolledAt: at,
    })),
  );
}

/**
 * The audiences the SQL-vs-reference tests run each metric for, with the in-memory filter that
 * keeps the same customers: everyone, the second store, program members, the control group and a
 * segment-like subquery of customer ids.
 */
export function fixtureAudiences(
  f: AudienceFixture,
): [string, RetentionAudience, (customerId: number) => boolean][] {
  const { storeIds, programId, homeOf, members, timezone } = f;
  return [
    ["everyone", { storeId: null, program: null, timezone }, () => true],
    [
      "one store",
      { storeId: storeIds[1]!, program: null, timezone },
      (c) => homeOf.get(c) === storeIds[1],
    ],
    [
      "program members",
      { storeId: null, program: { programId, group: "members" }, timezone },
      (c) => members.has(c),
    ],
    [
      "control group",
      { storeId: null, program: { programId, group: "control" }, timezone },
      (c) => !members.has(c),
    ],
    [
      "a segment's members",
      {
        storeId: null,
        program: null,
        members: sql`select id from customers where id % 3 = 0`,
        timezone,
      },
      (c) => c % 3 === 0,
    ],
  ];
}
