import { describe, expect, it } from "vitest";
import { describeSegment, evaluateSegment, explainSegment } from "./evaluate";
import { segmentRules, type SegmentNode } from "./rule-tree";
import type { CustomerSummary } from "./summary";
import { segmentTemplates } from "./templates";

const now = new Date("2025-06-15T12:00:00Z");
const day = (n: number) => new Date(now.getTime() - n * 86_400_000);

const customer = (over: Partial<CustomerSummary> = {}): CustomerSummary => ({
  id: 1,
  birthDate: "1990-06-16",
  gender: "female",
  city: "Milano",
  region: "Lombardia",
  homeStoreId: 1,
  preferredChannel: "email",
  consent: { email: true, sms: false, messenger: false, push: false },
  signedUpAt: day(400),
  orders: [
    { placedAt: day(200), total: 3000, items: [{ sku: "A1", category: "shoes" }] },
    { placedAt: day(10), total: 1000, items: [{ sku: "B2", category: "bags" }] },
  ],
  events: [{ type: "cart_abandoned", occurredAt: day(3) }],
  rfm: { recency: 5, frequency: 3, monetary: 4, group: "potential_loyalists" },
  prediction: null,
  programs: [],
  ...over,
});

describe("evaluateSegment", () => {
  it("counts age in whole years as of now's day: a birthday tomorrow is not yet a year older", () => {
    expect(evaluateSegment({ kind: "age", range: { min: 34, max: 34 } }, customer(), now)).toBe(
      true,
    );
    expect(evaluateSegment({ kind: "age", range: { min: 35 } }, customer(), now)).toBe(false);
  });

  it("counts behaviour only inside the window", () => {
    const last30: SegmentNode = {
      kind: "ordersCount",
      window: { kind: "lastDays", days: 30 },
      range: { min: 2 },
    };
    const ever: SegmentNode = {
      kind: "ordersCount",
      window: { kind: "allTime" },
      range: { min: 2 },
    };
    expect(evaluateSegment(last30, customer(), now)).toBe(false);
    expect(evaluateSegment(ever, customer(), now)).toBe(true);
    expect(
      evaluateSegment(
        { kind: "averageOrderValue", window: { kind: "allTime" }, range: { min: 2000, max: 2000 } },
        customer(),
        now,
      ),
    ).toBe(true);
  });

  it("combines AND, OR and NOT, with an empty AND matching everyone and an empty OR no one", () => {
    const tree: SegmentNode = {
      kind: "and",
      children: [
        { kind: "city", values: ["Milano"] },
        {
          kind: "not",
          child: {
            kind: "boughtCategory",
            categories: ["bags"],
            window: { kind: "lastDays", days: 5 },
            bought: true,
          },
        },
        {
          kind: "or",
          children: [
            { kind: "consent", channel: "sms" },
            {
              kind: "event",
              event: "cart_abandoned",
              window: { kind: "lastDays", days: 7 },
              atLeast: 1,
            },
          ],
        },
      ],
    };
    expect(evaluateSegment(tree, customer(), now)).toBe(true);
    expect(evaluateSegment(tree, customer({ city: "Roma" }), now)).toBe(false);
    expect(evaluateSegment({ kind: "and", children: [] }, customer(), now)).toBe(true);
    expect(evaluateSegment({ kind: "or", children: [] }, customer(), now)).toBe(false);
  });

  it("never matches RFM conditions for a customer who was not scored, but NOT of them does", () => {
    const champions: SegmentNode = { kind: "rfmGroup", groups: ["champions"] };
    expect(evaluateSegment(champions, customer({ rfm: null }), now)).toBe(false);
    expect(evaluateSegment({ kind: "not", child: champions }, customer({ rfm: null }), now)).toBe(
      true,
    );
  });

  it("explains which conditions held and what the customer's figures were", () => {
    const why = explainSegment(
      {
        kind: "and",
        children: [
          { kind: "daysSinceLastOrder", range: { max: 30 } },
          { kind: "gender", values: ["male"] },
        ],
      },
      customer(),
      now,
    );
    expect(why.holds).toBe(false);
    expect(why.children.map((c) => [c.holds, c.observed])).toEqual([
      [true, "last order 10 days ago"],
      [false, "female"],
    ]);
  });
});

describe("describeSegment", () => {
  const rules: SegmentNode = {
    kind: "and",
    children: [
      { kind: "programEnrollment", programId: 1, group: "members" },
      { kind: "homeStore", storeIds: [2, 9] },
      { kind: "not", child: { kind: "programTier", programId: 4, tiers: ["gold"] } },
    ],
  };

  it("names the programs and stores a rule refers to", () => {
    const names = {
      programs: new Map([
        [1, "Punti Boomerang"],
        [4, "Club VIP"],
      ]),
      stores: new Map([
        [2, "Milano Centro"],
        [9, "Torino Lingotto"],
      ]),
    };
    expect(describeSegment(rules, names)).toBe(
      "(Is a member of Punti Boomerang and Home store is one of Milano Centro, Torino Lingotto and not Tier gold in Club VIP)",
    );
  });

  it("falls back to ids for anything it has no name for", () => {
    expect(describeSegment(rules)).toBe(
      "(Is a member of program #1 and Home store is one of store #2, store #9 and not Tier gold in program #4)",
    );
  });

  it("explains a home store by name", () => {
    const why = explainSegment({ kind: "homeStore", storeIds: [1] }, customer(), now, {
      stores: new Map([[1, "Milano Centro"]]),
    });
    expect(why).toMatchObject({
      label: "Home store is Milano Centro",
      holds: true,
      observed: "home store Milano Centro",
    });
  });
});

describe("segmentRules", () => {
  it("accepts every template", () => {
    for (const t of segmentTemplates)
      expect(segmentRules.safeParse(t.rules).success, t.id).toBe(true);
  });

  it("refuses inverted ranges, unknown kinds and windows that end before they start", () => {
    expect(segmentRules.safeParse({ kind: "age", range: { min: 40, max: 30 } }).success).toBe(
      false,
    );
    expect(segmentRules.safeParse({ kind: "shoeSize", range: { min: 40 } }).success).toBe(false);
    const backwards = { kind: "between", from: "2025-02-01T00:00:00Z", to: "2025-01-01T00:00:00Z" };
    expect(
      segmentRules.safeParse({ kind: "ordersCount", window: backwards, range: { min: 1 } }).success,
    ).toBe(false);
  });

  it("refuses trees nested deeper than the limit", () => {
    let node: SegmentNode = { kind: "consent", channel: "email" };
    for (let i = 0; i < 9; i++) node = { kind: "not", child: node };
    expect(segmentRules.safeParse(node).success).toBe(false);
  });
});

describe("program conditions", () => {
  const enrolled = customer({
    programs: [
      {
        programId: 7,
        isControl: false,
        enrolledAt: day(100),
        tier: "gold",
        points: [
          { amount: 600, effectiveAt: day(50), availableAt: null },
          { amount: -200, effectiveAt: day(20), availableAt: null },
          // Earned but not yet available (a return window), and earned after `now`.
          { amount: 300, effectiveAt: day(2), availableAt: day(-5) },
          { amount: 1000, effectiveAt: day(-1), availableAt: null },
        ],
      },
      { programId: 8, isControl: true, enrolledAt: day(30), tier: null, points: [] },
      { programId: 9, isControl: false, enrolledAt: day(-3), tier: "silver", points: [] },
    ],
  });

  it("tells members from the control group, and ignores enrollments after now", () => {
    const holds = (programId: number, group: "members" | "control" | "any") =>
      evaluateSegment({ kind: "programEnrollment", programId, group }, enrolled, now);
    expect([holds(7, "members"), holds(7, "control"), holds(7, "any")]).toEqual([
      true,
      false,
      true,
    ]);
    expect([holds(8, "members"), holds(8, "control"), holds(8, "any")]).toEqual([
      false,
      true,
      true,
    ]);
    expect(holds(9, "any")).toBe(false);
    expect(
      evaluateSegment({ kind: "programEnrollment", programId: 9, group: "any" }, enrolled, day(-4)),
    ).toBe(true);
  });

  it("counts only points effective and available at now", () => {
    const balance = (range: { min?: number; max?: number }, at = now) =>
      evaluateSegment({ kind: "pointsBalance", programId: 7, range }, enrolled, at);
    expect(balance({ min: 400, max: 400 })).toBe(true);
    expect(balance({ min: 401 })).toBe(false);
    // Ten days later the pending 300 and the future 1000 have both arrived.
    expect(balance({ min: 1700, max: 1700 }, day(-10))).toBe(true);
    // Before any entry the member's balance is 0; a non-member never matches, not even "at most 0".
    expect(balance({ max: 0 }, day(60))).toBe(true);
    expect(
      evaluateSegment({ kind: "pointsBalance", programId: 99, range: { max: 0 } }, enrolled, now),
    ).toBe(false);
  });

  it("matches tiers and explains what it looked at", () => {
    const gold = { kind: "programTier" as const, programId: 7, tiers: ["gold", "platinum"] };
    expect(evaluateSegment(gold, enrolled, now)).toBe(true);
    expect(evaluateSegment({ ...gold, programId: 8 }, enrolled, now)).toBe(false);
    const why = explainSegment(
      { kind: "pointsBalance", programId: 7, range: { min: 500 } },
      enrolled,
      now,
    );
    expect(why).toMatchObject({ holds: false, observed: "400 points" });
    expect(segmentRules.safeParse({ kind: "programTier", programId: 7, tiers: [] }).success).toBe(
      false,
    );
  });
});
