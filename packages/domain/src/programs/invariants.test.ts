import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerEntry, type LedgerEntry } from "./effects";
import { evaluate, initialState } from "./engine";
import type { ProgramEvent } from "./events";
import { DAY, T0 } from "./example-time";
import { availableBalance, pendingBalance } from "./ledger";
import { createProgram } from "./parse";
import type { Program } from "./program-type";
import { replay } from "./replay";

const RUNS = { numRuns: 200 };

const programOf = (typeId: string, params: Record<string, unknown>): Program => {
  const created = createProgram(typeId, params);
  if (!created.ok) throw new Error(created.errors.join("; "));
  return created.value;
};

/** Ledger programs under test: short expiry and pending so streams cross both. */
const ledgerPrograms = [
  programOf("points", {
    pendingDays: 3,
    expiryDays: 20,
    minRedemption: 10,
    welcomePoints: 50,
    earnPer: 100,
  }),
  programOf("cashback", { pendingDays: 2, expiryDays: 15 }),
  programOf("flexible-rewards", { pendingDays: 1, expiryDays: 30, earnPer: 100 }),
  programOf("vip-tiers", {
    earnPoints: 1,
    earnPer: 100,
    pendingDays: 0,
    expiryDays: 10,
    qualifyBy: "points",
    tiers: [{ name: "Gold", threshold: 500 }],
  }),
  programOf("referral", { expiryDays: 12 }),
];

const action = fc.record({
  gapHours: fc.integer({ min: 0, max: 24 * 12 }),
  kind: fc.constantFrom(
    "order",
    "order",
    "order",
    "refund",
    "tick",
    "redeem",
    "signup",
    "referral",
  ),
  amount: fc.integer({ min: 0, max: 50_000 }),
  redeem: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: undefined }),
  pick: fc.nat(),
});

type Action = {
  gapHours: number;
  kind: string;
  amount: number;
  redeem: number | undefined;
  pick: number;
};

/** One customer's stream: times never go back, refunds point at earlier orders. */
const streamFrom = (actions: readonly Action[]): ProgramEvent[] => {
  let at = T0;
  const orderIds: string[] = [];
  return actions.map((a, i): ProgramEvent => {
    at += a.gapHours * 3_600_000;
    const base = { id: `e${i}`, customerId: "c1", at };
    switch (a.kind) {
      case "order":
        orderIds.push(base.id);
        return {
          ...base,
          kind: "order",
          amount: a.amount,
          redeemPoints: a.redeem,
          rewardId: a.redeem !== undefined && a.redeem % 2 === 0 ? "5-off" : undefined,
        };
      case "refund":
        return {
          ...base,
          kind: "refund",
          orderId: orderIds[a.pick % Math.max(1, orderIds.length)] ?? "none",
          amount: a.amount,
        };
      case "redeem":
        return { ...base, kind: "redeem", points: a.redeem ?? 100, rewardId: "free-coffee" };
      case "signup":
        return { ...base, kind: "signup" };
      case "referral":
        return {
          ...base,
          kind: "referral",
          role: a.pick % 2 === 0 ? "referrer" : "referee",
          friendId: `f${a.pick % 5}`,
          firstOrderAmount: a.amount,
        };
      default:
        return { ...base, kind: "tick" };
    }
  });
};

const actions = fc.array(action, { maxLength: 30 }).map(streamFrom);

describe("ledger invariants", () => {
  for (const program of ledgerPrograms) {
    describe(program.typeId, () => {
      it("never lets a balance go negative, and never redeems more than was usable", () => {
        fc.assert(
          fc.property(actions, (events) => {
            let state = initialState(program, "c1");
            for (const event of events) {
              const usable = availableBalance(state, event.at);
              const result = evaluate(program, state, event);
              const redeemed = result.effects.reduce(
                (sum, e) => sum + (e.kind === "redeem" ? -e.amount : 0),
                0,
              );
              expect(redeemed).toBeLessThanOrEqual(usable);
              state = result.state;
              for (const lot of state.lots) expect(lot.remaining).toBeGreaterThan(0);
              expect(availableBalance(state, event.at)).toBeGreaterThanOrEqual(0);
            }
          }),
          RUNS,
        );
      });

      it("replays deterministically, and replay equals folding evaluate", () => {
        fc.assert(
          fc.property(actions, (events) => {
            const a = replay(program, events);
            const b = replay(program, events);
            expect(b.ledger).toEqual(a.ledger);
            let state = initialState(program, "c1");
            const folded = [];
            for (const event of events) {
              const result = evaluate(program, state, event);
              state = result.state;
              folded.push(
                ...result.effects.filter((e) =>
                  ["earn", "redeem", "expire", "adjust"].includes(e.kind),
                ),
              );
            }
            expect(folded).toEqual(a.ledger);
            if (events.length > 0) expect(a.states.get("c1")).toEqual(state);
          }),
          RUNS,
        );
      });

      it("expires each lot exactly once, and the ledger adds up to the lots", () => {
        fc.assert(
          fc.property(actions, (events) => {
            const end = (events.at(-1)?.at ?? T0) + 3_650 * DAY;
            const mid = replay(program, events);
            const lotsTotal = [...mid.states.values()].reduce(
              (s, st) => s + st.lots.reduce((t, l) => t + l.remaining, 0),
              0,
            );
            expect(mid.ledger.reduce((s, e) => s + e.amount, 0)).toBe(lotsTotal);
            const result = replay(program, events, { until: end });
            const expiries = new Map<string, number>();
            for (const e of result.ledger)
              if (e.kind === "expire") expiries.set(e.lotId, (expiries.get(e.lotId) ?? 0) + 1);
            for (const n of expiries.values()) expect(n).toBe(1);
            // Everything earned is eventually redeemed, clawed back or expired.
            expect(result.ledger.reduce((s, e) => s + e.amount, 0)).toBe(0);
          }),
          RUNS,
        );
      });
    });
  }
});

/** The same events delivered in another order (a till syncing late, an older file imported). */
const shuffled = <T>(items: readonly T[], keys: readonly number[]): T[] =>
  items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);

describe("events delivered out of time order", () => {
  const delivered = fc.tuple(actions, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }));

  for (const program of ledgerPrograms) {
    it(`${program.typeId}: keeps each ledger in time order, balances non-negative and the ledger equal to the lots`, () => {
      fc.assert(
        fc.property(delivered, ([events, keys]) => {
          let state = initialState(program, "c1");
          const ledger: LedgerEntry[] = [];
          for (const event of shuffled(events, keys)) {
            const result = evaluate(program, state, event);
            state = result.state;
            ledger.push(...result.effects.filter(isLedgerEntry));
            expect(availableBalance(state, state.clock)).toBeGreaterThanOrEqual(0);
            for (const lot of state.lots) expect(lot.remaining).toBeGreaterThan(0);
          }
          for (let i = 1; i < ledger.length; i++)
            expect(ledger[i]!.at).toBeGreaterThanOrEqual(ledger[i - 1]!.at);
          const lots = state.lots.reduce((s, l) => s + l.remaining, 0);
          expect(ledger.reduce((s, e) => s + e.amount, 0)).toBe(lots);
        }),
        RUNS,
      );
    });
  }

  it("a plain points program earns every order exactly what it earns on time, whatever the order of arrival", () => {
    const plain = programOf("points", { pendingDays: 0, expiryDays: 0, earnPer: 100 });
    const orders = fc.array(
      fc.record({
        gapHours: fc.integer({ min: 0, max: 500 }),
        amount: fc.integer({ min: 0, max: 90_000 }),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(orders, fc.array(fc.nat(), { minLength: 1, maxLength: 25 }), (list, keys) => {
        let at = T0;
        const events: ProgramEvent[] = list.map((o, i) => ({
          kind: "order",
          id: `o${i}`,
          customerId: "c1",
          at: (at += o.gapHours * 3_600_000),
          amount: o.amount,
        }));
        const earnedBy = (stream: readonly ProgramEvent[]) => {
          let state = initialState(plain, "c1");
          const earned = new Map<string, number>();
          for (const event of stream) {
            const result = evaluate(plain, state, event);
            state = result.state;
            for (const e of result.effects)
              if (e.kind === "earn") earned.set(e.lotId, (earned.get(e.lotId) ?? 0) + e.amount);
          }
          return { earned, state };
        };
        const onTime = earnedBy(events);
        const late = earnedBy(shuffled(events, keys));
        expect(late.earned).toEqual(onTime.earned);
        expect(late.state.orderCount).toBe(onTime.state.orderCount);
        expect(late.state.lifetimeSpend).toBe(onTime.state.lifetimeSpend);
        expect(late.state.clock).toBe(onTime.state.clock);
      }),
      RUNS,
    );
  });
});

describe("refunds", () => {
  const program = programOf("points", { pendingDays: 3, expiryDays: 200, earnPer: 100 });
  const orderOnly = fc.array(
    fc.record({
      gapHours: fc.integer({ min: 1, max: 48 }),
      amount: fc.integer({ min: 0, max: 50_000 }),
    }),
    { maxLength: 15 },
  );

  /** The customer's orders, and where an extra order goes among them (just after order `cut`). */
  const ordersAround = (orders: readonly { gapHours: number; amount: number }[], where: number) => {
    let at = T0;
    const base: ProgramEvent[] = orders.map((o, i) => ({
      kind: "order",
      id: `o${i}`,
      customerId: "c1",
      at: (at += o.gapHours * 3_600_000),
      amount: o.amount,
    }));
    const cut = where % (base.length + 1);
    return { base, cut, xAt: (base[cut - 1]?.at ?? T0) + 1 };
  };

  it("an order refunded in full leaves the ledger as if it never happened", () => {
    fc.assert(
      fc.property(
        orderOnly,
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(),
        (orders, amount, where) => {
          const { base, cut, xAt } = ordersAround(orders, where);
          const x: ProgramEvent = { kind: "order", id: "x", customerId: "c1", at: xAt, amount };
          const refund: ProgramEvent = {
            kind: "refund",
            id: "rx",
            customerId: "c1",
            at: xAt,
            orderId: "x",
            amount: amount + 5,
          };
          const withX = [...base.slice(0, cut), x, refund, ...base.slice(cut)];
          const end = (base.at(-1)?.at ?? xAt) + 1;
          const a = replay(program, base).states.get("c1");
          const b = replay(program, withX).states.get("c1");
          expect(b === undefined ? 0 : availableBalance(b, end) + pendingBalance(b, end)).toBe(
            a === undefined ? 0 : availableBalance(a, end) + pendingBalance(a, end),
          );
          expect(b?.lots).toEqual(a?.lots ?? []);
          expect(b?.lifetimeSpend).toBe(a?.lifetimeSpend ?? 0);
        },
      ),
      RUNS,
    );
  });

  it("an order returned whole, even one paid nothing in money, counts as if it never happened", () => {
    const promo = programOf("promo-code", { code: "FREE", percentOff: 100, minOrder: 0 });
    fc.assert(
      fc.property(
        orderOnly,
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        fc.nat(),
        (orders, amount, discountPercent, usesCode, where) => {
          const { base, cut, xAt } = ordersAround(orders, where);
          const x: ProgramEvent = {
            kind: "order",
            id: "x",
            customerId: "c1",
            at: xAt,
            amount,
            discount: Math.floor((amount * discountPercent) / 100),
            ...(usesCode ? { promoCode: "FREE" } : {}),
          };
          const refund: ProgramEvent = {
            kind: "refund",
            id: "rx",
            customerId: "c1",
            at: xAt,
            orderId: "x",
            amount: 0,
            whole: true,
          };
          const withX = [...base.slice(0, cut), x, refund, ...base.slice(cut)];
          for (const p of [program, promo]) {
            const a = replay(p, base).states.get("c1");
            const b = replay(p, withX).states.get("c1");
            expect(b?.lots ?? []).toEqual(a?.lots ?? []);
            expect(b?.lifetimeSpend ?? 0).toBe(a?.lifetimeSpend ?? 0);
            expect(b?.rewardCost ?? 0).toBe(a?.rewardCost ?? 0);
            expect(b?.ext ?? p.type.initialExt()).toEqual(a?.ext ?? p.type.initialExt());
          }
        },
      ),
      RUNS,
    );
  });

  it("partial refunds never claw back more than the order earned", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 40_000 }), { maxLength: 6 }),
        (amount, parts) => {
          const events: ProgramEvent[] = [
            { kind: "order", id: "o1", customerId: "c1", at: T0, amount },
            ...parts.map((p, i): ProgramEvent => ({
              kind: "refund",
              id: `r${i}`,
              customerId: "c1",
              at: T0 + (i + 1) * DAY,
              orderId: "o1",
              amount: p,
            })),
          ];
          const { ledger } = replay(program, events);
          const earned = ledger.filter((e) => e.kind === "earn").reduce((s, e) => s + e.amount, 0);
          const clawed = ledger
            .filter((e) => e.kind === "adjust")
            .reduce((s, e) => s - e.amount, 0);
          expect(clawed).toBeLessThanOrEqual(earned);
          if (parts.reduce((s, p) => s + p, 0) >= amount) expect(clawed).toBe(earned);
        },
      ),
      RUNS,
    );
  });
});
