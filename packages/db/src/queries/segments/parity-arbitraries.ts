import fc from "fast-check";
import type {
  ActivityWindow,
  CustomerSummary,
  SegmentCondition,
  SummaryEnrollment,
  SegmentNode,
} from "@boomerang/domain/segments";

/**
 * Random customers and random rule trees over small value pools, so that conditions actually hit
 * (a random city would match no one). Shared by the SQL ⇄ memory parity test.
 */
export const parityNow = new Date("2025-06-15T12:00:00.000Z");
const DAY = 86_400_000;

export const pools = {
  cities: ["Milano", "Roma", "Torino"],
  regions: ["Lombardia", "Lazio"],
  categories: ["shoes", "bags", "toys"],
  skus: ["A1", "B2", "C3", "D4"],
  births: ["1960-06-15", "1985-06-16", "1995-02-28", "2000-01-01", "2007-06-15"],
  tiers: ["silver", "gold"],
};

const before = (maxDays: number) =>
  fc.integer({ min: 0, max: maxDays * DAY }).map((ms) => new Date(parityNow.getTime() - ms));
// Exactly on a window edge now and then, where off-by-one mistakes live.
const edgy = fc.oneof(
  before(400),
  fc.constantFrom(7, 30, 90).map((d) => new Date(parityNow.getTime() - d * DAY)),
);

// Program dates: sometimes exactly `now` or just after it, where "effective / available at now" bites.
const around = fc.oneof(
  before(200),
  fc.constant(parityNow),
  fc.constantFrom(1, 3).map((d) => new Date(parityNow.getTime() + d * DAY)),
);

export type GeneratedEnrollment = Omit<SummaryEnrollment, "programId">;
const enrollmentArb: fc.Arbitrary<GeneratedEnrollment> = fc.record({
  isControl: fc.boolean(),
  enrolledAt: around,
  tier: fc.option(fc.constantFrom(...pools.tiers), { nil: null }),
  points: fc.array(
    fc.record({
      amount: fc.constantFrom(100, 250, 500, -100, -250),
      effectiveAt: around,
      availableAt: fc.option(around, { nil: null }),
    }),
    { maxLength: 4 },
  ),
});

export type GeneratedCustomer = Omit<CustomerSummary, "id" | "rfm" | "homeStoreId" | "programs"> & {
  storeIndex: number | null;
  /** One optional enrollment per test program, by the program's index. */
  enrollments: (GeneratedEnrollment | null)[];
};

export const customerArb: fc.Arbitrary<GeneratedCustomer> = fc.record({
  birthDate: fc.option(fc.constantFrom(...pools.births), { nil: null }),
  gender: fc.constantFrom("female", "male", "other", "unknown"),
  city: fc.option(fc.constantFrom(...pools.cities), { nil: null }),
  region: fc.option(fc.constantFrom(...pools.regions), { nil: null }),
  storeIndex: fc.option(fc.constantFrom(0, 1), { nil: null }),
  preferredChannel: fc.option(fc.constantFrom("email", "sms", "messenger", "push"), { nil: null }),
  consent: fc.record({
    email: fc.boolean(),
    sms: fc.boolean(),
    messenger: fc.boolean(),
    push: fc.boolean(),
  }),
  signedUpAt: before(800),
  orders: fc.array(
    fc.record({
      placedAt: edgy,
      total: fc.constantFrom(500, 1000, 2500, 4000),
      items: fc.array(
        fc.record({
          sku: fc.constantFrom(...pools.skus),
          category: fc.constantFrom(...pools.categories),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { maxLength: 4 },
  ),
  events: fc.array(
    fc.record({
      type: fc.constantFrom("visit", "cart_abandoned", "message_opened", "message_clicked"),
      occurredAt: edgy,
    }),
    { maxLength: 3 },
  ),
  enrollments: fc.tuple(
    fc.option(enrollmentArb, { nil: null }),
    fc.option(enrollmentArb, { nil: null }),
  ),
  prediction: fc.option(
    fc.record({
      probabilityActive: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
      expectedRevenue12m: fc.integer({ min: 0, max: 10_000 }),
    }),
    { nil: null },
  ),
});

const windowArb: fc.Arbitrary<ActivityWindow> = fc.oneof(
  fc.constant({ kind: "allTime" as const }),
  fc.constantFrom(7, 30, 90, 365).map((days) => ({ kind: "lastDays" as const, days })),
  fc.constant({
    kind: "between" as const,
    from: "2025-01-01T00:00:00.000Z",
    to: "2025-05-16T12:00:00.000Z",
  }),
  // A short window well inside the orders' range: many customers bought before and after it, where
  // "bought in category" cannot be told from the first and last purchase alone.
  fc.constant({
    kind: "between" as const,
    from: "2025-03-01T06:00:00.000Z",
    to: "2025-03-20T00:00:00.000Z",
  }),
);
const rangeArb = (min: number, max: number, step = 1) =>
  fc
    .tuple(
      fc.option(fc.integer({ min, max }), { nil: undefined }),
      fc.option(fc.integer({ min, max }), { nil: undefined }),
    )
    .map(([a, b]) => {
      const lo = a === undefined ? undefined : a * step;
      const hi = b === undefined ? undefined : b * step;
      if (lo === undefined && hi === undefined) return { min: min * step };
      if (lo !== undefined && hi !== undefined && lo > hi) return { min: hi, max: lo };
      return { ...(lo === undefined ? {} : { min: lo }), ...(hi === undefined ? {} : { max: hi }) };
    });

const programConditionArbs = (programIds: number[]): fc.Arbitrary<SegmentCondition>[] =>
  programIds.length === 0
    ? []
    : [
        fc
          .record({
            programId: fc.constantFrom(...programIds),
            group: fc.constantFrom("members" as const, "control" as const, "any" as const),
          })
          .map((r) => ({ kind: "programEnrollment" as const, ...r })),
        fc
          .record({
            programId: fc.constantFrom(...programIds),
            tiers: fc.subarray(pools.tiers, { minLength: 1 }),
          })
          .map((r) => ({ kind: "programTier" as const, ...r })),
        fc
          .record({ programId: fc.constantFrom(...programIds), range: rangeArb(-3, 12, 50) })
          .map((r) => ({ kind: "pointsBalance" as const, ...r })),
      ];

export const conditionArb = (
  storeIds: number[],
  programIds: number[] = [],
): fc.Arbitrary<SegmentCondition> =>
  fc.oneof(
    ...programConditionArbs(programIds),
    rangeArb(15, 70).map((range) => ({ kind: "age" as const, range })),
    fc
      .subarray(["female", "male", "other", "unknown"] as const, { minLength: 1 })
      .map((values) => ({ kind: "gender" as const, values: [...values] })),
    fc
      .subarray(pools.cities, { minLength: 1 })
      .map((values) => ({ kind: "city" as const, values })),
    fc
      .subarray(pools.regions, { minLength: 1 })
      .map((values) => ({ kind: "region" as const, values })),
    fc
      .subarray(storeIds, { minLength: 1 })
      .map((ids) => ({ kind: "homeStore" as const, storeIds: ids })),
    fc
      .subarray(["email", "sms", "messenger", "push"] as const, { minLength: 1 })
      .map((values) => ({ kind: "preferredChannel" as const, values: [...values] })),
    fc
      .constantFrom("email", "sms", "messenger", "push")
      .map((channel) => ({ kind: "consent" as const, channel })),
    fc.constantFrom(100, 365).map((d) => ({
      kind: "signedUpBefore" as const,
      at: new Date(parityNow.getTime() - d * DAY).toISOString(),
    })),
    fc.constantFrom(100, 365).map((d) => ({
      kind: "signedUpAfter" as const,
      at: new Date(parityNow.getTime() - d * DAY).toISOString(),
    })),
    fc.constantFrom(30, 365).map((days) => ({ kind: "signedUpWithin" as const, days })),
    fc
      .record({ window: windowArb, range: rangeArb(0, 4) })
      .map((r) => ({ kind: "ordersCount" as const, ...r })),
    fc
      .record({ window: windowArb, range: rangeArb(0, 20, 500) })
      .map((r) => ({ kind: "totalSpent" as const, ...r })),
    fc
      .record({ window: windowArb, range: rangeArb(1, 8, 500) })
      .map((r) => ({ kind: "averageOrderValue" as const, ...r })),
    rangeArb(0, 400).map((range) => ({ kind: "daysSinceLastOrder" as const, range })),
    windowArb.map((window) => ({ kind: "firstOrderIn" as const, window })),
    fc
      .record({
        categories: fc.subarray(pools.categories, { minLength: 1 }),
        window: windowArb,
        bought: fc.boolean(),
      })
      .map((r) => ({ kind: "boughtCategory" as const, ...r })),
    fc
      .record({ skus: fc.subarray(pools.skus, { minLength: 1 }), window: windowArb })
      .map((r) => ({ kind: "boughtSku" as const, ...r })),
    windowArb.map((window) => ({ kind: "visitedWithoutBuying" as const, window })),
    fc
      .record({
        event: fc.constantFrom("visit", "cart_abandoned", "message_opened", "message_clicked"),
        window: windowArb,
        atLeast: fc.integer({ min: 1, max: 2 }),
      })
      .map((r) => ({ kind: "event" as const, ...r })),
    fc
      .record({ score: fc.constantFrom("recency", "frequency", "monetary"), range: rangeArb(1, 5) })
      .map((r) => ({ kind: "rfmScore" as const, ...r })),
    fc
      .subarray(
        [
          "champions",
          "loyal",
          "potential_loyalists",
          "new",
          "at_risk",
          "hibernating",
          "lost",
        ] as const,
        { minLength: 1 },
      )
      .map((groups) => ({ kind: "rfmGroup" as const, groups: [...groups] })),
    rangeArb(0, 100).map((r) => ({
      kind: "probabilityActive" as const,
      range: {
        ...(r.min === undefined ? {} : { min: r.min / 100 }),
        ...(r.max === undefined ? {} : { max: r.max / 100 }),
      },
    })),
    rangeArb(0, 10, 1000).map((range) => ({ kind: "expectedRevenue12m" as const, range })),
  );

export const treeArb = (storeIds: number[], programIds: number[] = []): fc.Arbitrary<SegmentNode> =>
  fc.letrec<{ node: SegmentNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      conditionArb(storeIds, programIds),
      fc.record({
        kind: fc.constantFrom("and" as const, "or" as const),
        children: fc.array(tie("node"), { maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant("not" as const), child: tie("node") }),
    ),
  })).node;
