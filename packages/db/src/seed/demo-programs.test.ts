import { isControl, parseProgramConfig } from "@boomerang/domain/programs";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "./calendar";
import { demoPrograms, noEffect, windowEnd } from "./demo-programs";
import { generateCustomers, type GenerateOptions } from "./generator";
import type { CustomerBundle } from "./rows";

const asOf = new Date("2026-05-01T00:00:00Z");
const asOfMs = asOf.getTime();
const programs = demoPrograms(asOfMs);
const byName = (name: string) => programs.find((p) => p.name === name)!;
const points = byName("Punti Boomerang");
const cashback = byName("Cashback 2%");
const pilot = byName("Carta Caffè Milano");

describe("demoPrograms", () => {
  it("has two year-long programs with 10% control groups, a pilot without one, and drafts", () => {
    expect(points).toMatchObject({ type: "points", status: "active", controlShareBp: 1000 });
    expect(cashback).toMatchObject({ type: "cashback", status: "ended", controlShareBp: 1000 });
    expect(pilot).toMatchObject({ type: "stamp-card", status: "active", controlShareBp: 0 });
    expect(pilot.storeIds.length).toBeGreaterThan(0);
    for (const p of [points, cashback]) {
      const days = (windowEnd(p, asOfMs) - p.activatedAt!) / DAY_MS;
      expect(days).toBeGreaterThan(360);
      expect(days).toBeLessThan(370);
    }
    expect(cashback.endedAt).toBeLessThan(asOfMs);
    expect(points.effect.comeback).toBeGreaterThan(0.05);
    expect(cashback.effect).toEqual(noEffect);
    const drafts = programs.filter((p) => p.status === "draft");
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    for (const d of drafts) expect(d.activatedAt).toBeNull();
    expect(new Set(programs.map((p) => p.id)).size).toBe(programs.length);
  });

  it("stores configurations the catalog's schema accepts unchanged", () => {
    for (const p of programs) {
      const parsed = parseProgramConfig(p.type, p.config);
      expect(parsed.ok, p.name).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual(p.config);
      expect(p.engine === null).toBe(p.status === "draft");
    }
  });
});

const ordersIn = (b: CustomerBundle, from: number, until: number): number =>
  b.orders.filter((o) => o.placedAt >= from && o.placedAt < until).length;

describe("generateCustomers: programs (20,000 customers)", () => {
  const options: GenerateOptions = { seed: 42, customers: 20_000, asOf, months: 24 };
  const bundles = [...generateCustomers(options)];
  // The same customers had no program changed anything: what members would have done anyway.
  const without = [...generateCustomers({ ...options, programEffects: false })];

  it("enrolls like the app: control decided by isControl, about 10%, none for drafts", () => {
    const stats = new Map<number, { n: number; control: number }>();
    // Problems collected, not asserted per row: tens of thousands of expect() calls are slow.
    const problems: string[] = [];
    for (const b of bundles) {
      for (const e of b.enrollments) {
        const p = programs.find((x) => x.id === e.programId)!;
        if (e.isControl !== isControl(e.programId, e.customerId, p.controlShareBp))
          problems.push(`${e.programId}/${e.customerId}: side differs from isControl`);
        // Activation enrolls who had signed up; later customers join as they sign up.
        if (e.enrolledAt !== Math.max(b.customer.signedUpAt, p.activatedAt!))
          problems.push(`${e.programId}/${e.customerId}: enrolled at the wrong time`);
        const s = stats.get(e.programId) ?? { n: 0, control: 0 };
        s.n++;
        if (e.isControl) s.control++;
        stats.set(e.programId, s);
      }
      // Everyone who signed up before a whole-business program stopped is in it.
      for (const p of [points, cashback])
        if (
          b.customer.signedUpAt < windowEnd(p, asOfMs) &&
          !b.enrollments.some((e) => e.programId === p.id)
        )
          problems.push(`${p.id}/${b.customer.id}: not enrolled`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    for (const p of [points, cashback]) {
      const s = stats.get(p.id)!;
      expect(s.n).toBeGreaterThan(5000);
      expect(s.control / s.n).toBeGreaterThan(0.09);
      expect(s.control / s.n).toBeLessThan(0.11);
    }
    expect(stats.get(pilot.id)!.control).toBe(0);
    for (const d of programs.filter((p) => p.status === "draft"))
      expect(stats.has(d.id)).toBe(false);
    // The pilot enrolls its store's customers only.
    for (const b of bundles)
      expect(b.enrollments.some((e) => e.programId === pilot.id)).toBe(
        pilot.storeIds.includes(b.customer.homeStoreId),
      );
  });

  it("leaves control-group customers and non-members exactly as they would have been", () => {
    for (let i = 0; i < bundles.length; i++) {
      const b = bundles[i]!;
      const treated = b.enrollments.some(
        (e) => !e.isControl && programs.find((p) => p.id === e.programId)!.effect !== noEffect,
      );
      if (treated) continue;
      expect(b.orders.map((o) => o.placedAt)).toEqual(without[i]!.orders.map((o) => o.placedAt));
    }
  });

  const WEEKS_8 = 8 * 7 * DAY_MS;
  // The measured-lift page's repeat rate: customers enrolled at least 8 weeks before the program
  // stopped, with an order in the 8 weeks after enrolling (strictly after the enrolment).
  const repeatShare = (
    data: readonly CustomerBundle[],
    programId: number,
    control: boolean,
  ): { n: number; share: number; orders: number } => {
    const p = programs.find((x) => x.id === programId)!;
    let n = 0;
    let repeaters = 0;
    let orders = 0;
    for (const b of data) {
      const e = b.enrollments.find((x) => x.programId === programId);
      if (e === undefined || e.isControl !== control) continue;
      if (e.enrolledAt + WEEKS_8 > windowEnd(p, asOfMs)) continue;
      const count = b.orders.filter(
        (o) => o.placedAt > e.enrolledAt && o.placedAt <= e.enrolledAt + WEEKS_8,
      ).length;
      n++;
      orders += count;
      if (count > 0) repeaters++;
    }
    return { n, share: repeaters / n, orders: orders / n };
  };

  it("makes points members come back and buy more than they would have, and not before it started", () => {
    const withProgram = repeatShare(bundles, points.id, false);
    const withoutProgram = repeatShare(without, points.id, false);
    expect(withProgram.share - withoutProgram.share).toBeGreaterThan(0.05);
    expect(withProgram.share - withoutProgram.share).toBeLessThan(0.1);
    expect(withProgram.orders / withoutProgram.orders).toBeGreaterThan(1.08);
    expect(withProgram.orders / withoutProgram.orders).toBeLessThan(1.25);
    let before = 0;
    let beforeWithout = 0;
    for (let i = 0; i < bundles.length; i++) {
      before += ordersIn(bundles[i]!, 0, points.activatedAt!);
      beforeWithout += ordersIn(without[i]!, 0, points.activatedAt!);
    }
    // Before the points program started (the pilot starts later still) nothing changes.
    expect(before).toBe(beforeWithout);
    // The cashback changes nothing for its members (the points program's overlap aside).
    expect(repeatShare(bundles, cashback.id, false).share).toBeCloseTo(
      repeatShare(without, cashback.id, false).share,
      1,
    );
  });

  it("shows members against their control group: +5–10 points of repeat purchase for points, none for cashback", () => {
    const members = repeatShare(bundles, points.id, false);
    const control = repeatShare(bundles, points.id, true);
    expect(control.n).toBeGreaterThan(1000);
    expect(members.share - control.share).toBeGreaterThan(0.05);
    expect(members.share - control.share).toBeLessThan(0.1);
    expect(members.share / control.share).toBeGreaterThan(1.1);
    expect(members.share / control.share).toBeLessThan(1.2);
    const cashbackGap =
      repeatShare(bundles, cashback.id, false).share -
      repeatShare(bundles, cashback.id, true).share;
    expect(Math.abs(cashbackGap)).toBeLessThan(0.03);
  });

  it("gives members the engine's ledger: points earned and redeemed, control and drafts nothing", () => {
    const totals = new Map<string, number>();
    // Problems collected, not asserted per entry: 300,000 expect() calls take most of a minute.
    const problems: string[] = [];
    for (const b of bundles) {
      const control = new Set(b.enrollments.filter((e) => e.isControl).map((e) => e.programId));
      const enrolled = new Set(b.enrollments.map((e) => e.programId));
      const orders = new Map(b.orders.map((o) => [o.id, o]));
      for (const l of b.ledger) {
        if (control.has(l.programId) || !enrolled.has(l.programId))
          problems.push(`${l.idempotencyKey}: customer ${l.customerId} is not a member`);
        const key = `${l.programId}:${l.kind}`;
        totals.set(key, (totals.get(key) ?? 0) + l.amount);
        // Earned and redeemed on an order, at the order (expiry carries the lot's order, later).
        if (l.orderId !== null && (l.kind === "earn" || l.kind === "redeem")) {
          const order = orders.get(l.orderId);
          const p = programs.find((x) => x.id === l.programId)!;
          if (order?.placedAt !== l.effectiveAt || order.placedAt >= windowEnd(p, asOfMs))
            problems.push(`${l.idempotencyKey}: not at its order, or after the program`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(totals.get(`${points.id}:earn`)).toBeGreaterThan(0);
    expect(totals.get(`${points.id}:redeem`)).toBeLessThan(0);
    expect(totals.get(`${cashback.id}:earn`)).toBeGreaterThan(0);
    expect(totals.get(`${cashback.id}:redeem`)).toBeLessThan(0);
    const keys = bundles.flatMap((b) => b.ledger.map((l) => l.idempotencyKey));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
