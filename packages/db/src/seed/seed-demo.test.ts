import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import {
  createProgram,
  isControl,
  replay,
  signupWith,
  type OrderEvent,
  type OrderLine,
  type ProgramEvent,
} from "@boomerang/domain/programs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { programStats } from "../queries/programs";
import { queryRows } from "../queries/rows";
import { businessSettings, customers, programs, users } from "../schema";
import { openTestDb, testDrivers } from "../testing/test-db";
import { countRows, hasBusinessSettings } from "./database-state";
import { demoPrograms } from "./demo-programs";
import { demoLogins } from "./demo-users";
import { seedDemo, SeedRefusedError, type SeedSummary } from "./seed-demo";

const asOf = new Date("2026-05-01T00:00:00Z");

describe.each(testDrivers())("seedDemo on $name", (driver) => {
  let handle: DbHandle;
  let summary: SeedSummary;
  const progress: string[] = [];

  beforeAll(async () => {
    handle = await openTestDb(driver, "seed_demo");
    expect(await hasBusinessSettings(handle.db)).toBe(false);
    summary = await seedDemo(handle, {
      asOf,
      seed: 7,
      customers: 500,
      onProgress: (l) => progress.push(l),
    });
  }, 240_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("stores exactly what the generator reported", async () => {
    const { counts } = summary;
    expect(counts.customers).toBe(500);
    expect(counts.orders).toBeGreaterThan(1000);
    expect(await countRows(handle.db, "stores")).toBe(7);
    expect(await countRows(handle.db, "users")).toBe(demoLogins.length);
    expect(await countRows(handle.db, "customers")).toBe(counts.customers);
    expect(await countRows(handle.db, "orders")).toBe(counts.orders);
    expect(await countRows(handle.db, "order_items")).toBe(counts.orderItems);
    expect(await countRows(handle.db, "customer_events")).toBe(counts.customerEvents);
    expect(await countRows(handle.db, "programs")).toBe(counts.programs);
    expect(await countRows(handle.db, "program_versions")).toBe(counts.programs);
    expect(await countRows(handle.db, "enrollments")).toBe(counts.enrollments);
    expect(await countRows(handle.db, "ledger_entries")).toBe(counts.ledgerEntries);
    expect(counts.enrollments).toBeGreaterThan(500);
    expect(counts.ledgerEntries).toBeGreaterThan(1000);
    expect(progress.some((l) => l.startsWith("customers 500/500"))).toBe(true);
  });

  it("marks the business as demo data as of the given instant", async () => {
    const [settings] = await handle.db.select().from(businessSettings);
    expect(settings?.demoData).toBe(true);
    expect(settings?.demoAsOf?.toISOString()).toBe(asOf.toISOString());
    expect(settings?.businessName).toBe("Boomerang Demo Market");
  });

  it("creates every demo login with a bcrypt-verifiable password and the right store", async () => {
    for (const login of demoLogins) {
      const [user] = await handle.db.select().from(users).where(eq(users.email, login.email));
      expect(user?.role).toBe(login.role);
      expect(await bcrypt.compare(login.password, user!.passwordHash)).toBe(true);
      expect(user?.storeId === null).toBe(login.storeCode === null);
    }
  });

  it("has the demo programs with sensible statuses and dates, and their members with control groups", async () => {
    const rows = await queryRows<{
      name: string;
      status: string;
      controlShareBp: number;
      activatedAt: string | null;
      endedAt: string | null;
      members: number;
      control: number;
    }>(
      handle.db,
      sql`select p.name, p.status::text as status, p.control_share_bp as "controlShareBp",
            p.activated_at as "activatedAt", p.ended_at as "endedAt",
            count(e.id) filter (where not e.is_control)::int as members,
            count(e.id) filter (where e.is_control)::int as control
          from programs p left join enrollments e on e.program_id = p.id
          group by p.id order by p.id`,
    );
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(by.get("Punti Boomerang")).toMatchObject({ status: "active", controlShareBp: 1000 });
    expect(by.get("Cashback 2%")).toMatchObject({ status: "ended", controlShareBp: 1000 });
    expect(by.get("Carta Caffè Milano")).toMatchObject({ status: "active", control: 0 });
    expect(rows.filter((r) => r.status === "draft").every((r) => r.members + r.control === 0)).toBe(
      true,
    );
    expect(rows.filter((r) => r.status === "draft").length).toBeGreaterThanOrEqual(1);
    for (const r of rows.filter((x) => x.status !== "draft")) {
      expect(r.members).toBeGreaterThan(0);
      expect(new Date(r.activatedAt!).getTime()).toBeLessThan(asOf.getTime());
    }
    expect(new Date(by.get("Cashback 2%")!.endedAt!).getTime()).toBeLessThan(asOf.getTime());
    // Every enrollment's side is the app's hash, nothing else.
    const enrollments = await queryRows<{ p: number; c: number; control: boolean; bp: number }>(
      handle.db,
      sql`select e.program_id as p, e.customer_id as c, e.is_control as control, p.control_share_bp as bp
          from enrollments e join programs p on p.id = e.program_id`,
    );
    for (const e of enrollments) expect(e.control).toBe(isControl(e.p, e.c, e.bp));
  });

  it("holds ledgers and member states that replaying the stored orders through the engine gives back", async () => {
    const db = handle.db;
    const members = await queryRows<{
      programId: number;
      customerId: number;
      enrolledAt: string;
      state: Record<string, unknown> | null;
      type: string;
      config: Record<string, unknown>;
      until: string;
    }>(
      db,
      sql`select e.program_id as "programId", e.customer_id as "customerId", e.enrolled_at as "enrolledAt", e.state,
            p.type, v.config, coalesce(p.ended_at, ${asOf.toISOString()}::timestamptz) as until
          from enrollments e join programs p on p.id = e.program_id
          join program_versions v on v.program_id = p.id and v.version = p.current_version
          where not e.is_control and p.type in ('points', 'cashback') order by e.program_id, e.customer_id`,
    );
    const orders = await queryRows<{
      id: number;
      customerId: number;
      placedAt: string;
      subtotal: number;
      discount: number;
      channel: string;
      storeId: number;
    }>(
      db,
      sql`select id, customer_id as "customerId", placed_at as "placedAt", subtotal::float8 as subtotal,
            discount::float8 as discount, channel::text as channel, store_id as "storeId" from orders order by id`,
    );
    const lines = new Map<number, OrderLine[]>();
    for (const i of await queryRows<{
      orderId: number;
      sku: string;
      category: string;
      quantity: number;
      unitPrice: number;
    }>(
      db,
      sql`select order_id as "orderId", sku, category, quantity, unit_price::float8 as "unitPrice" from order_items order by id`,
    )) {
      const list = lines.get(i.orderId) ?? [];
      list.push({ sku: i.sku, category: i.category, quantity: i.quantity, unitPrice: i.unitPrice });
      lines.set(i.orderId, list);
    }
    const ledger = await queryRows<{
      p: number;
      c: number;
      kind: string;
      amount: number;
      orderId: number | null;
    }>(
      db,
      sql`select program_id as p, customer_id as c, kind::text as kind, amount::float8 as amount, order_id as "orderId"
          from ledger_entries order by id`,
    );
    // What a member asked to pay with is not stored; what they did pay with is (redeem entries).
    const redeemed = new Map<string, number>();
    const stored = new Map<string, string[]>();
    for (const l of ledger) {
      if (l.kind === "redeem")
        redeemed.set(`${l.p}:${l.orderId}`, (redeemed.get(`${l.p}:${l.orderId}`) ?? 0) - l.amount);
      const key = `${l.p}:${l.c}`;
      stored.set(key, [...(stored.get(key) ?? []), `${l.kind} ${l.amount}`]);
    }
    const byCustomer = new Map<number, typeof orders>();
    for (const o of orders)
      byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
    let replayed = 0;
    for (const m of members) {
      const program = createProgram(m.type, m.config);
      expect(program.ok).toBe(true);
      if (!program.ok) continue;
      const from = new Date(m.enrolledAt).getTime();
      const until = new Date(m.until).getTime();
      const events: OrderEvent[] = (byCustomer.get(m.customerId) ?? [])
        .filter((o) => {
          const at = new Date(o.placedAt).getTime();
          return at >= from && at < until;
        })
        .map((o) => {
          const paidWith = redeemed.get(`${m.programId}:${o.id}`);
          return {
            kind: "order",
            id: String(o.id),
            customerId: String(m.customerId),
            at: new Date(o.placedAt).getTime(),
            amount: o.subtotal,
            discount: o.discount,
            lines: lines.get(o.id) ?? [],
            channel: o.channel === "offline" ? "store" : "online",
            storeId: String(o.storeId),
            ...(paidWith === undefined ? {} : { redeemPoints: paidWith }),
          };
        });
      // As the ingest API applies them: the member joins with their first order in the schedule.
      const applied: ProgramEvent[] = [];
      let joinedAt: number | null = null;
      for (const event of events) {
        const signup = signupWith(program.value, { joinedAt, orderCount: 0 }, event);
        if (signup !== null) {
          applied.push(signup);
          joinedAt = signup.at;
        }
        applied.push(event);
      }
      const result = replay(program.value, applied, { until });
      expect(
        result.ledger.map((l) => `${l.kind} ${l.amount}`),
        `${m.programId}:${m.customerId}`,
      ).toEqual(stored.get(`${m.programId}:${m.customerId}`) ?? []);
      expect(m.state).toEqual(
        events.length === 0
          ? null
          : JSON.parse(JSON.stringify(result.states.get(String(m.customerId)))),
      );
      replayed++;
    }
    expect(replayed).toBeGreaterThan(300);
  });

  it("shows members, points issued and redeemed on the program's figures", async () => {
    const [points] = await handle.db
      .select()
      .from(programs)
      .where(eq(programs.name, "Punti Boomerang"));
    const stats = await programStats(handle.db, {
      programId: points!.id,
      unit: "points",
      storeId: null,
      timezone: "Europe/Rome",
    });
    expect(stats.members).toBeGreaterThan(300);
    expect(stats.control).toBeGreaterThan(10);
    expect(stats.issued).toBeGreaterThan(0);
    expect(stats.redeemed).toBeGreaterThan(0);
    expect(stats.months.length).toBeGreaterThanOrEqual(12);
  });

  it("moves sequences past the explicit ids so later inserts work", async () => {
    const [program] = await handle.db
      .insert(programs)
      .values({ name: "New", type: "points" })
      .returning({ id: programs.id });
    expect(program?.id).toBe(demoPrograms(asOf.getTime()).length + 1);
    await handle.db.delete(programs).where(eq(programs.id, program!.id));
    const [row] = await handle.db
      .insert(customers)
      .values({ externalId: "NEW-1", name: "Nuovo Cliente", signedUpAt: asOf })
      .returning({ id: customers.id });
    expect(row?.id).toBe(501);
    await handle.db.delete(customers).where(eq(customers.externalId, "NEW-1"));
  });

  it("refuses a second seed, and reseeds the same data with reset (either loader)", async () => {
    expect(await hasBusinessSettings(handle.db)).toBe(true);
    await expect(seedDemo(handle, { asOf, seed: 7, customers: 500 })).rejects.toBeInstanceOf(
      SeedRefusedError,
    );
    const checksum = async (): Promise<unknown> =>
      handle.db.execute(sql`select sum(total)::text as s, count(*)::int as n from orders`);
    const before = JSON.stringify(await checksum());
    const again = await seedDemo(handle, {
      asOf,
      seed: 7,
      customers: 500,
      reset: true,
      loader: "insert",
    });
    expect(again.counts).toEqual(summary.counts);
    expect(JSON.stringify(await checksum())).toBe(before);
    // A whole reseed (reset, row-by-row loader, features, window tables, programs): minutes on a
    // loaded 2-core machine.
  }, 240_000);
});
