import { describe, expect, it } from "vitest";
import { type Effect, isLedgerEntry } from "./effects";
import { evaluate, initialState, signupWith } from "./engine";
import type { OrderEvent, ProgramEvent } from "./events";
import { DAY, T0 } from "./example-time";
import { availableBalance, pendingBalance } from "./ledger";
import { createProgram } from "./parse";
import type { Program } from "./program-type";
import { replay } from "./replay";

const programOf = (typeId: string, params: Record<string, unknown> = {}): Program => {
  const created = createProgram(typeId, params);
  if (!created.ok) throw new Error(created.errors.join("; "));
  return created.value;
};

const order = (
  id: string,
  at: number,
  amount: number,
  extra: Partial<OrderEvent> = {},
): OrderEvent => ({
  kind: "order",
  id,
  customerId: "c1",
  at,
  amount,
  ...extra,
});

/** Folds the events through `evaluate`, one at a time, as the API applies them. */
const fold = (program: Program, events: readonly ProgramEvent[]) => {
  let state = initialState(program, "c1");
  const effects: Effect[] = [];
  for (const event of events) {
    const result = evaluate(program, state, event);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
};

const discounts = (events: readonly ProgramEvent[], program: Program): number =>
  replay(program, events, { keepEffects: true }).effects.reduce(
    (s, e) => s + (e.kind === "discount" ? e.amount : 0),
    0,
  );

describe("points ledger", () => {
  const points = programOf("points", {
    earnPer: 100,
    pendingDays: 10,
    expiryDays: 30,
    minRedemption: 1,
    maxRedeemPercent: 100,
  });

  it("keeps earned points pending until the return window closes", () => {
    const { states } = replay(points, [order("o1", T0, 10_000)]);
    const state = states.get("c1");
    expect(state && pendingBalance(state, T0 + 9 * DAY)).toBe(100);
    expect(state && availableBalance(state, T0 + 9 * DAY)).toBe(0);
    expect(state && availableBalance(state, T0 + 10 * DAY)).toBe(100);
  });

  it("redeems from the soonest-expiring lot first and never pending points", () => {
    const { ledger } = replay(points, [
      order("o1", T0, 10_000),
      order("o2", T0 + 5 * DAY, 20_000),
      order("o3", T0 + 12 * DAY, 5_000),
      order("o4", T0 + 16 * DAY, 100_000, { redeemPoints: 250 }),
    ]);
    const redeemed = ledger.filter((e) => e.kind === "redeem").map((e) => [e.lotId, e.amount]);
    // o1 (100) and o2 (200) are usable, o3 is still pending: 100 from o1, then 150 from o2.
    expect(redeemed).toEqual([
      ["o1", -100],
      ["o2", -150],
    ]);
  });

  it("expires what is left of a lot at its own expiry instant", () => {
    const { ledger } = replay(
      points,
      [order("o1", T0, 10_000), order("o2", T0 + 12 * DAY, 1_000, { redeemPoints: 30 })],
      {
        until: T0 + 100 * DAY,
      },
    );
    const expired = ledger.filter((e) => e.kind === "expire");
    // o2 paid 8.50 after 30 points × 0.05, so earned 8; lots expire 30 days after becoming usable.
    expect(expired.map((e) => [e.lotId, e.amount, e.at])).toEqual([
      ["o1", -70, T0 + 40 * DAY],
      ["o2", -8, T0 + 52 * DAY],
    ]);
  });

  it("earns on the net amount after the part paid with points", () => {
    const { ledger } = replay(points, [
      order("o1", T0, 10_000),
      order("o2", T0 + 11 * DAY, 10_000, { redeemPoints: 100 }),
    ]);
    const earned = ledger.filter((e) => e.kind === "earn").map((e) => e.amount);
    // 100 points × 5 = 5.00 paid with points, 95.00 paid: 95 points.
    expect(earned).toEqual([100, 95]);
  });

  it("evaluate leaves the input state untouched", () => {
    const state = initialState(points, "c1");
    const before = structuredClone(state);
    const result = evaluate(points, state, order("o1", T0, 10_000));
    expect(state).toEqual(before);
    expect(result.state.lots).toHaveLength(1);
    expect(result.cost).toBe(100 * 5);
  });
});

describe("events that arrive late (older than the customer's last event)", () => {
  const points = programOf("points", {
    earnPer: 100,
    pendingDays: 10,
    expiryDays: 30,
    minRedemption: 1,
    maxRedeemPercent: 100,
    startsAt: T0,
  });

  it("earns a late order as of the last event, with pending and expiry counted from then", () => {
    const { state, effects } = fold(points, [
      order("o2", T0 + 20 * DAY, 10_000),
      order("o1", T0 + 5 * DAY, 30_000),
    ]);
    const earned = effects.filter(isLedgerEntry).filter((e) => e.kind === "earn");
    expect(earned.map((e) => [e.lotId, e.amount, e.at, e.availableAt, e.expiresAt])).toEqual([
      ["o2", 100, T0 + 20 * DAY, T0 + 30 * DAY, T0 + 60 * DAY],
      ["o1", 300, T0 + 20 * DAY, T0 + 30 * DAY, T0 + 60 * DAY],
    ]);
    expect(effects).toContainEqual(
      expect.objectContaining({
        kind: "note",
        ref: "o1",
        reason: expect.stringContaining("happened on 2025-01-11") as unknown,
      }),
    );
    expect(state.clock).toBe(T0 + 20 * DAY);
    expect(state.orderCount).toBe(2);
    expect(pendingBalance(state, T0 + 29 * DAY)).toBe(400);
  });

  it("judges a late order's schedule at its own time: placed before the start, it earns nothing", () => {
    const { effects } = fold(points, [
      order("o2", T0 + 20 * DAY, 10_000),
      order("o0", T0 - DAY, 30_000),
    ]);
    expect(
      effects
        .filter(isLedgerEntry)
        .filter((e) => e.kind === "earn")
        .map((e) => e.lotId),
    ).toEqual(["o2"]);
    expect(effects).toContainEqual(
      expect.objectContaining({
        kind: "note",
        ref: "o0",
        reason: "the program has not started yet",
      }),
    );
  });

  it("claws back a late refund as of the last event, never moving the ledger back in time", () => {
    const { effects } = fold(points, [
      order("o1", T0 + DAY, 10_000),
      order("o2", T0 + 3 * DAY, 10_000),
      {
        kind: "refund",
        id: "r1",
        customerId: "c1",
        at: T0 + 2 * DAY,
        orderId: "o1",
        amount: 10_000,
      },
    ]);
    const entries = effects
      .filter(isLedgerEntry)
      .filter((e) => e.kind === "earn" || e.kind === "adjust");
    expect(entries.map((e) => [e.kind, e.amount, e.at])).toEqual([
      ["earn", 100, T0 + DAY],
      ["earn", 100, T0 + 3 * DAY],
      ["adjust", -100, T0 + 3 * DAY],
    ]);
  });

  it("gives a late order no checkout discount: it was paid already (a comeback that looks in time)", () => {
    const comeback = programOf("comeback", { repeat: true, windowDays: 7 });
    const { effects } = fold(comeback, [
      order("o1", T0, 10_000),
      order("o2", T0 + 10 * DAY, 10_000),
      order("o3", T0 + 9 * DAY, 10_000),
    ]);
    expect(effects.filter((e) => e.kind === "discount")).toEqual([]);
    expect(effects).toContainEqual(
      expect.objectContaining({
        kind: "note",
        ref: "o3",
        reason: expect.stringContaining("paid at checkout already") as unknown,
      }),
    );
  });

  it("counts a late order placed before the qualifying window opened toward no tier", () => {
    const vip = programOf("vip-tiers", {
      tiers: [{ name: "Gold", threshold: 100_000, percentOff: 0 }],
      windowDays: 365,
    });
    const { state, effects } = fold(vip, [
      order("o1", T0 + 500 * DAY, 60_000),
      order("o0", T0, 60_000),
    ]);
    expect(effects.filter((e) => e.kind === "tier")).toEqual([]);
    expect(state.orderCount).toBe(2);
  });

  it("a late order inside the qualifying window leaves it a window after it was placed", () => {
    const vip = programOf("vip-tiers", {
      tiers: [{ name: "Gold", threshold: 100_000, percentOff: 0 }],
      windowDays: 365,
    });
    const { effects } = fold(vip, [
      order("o1", T0 + 500 * DAY, 60_000),
      order("o0", T0 + 200 * DAY, 60_000),
      // A window after o0 was placed (but not after it arrived), only o1's 600.00 is left: review.
      { kind: "tick", id: "review", customerId: "c1", at: T0 + 570 * DAY },
    ]);
    expect(effects.filter((e) => e.kind === "tier").map((e) => [e.ref, e.at])).toEqual([
      ["o0", T0 + 500 * DAY],
      ["review", T0 + 570 * DAY],
    ]);
  });

  it("judges a late order from an earlier month on its own spend for a monthly minimum", () => {
    const cashback = programOf("cashback", { monthlyMinimum: 100_000, pendingDays: 0 });
    const feb = Date.UTC(2025, 1, 10);
    const jan = Date.UTC(2025, 0, 20);
    const { effects, state } = fold(cashback, [
      order("f1", feb, 60_000),
      order("j1", jan, 60_000),
      order("f2", feb + DAY, 30_000),
    ]);
    // February's spend is 90.00 (the late January order is not added to it): still no cashback.
    expect(effects.filter(isLedgerEntry)).toEqual([]);
    expect(state.ext).toEqual(expect.objectContaining({ monthSpend: 90_000 }));
  });

  it("a refund of a late earlier-month order leaves the current month's spend alone", () => {
    const cashback = programOf("cashback", { monthlyMinimum: 100_000, pendingDays: 0 });
    const feb = Date.UTC(2025, 1, 10);
    const jan = Date.UTC(2025, 0, 20);
    const { effects, state } = fold(cashback, [
      order("f1", feb, 60_000),
      order("j1", jan, 60_000),
      { kind: "refund", id: "r1", customerId: "c1", at: feb + DAY, orderId: "j1", amount: 60_000 },
      order("f2", feb + 2 * DAY, 45_000),
    ]);
    // February: 60.00 + 45.00 = 105.00 reaches the minimum; January's refund took nothing from it.
    expect(state.ext).toEqual(expect.objectContaining({ monthSpend: 105_000 }));
    expect(effects.filter(isLedgerEntry).map((e) => [e.kind, e.amount])).toEqual([["earn", 2_250]]);
  });

  it("a refund gives back to the month the share of the order's eligible spend it refunds", () => {
    const cashback = programOf("cashback", {
      monthlyMinimum: 100_000,
      pendingDays: 0,
      excludedCategories: ["gift"],
    });
    const feb = Date.UTC(2025, 1, 10);
    const lines = [
      { sku: "a", category: "coffee", quantity: 1, unitPrice: 40_000 },
      { sku: "g", category: "gift", quantity: 1, unitPrice: 20_000 },
    ];
    const refund = (id: string, amount: number): ProgramEvent => ({
      kind: "refund",
      id,
      customerId: "c1",
      at: feb + 2 * DAY,
      orderId: "f1",
      amount,
    });
    // f1 paid 600.00 of which 400.00 counts (gifts are excluded); f2 500.00.
    const base = [order("f1", feb, 60_000, { lines }), order("f2", feb + DAY, 50_000)];
    const half = fold(cashback, [...base, refund("r1", 30_000)]).state;
    expect(half.ext).toEqual(expect.objectContaining({ monthSpend: 70_000 }));
    // Then the rest, asked as the whole order again (what an import edit's reversal sends).
    const all = fold(cashback, [...base, refund("r1", 30_000), refund("r2", 60_000)]).state;
    expect(all.ext).toEqual(expect.objectContaining({ monthSpend: 50_000 }));
  });

  it("a refund after an order was refunded and sent again shrinks its live window entry", () => {
    const vip = programOf("vip-tiers", {
      tiers: [{ name: "Gold", threshold: 100_000, percentOff: 0 }],
      windowDays: 365,
    });
    const refund = (id: string, at: number): ProgramEvent => ({
      kind: "refund",
      id,
      customerId: "c1",
      at,
      orderId: "o1",
      amount: 60_000,
    });
    const { effects } = fold(vip, [
      order("o1", T0, 60_000),
      refund("r1", T0 + DAY),
      order("o1", T0 + 2 * DAY, 60_000),
      order("o2", T0 + 3 * DAY, 50_000),
      refund("r2", T0 + 4 * DAY),
      // A year on, the first (emptied) entry leaves the window; only o2's 500.00 is still paid.
      { kind: "tick", id: "review", customerId: "c1", at: T0 + 365 * DAY + DAY / 2 },
    ]);
    expect(effects.filter((e) => e.kind === "tier").map((e) => e.ref)).toEqual(["o2", "review"]);
  });

  it("ignores a late tick: time has already passed further", () => {
    const before = fold(points, [order("o1", T0 + 20 * DAY, 10_000)]).state;
    const result = evaluate(points, before, {
      kind: "tick",
      id: "t",
      customerId: "c1",
      at: T0 + 2 * DAY,
    });
    expect(result.effects).toEqual([]);
    expect(result.state).toEqual(before);
  });
});

describe("a live member joins with their first order or referral while the program runs", () => {
  const welcome = programOf("points", { welcomePoints: 50, pendingDays: 0, startsAt: T0 });
  const first = order("o1", T0 + DAY, 10_000);
  const none = { joinedAt: null, orderCount: 0 };

  it("stands for a sign-up at that event's time, once", () => {
    expect(signupWith(welcome, none, first)).toEqual({
      kind: "signup",
      id: "signup:c1",
      customerId: "c1",
      at: T0 + DAY,
    });
    expect(signupWith(welcome, { joinedAt: T0, orderCount: 1 }, first)).toBeNull();
    // Taking part all along (a state saved before sign-ups were applied): no belated welcome.
    expect(signupWith(welcome, { joinedAt: null, orderCount: 2 }, first)).toBeNull();
  });

  it("not with a refund, a redemption or an order before the program started", () => {
    const refund: ProgramEvent = {
      kind: "refund",
      id: "r1",
      customerId: "c1",
      at: T0 + DAY,
      orderId: "o1",
      amount: 100,
    };
    expect(signupWith(welcome, none, refund)).toBeNull();
    expect(
      signupWith(welcome, none, { kind: "redeem", id: "x", customerId: "c1", at: T0 + DAY }),
    ).toBeNull();
    expect(signupWith(welcome, none, order("o0", T0 - DAY, 10_000))).toBeNull();
  });

  it("gives the welcome points before the order's own", () => {
    const signup = signupWith(welcome, none, first)!;
    const { ledger, states } = replay(welcome, [signup, first]);
    expect(ledger.map((e) => [e.ref, e.amount])).toEqual([
      ["signup:c1", 50],
      ["o1", 10],
    ]);
    expect(states.get("c1")?.joinedAt).toBe(T0 + DAY);
  });
});

describe("common rules", () => {
  const tenPercent = { discountKind: "percent", percentOff: 10 } as const;

  it("applies segment, channel, store and schedule eligibility", () => {
    const eco = programOf("eco-discount", {
      ...tenPercent,
      categories: [],
      segments: ["students"],
      channels: ["store"],
      stores: ["s1"],
      startsAt: T0,
      endsAt: T0 + 10 * DAY,
      daysOfWeek: [1, 2, 3, 4, 5],
    });
    const base = {
      behaviours: ["own-cup"],
      segments: ["students"],
      channel: "store",
      storeId: "s1",
    };
    expect(discounts([order("o1", T0, 1_000, base)], eco)).toBe(100);
    expect(discounts([order("o1", T0, 1_000, { ...base, segments: [] })], eco)).toBe(0);
    expect(discounts([order("o1", T0, 1_000, { ...base, channel: "online" })], eco)).toBe(0);
    expect(discounts([order("o1", T0, 1_000, { ...base, storeId: "s2" })], eco)).toBe(0);
    expect(discounts([order("o1", T0 - DAY, 1_000, base)], eco)).toBe(0);
    expect(discounts([order("o1", T0 + 10 * DAY, 1_000, base)], eco)).toBe(0);
    // T0 is a Monday; T0 + 5 days is a Saturday.
    expect(discounts([order("o1", T0 + 5 * DAY, 1_000, base)], eco)).toBe(0);
  });

  it("leaves excluded categories out of what earns and what is discounted", () => {
    const points = programOf("points", {
      excludedCategories: ["gift-cards"],
      earnPer: 100,
      pendingDays: 0,
    });
    const { ledger } = replay(points, [
      order("o1", T0, 15_000, {
        lines: [
          { sku: "jacket", category: "apparel", quantity: 1, unitPrice: 10_000 },
          { sku: "card", category: "gift-cards", quantity: 1, unitPrice: 5_000 },
        ],
      }),
    ]);
    expect(ledger[0]?.amount).toBe(100);
  });

  it("stops at the budget cap across customers and at the per-customer cap", () => {
    const budget = programOf("comeback", { budgetCap: 2_000 });
    const events = ["a", "b", "c"].flatMap((c, i): ProgramEvent[] => [
      { kind: "order", id: `${c}1`, customerId: c, at: T0 + i, amount: 10_000 },
      { kind: "order", id: `${c}2`, customerId: c, at: T0 + DAY + i, amount: 10_000 },
    ]);
    const result = replay(budget, events, { keepEffects: true });
    expect(result.budgetUsed).toBe(2_000);
    expect(result.effects.filter((e) => e.kind === "discount").map((e) => e.amount)).toEqual([
      1_500, 500,
    ]);
    expect(result.effects.some((e) => e.kind === "note" && e.reason === "budget cap reached")).toBe(
      true,
    );

    const perCustomer = programOf("promo-code", { perCustomerCap: 15_000, minOrder: 0 });
    const uses = [1, 2, 3].map((n) => order(`o${n}`, T0 + n, 100_000, { promoCode: "WEEKEND10" }));
    expect(discounts(uses, perCustomer)).toBe(15_000);
  });
});

describe("tiers qualify on what was earned, never on the balance", () => {
  it("keeps a VIP status when the customer spends points", () => {
    const vip = programOf("vip-tiers", {
      qualifyBy: "points",
      earnPoints: 1,
      earnPer: 100,
      pendingDays: 0,
      minRedemption: 1,
      tiers: [{ name: "Gold", threshold: 1_000 }],
    });
    const result = replay(
      vip,
      [order("o1", T0, 100_000), order("o2", T0 + DAY, 100_000, { redeemPoints: 1_000 })],
      { keepEffects: true },
    );
    const state = result.states.get("c1");
    expect(state && availableBalance(state, T0 + DAY)).toBeLessThan(1_000);
    expect(
      result.effects.filter((e) => e.kind === "tier").map((e) => e.kind === "tier" && e.to),
    ).toEqual(["Gold"]);
  });
});

describe("an order paid with nothing in money (points, a 100% discount)", () => {
  const refund = (orderId: string, at: number, whole: boolean, amount = 0): ProgramEvent => ({
    kind: "refund",
    id: `r-${orderId}-${at}`,
    customerId: "c1",
    at,
    orderId,
    amount,
    ...(whole ? { whole: true } : {}),
  });

  it("a refund of the whole order gives back the promo code's use and its reward cost", () => {
    const promo = programOf("promo-code", {
      code: "FREE",
      percentOff: 100,
      minOrder: 0,
      usesPerCustomer: 1,
    });
    const free = order("o1", T0, 5_000, { promoCode: "FREE" });
    const used = fold(promo, [free]).state;
    expect(used).toMatchObject({ rewardCost: 5_000, ext: { uses: 1 } });

    // Money refunds cannot take anything back: none was paid.
    const partial = fold(promo, [free, refund("o1", T0 + DAY, false, 2_000)]);
    expect(partial.state).toMatchObject({ rewardCost: 5_000, ext: { uses: 1 } });
    expect(partial.effects).toContainEqual(
      expect.objectContaining({ kind: "note", reason: expect.stringContaining("whole order") }),
    );

    const returned = fold(promo, [free, refund("o1", T0 + DAY, true)]).state;
    expect(returned).toMatchObject({ rewardCost: 0, ext: { uses: 0 } });
    // The use came back, so the code works again.
    const again = fold(promo, [
      free,
      refund("o1", T0 + DAY, true),
      order("o2", T0 + 2 * DAY, 3_000, { promoCode: "FREE" }),
    ]);
    expect(again.effects).toContainEqual(
      expect.objectContaining({ kind: "discount", orderId: "o2", amount: 3_000 }),
    );
  });

  it("a refund of the whole order takes its purchase out of the VIP window, and only once", () => {
    const vip = programOf("vip-tiers", {
      qualifyBy: "purchases",
      downgrade: "recalculate",
      tiers: [{ name: "Regular", threshold: 2, percentOff: 0, pointsBonusPercent: 0, perks: [] }],
    });
    const events: ProgramEvent[] = [
      order("o1", T0, 4_000),
      order("o2", T0 + DAY, 4_000, { discount: 4_000 }),
    ];
    expect(fold(vip, events).state.ext).toMatchObject({ tier: 0 });
    const review = { kind: "tick", id: "review", customerId: "c1", at: T0 + 3 * DAY } as const;
    const returned = fold(vip, [...events, refund("o2", T0 + 2 * DAY, true), review]);
    expect(returned.state.ext).toMatchObject({ tier: -1 });
    const twice = fold(vip, [
      ...events,
      refund("o2", T0 + 2 * DAY, true),
      refund("o2", T0 + 2 * DAY + 1, true),
    ]);
    expect(twice.effects).toContainEqual(
      expect.objectContaining({ kind: "note", reason: "order already fully refunded" }),
    );
  });

  it("a refund of the whole order takes its stamps back", () => {
    const stamps = programOf("stamp-card", { stampsRequired: 5, categories: [] });
    const events: ProgramEvent[] = [
      order("o1", T0, 400),
      order("o2", T0 + DAY, 400, { discount: 400 }),
    ];
    expect(fold(stamps, events).state.ext).toEqual({ stamps: 2 });
    expect(fold(stamps, [...events, refund("o2", T0 + 2 * DAY, true)]).state.ext).toEqual({
      stamps: 1,
    });
  });

  it("a refund of the whole order of a paid order takes back what is left of it", () => {
    const points = programOf("points", { earnPer: 100, pendingDays: 0 });
    const events: ProgramEvent[] = [
      order("o1", T0, 10_000),
      refund("o1", T0 + DAY, false, 4_000),
      refund("o1", T0 + 2 * DAY, true),
    ];
    const { state } = fold(points, events);
    expect(state.lifetimeSpend).toBe(0);
    expect(availableBalance(state, T0 + 3 * DAY)).toBe(0);
  });
});
