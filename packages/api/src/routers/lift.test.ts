import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrollments, programs, type DbHandle } from "@boomerang/db";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { callerFor } from "../test/caller";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NOT_A_TRPC_ERROR";
  }
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe.each(testDrivers())("lift procedures on $name", (driver) => {
  let handle: DbHandle;
  let ids: { admin: number; analyst: number; marketer: number; manager: number };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_lift");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const store = (await makeStore(db)).id;
    const [controlled, open] = await db
      .insert(programs)
      .values([
        {
          name: "Points, 1 in 3 held out",
          type: "points",
          status: "ended",
          controlShareBp: 3300,
          activatedAt: day("2025-01-01"),
          endedAt: day("2025-05-01"),
        },
        {
          name: "Stamps for all",
          type: "stamp-card",
          status: "active",
          controlShareBp: 0,
          activatedAt: day("2025-03-01"),
        },
      ])
      .returning();
    // Members: 4 of 6 order again within 4 weeks; control: 1 of 3.
    for (let i = 0; i < 9; i++) {
      const isControl = i >= 6;
      const c = await makeCustomer(db, { homeStoreId: store });
      await db.insert(enrollments).values({
        programId: controlled!.id,
        customerId: c.id,
        isControl,
        enrolledAt: day("2025-01-01"),
      });
      if ((!isControl && i < 4) || i === 6)
        await makeOrder(db, { customerId: c.id, placedAt: day("2025-01-10"), total: 2_000 });
    }
    const member = await makeCustomer(db, { homeStoreId: store });
    await db.insert(enrollments).values({
      programId: open!.id,
      customerId: member.id,
      isControl: false,
      enrolledAt: day("2025-03-01"),
    });
    ids = {
      admin: (await makeUser(db, { role: "admin" })).id,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      marketer: (await makeUser(db, { role: "marketer" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: store })).id,
    };
  });
  afterAll(async () => handle?.close());

  it("measures members against control with the difference, its interval and a verdict", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const report = await api.lift.report({ windowWeeks: 4 });
    expect(report.windowWeeks).toBe(4);
    const p = report.programs.find((x) => x.method === "control");
    if (p?.method !== "control") throw new Error("expected the controlled program");
    expect(p.typeName).toBe("Points / bonus");
    expect(p.members).toMatchObject({ enrolled: 6, measured: 6 });
    expect(p.members.repeatRate).toBeCloseTo(4 / 6, 10);
    expect(p.control.repeatRate).toBeCloseTo(1 / 3, 10);
    expect(p.members.revenuePerCustomer).toBeCloseTo((4 * 2_000) / 6, 6);
    // 2/3 − 1/3 with variances 6·(2/3)(1/3)/5 and 3·(1/3)(2/3)/2.
    const se = Math.sqrt((6 * (2 / 9)) / 5 / 6 + (3 * (2 / 9)) / 2 / 3);
    expect(p.lift.repeat!.difference).toBeCloseTo(1 / 3, 10);
    expect(p.lift.repeat!.high).toBeCloseTo(1 / 3 + 1.959964 * se, 5);
    // Nine customers cannot show a 2-point lift, and the program has ended.
    expect(p.verdict.status).toBe("too-early");
    expect(p.verdict.weeksMore).toBeNull();
    expect(p.verdict.sentence).toContain("the program has ended short of that");
    expect(p.expectedLiftSource).toBe("type");
    expect(p.curve[0]).toEqual({ week: 1, members: 0, control: 0 });
    expect(p.curve[1]).toEqual({ week: 2, members: 4 / 6, control: 1 / 3 });
  });

  it("takes the user's expected effect instead of the type's default", async () => {
    const api = await callerFor(handle.db, ids.marketer);
    const report = await api.lift.report({ windowWeeks: 4, expectedLiftPp: 40 });
    const p = report.programs.find((x) => x.method === "control");
    if (p?.method !== "control") throw new Error("expected the controlled program");
    expect(p.expectedLift).toBeCloseTo(0.4, 10);
    expect(p.expectedLiftSource).toBe("entered");
  });

  it("labels the estimate for a program without a control group as weaker evidence", async () => {
    const api = await callerFor(handle.db, ids.admin);
    const report = await api.lift.report({ windowWeeks: 4 });
    const p = report.programs.find((x) => x.method === "diff-in-diff");
    if (p?.method !== "diff-in-diff") throw new Error("expected the program without control");
    expect(p.name).toBe("Stamps for all");
    expect(p.repeat).toBeNull();
    expect(p.sentence).toContain("Weaker evidence than a control group");
  });

  it("refuses store managers and a window the page does not offer", async () => {
    const manager = await callerFor(handle.db, ids.manager);
    expect(await codeOf(manager.lift.report({ windowWeeks: 4 }))).toBe("FORBIDDEN");
    const analyst = await callerFor(handle.db, ids.analyst);
    expect(await codeOf(analyst.lift.report({ windowWeeks: 5 }))).toBe("BAD_REQUEST");
    expect(await codeOf(analyst.lift.report({ windowWeeks: 8, expectedLiftPp: 0 }))).toBe(
      "BAD_REQUEST",
    );
  });
});
