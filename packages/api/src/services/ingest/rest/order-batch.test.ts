import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type Database, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { createApiKey, createRateLimiter } from "../../api-keys";
import { enrollInRewards } from "../../../test/enroll-in-rewards";
import { postOrders } from "../post-orders";
import { handleIngestRequest } from ".";
import { testOrder } from "../../../test/order-input";

const now = new Date("2025-07-01T12:00:00Z");
const base = "http://boomerang.test/api/v1";

type BatchAnswer = {
  posted: number;
  replayed: number;
  failed: number;
  results: {
    index: number;
    externalId: string | null;
    status: number;
    order?: { id: number; externalId: string; total: number };
    programs?: { earned: number; available: number }[];
    error?: { code: string; message: string; issues: { path: string; message: string }[] };
  }[];
};

const order = (
  externalId: string,
  customerId: string,
  amount: number,
  at = "2025-06-30T10:00:00Z",
) => testOrder(externalId, customerId, at, amount);

/** The database, counting the transactions begun on it: a group of single orders is one. */
function countingTransactions(db: Database) {
  const counter = { transactions: 0 };
  const counted = new Proxy(db, {
    get(target, property) {
      if (property === "transaction")
        return (...args: Parameters<Database["transaction"]>) => {
          counter.transactions++;
          return target.transaction(...args);
        };
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
  return { db: counted, counter };
}

/** An error's message with those of its causes (Drizzle wraps the driver's error). */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    messages.push(e.message);
  return messages.join(" <- ");
}

describe.each(testDrivers())("POST /api/v1/orders/batch on $name", (driver) => {
  let handle: DbHandle;
  let key: string;
  let readKey: string;
  let programId: number;
  const limiter = createRateLimiter({ capacity: 100_000, refillPerSecond: 100_000 });

  const post = (
    path: string,
    body: unknown,
    options: { key?: string | null; headers?: Record<string, string>; db?: Database } = {},
  ) => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...options.headers,
    };
    if (options.key !== null) headers.authorization = `Bearer ${options.key ?? key}`;
    return handleIngestRequest(
      { db: options.db ?? handle.db, now, limiter },
      new Request(`${base}/${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
    );
  };
  const batch = async (orders: unknown[]) => {
    const response = await post("orders/batch", { orders });
    expect(response.status).toBe(200);
    return (await response.json()) as BatchAnswer;
  };
  const count = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ n: number }>(handle.db, query))[0]!.n;

  beforeAll(async () => {
    handle = await openTestDb(driver, "ingest_order_batch");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    const admin = await makeUser(handle.db, { role: "admin" });
    // Customers in pairs: the batch posts for the first of a pair, one-by-one posts for the
    // second; both take part in the same program.
    const anna = await makeCustomer(handle.db, { externalId: "ANNA" });
    programId = (await enrollInRewards(handle.db, anna.id)).id;
    for (const externalId of ["BRUNO", "ANNA2", "BRUNO2", "CARLA"]) {
      const customer = await makeCustomer(handle.db, { externalId });
      await handle.db.execute(
        sql`insert into enrollments (program_id, customer_id, is_control, enrolled_at)
            values (${programId}, ${customer.id}, false, '2024-01-01T00:00:00Z')`,
      );
    }
    key = (await createApiKey(handle.db, admin.id, { name: "till", scopes: ["orders:write"] }, now))
      .secret;
    readKey = (
      await createApiKey(handle.db, admin.id, { name: "reader", scopes: ["rewards:read"] }, now)
    ).secret;
  }, 60_000);
  afterAll(() => handle.close());

  it("posts every valid order of a batch with its programs, one result per order in order", async () => {
    const answer = await batch([
      order("B-1", "ANNA", 10_000, "2025-06-01T10:00:00Z"),
      order("B-2", "BRUNO", 25_000, "2025-06-02T10:00:00Z"),
      order("B-3", "ANNA", 5_000, "2025-06-03T10:00:00Z"),
    ]);
    expect(answer).toMatchObject({ posted: 3, replayed: 0, failed: 0 });
    expect(answer.results.map((r) => [r.index, r.externalId, r.status])).toEqual([
      [0, "B-1", 201],
      [1, "B-2", 201],
      [2, "B-3", 201],
    ]);
    // 1 point per 1.00; ANNA's second order sees the balance of her first.
    expect(answer.results.map((r) => r.programs?.[0])).toEqual([
      expect.objectContaining({ earned: 100, available: 100 }),
      expect.objectContaining({ earned: 250, available: 250 }),
      expect.objectContaining({ earned: 50, available: 150 }),
    ]);
    expect(
      await count(sql`select count(*)::int as n from order_items i join orders o on o.id = i.order_id
                      where o.external_id in ('B-1', 'B-2', 'B-3')`),
    ).toBe(3);
    const [features] = await queryRows<{ orders_count: number; revenue: number }>(
      handle.db,
      sql`select f.orders_count, f.revenue::int as revenue from customer_features f
          join customers c on c.id = f.customer_id where c.external_id = 'ANNA'`,
    );
    expect(features).toEqual({ orders_count: 2, revenue: 15_000 });
  });

  it("refuses bad orders one by one with their own error, writing nothing of them, and posts the rest", async () => {
    const answer = await batch([
      order("M-1", "ANNA", 1_000, "2025-06-10T10:00:00Z"),
      { ...order("M-2", "ANNA", 1_000), placedAt: "yesterday" },
      order("M-3", "NOBODY", 1_000),
      { ...order("M-4", "ANNA", 1_000), storeCode: "XXX" },
      { ...order("M-5", "ANNA", 1_000), currency: "USD" },
      // B-2 was posted (for BRUNO) by the first batch: its key now holds another payload.
      { ...order("B-2", "ANNA", 7), placedAt: "2025-06-11T10:00:00Z" },
      {
        ...order("M-7", "ANNA", 1_000),
        items: [{ sku: "A\u0000", name: "x", category: "c", quantity: 1, unitPrice: 1 }],
      },
      order("M-8", "BRUNO", 2_000, "2025-06-10T11:00:00Z"),
      { ...order("M-8", "BRUNO", 9_999), placedAt: "2025-06-10T12:00:00Z" },
      "not an order",
    ]);
    expect(answer.results.map((r) => r.status)).toEqual([
      201, 400, 404, 400, 400, 409, 400, 201, 409, 400,
    ]);
    expect(answer).toMatchObject({ posted: 2, replayed: 0, failed: 8 });
    const byIndex = (i: number) => answer.results[i]!.error!;
    expect(byIndex(1).issues).toEqual([
      { path: "placedAt", message: expect.stringMatching(/ISO 8601/) as string },
    ]);
    expect(byIndex(2).message).toMatch(/Customer "NOBODY"/);
    expect(byIndex(3).message).toMatch(/no store with code "XXX"/);
    expect(byIndex(4).message).toMatch(/sells in EUR, not USD/);
    expect(byIndex(5).message).toMatch(/already used with a different request/);
    expect(byIndex(6).message).toMatch(/NUL/);
    expect(byIndex(8).message).toMatch(/already used with a different request/);
    expect(answer.results[9]!.externalId).toBeNull();
    // Nothing of the refused orders, and no idempotency record for them.
    expect(
      await count(
        sql`select count(*)::int as n from orders where external_id in ('M-2','M-3','M-4','M-5','M-7')`,
      ),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from idempotency_keys
                      where key in ('order:M-2','order:M-3','order:M-4','order:M-5','order:M-7')`),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from orders o join order_items i on i.order_id = o.id
                      where o.external_id = 'M-8' and i.unit_price = 2000`),
    ).toBe(1);
  });

  it("an order PostgreSQL refuses fails alone: the others are written one by one", async () => {
    // A lone surrogate in a name: the REST API refuses such a body before, so this goes to the
    // service itself, where only PostgreSQL (reading the rows' JSON) refuses it.
    const refused = {
      ...order("F-2", "ANNA", 0),
      items: [{ sku: "S1", name: "Gold \ud800", category: "bullion", quantity: 1, unitPrice: 900 }],
    };
    const outcomes = await postOrders(
      handle.db,
      now,
      [
        order("F-1", "ANNA", 1_500, "2025-06-12T10:00:00Z"),
        refused,
        order("F-3", "BRUNO", 2_500, "2025-06-12T11:00:00Z"),
      ].map((raw) => ({ raw, apiKeyId: null })),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const failed = outcomes[1]!;
    expect(!failed.ok && failed.error.message).toMatch(/cannot be stored/);
    expect(
      await count(
        sql`select count(*)::int as n from orders where external_id in ('F-1', 'F-2', 'F-3')`,
      ),
    ).toBe(2);
    expect(
      await count(sql`select count(*)::int as n from idempotency_keys where key = 'order:F-2'`),
    ).toBe(0);
  });

  it("refuses a body holding a lone surrogate or nested too deep, with what is wrong", async () => {
    const lone = await post("orders/batch", {
      orders: [{ ...order("F-9", "ANNA", 100), externalId: "F-9\ud800" }],
    });
    expect(lone.status).toBe(400);
    expect(((await lone.json()) as { error: { message: string } }).error.message).toMatch(
      /lone UTF-16 surrogate/,
    );
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const nested = await post("orders/batch", { orders: [deep] });
    expect(nested.status).toBe(400);
    expect(((await nested.json()) as { error: { message: string } }).error.message).toMatch(
      /nested more than 32 levels/,
    );
  });

  it("refuses an order whose items add up past the largest amount, before the database", async () => {
    const huge = {
      ...order("F-4", "ANNA", 0),
      items: Array.from({ length: 200 }, (_, n) => ({
        sku: `S${n}`,
        name: "Gold",
        category: "bullion",
        quantity: 100_000,
        unitPrice: 1_000_000_000_000,
      })),
    };
    const answer = await batch([huge]);
    expect(answer.results[0]).toMatchObject({ status: 400 });
    expect(answer.results[0]!.error!.message).toMatch(/items: add up to .* more than/);
  });

  it("a resent batch posts nothing twice: the first responses again, a changed order is 409", async () => {
    const orders = [
      order("R-1", "CARLA", 4_000, "2025-06-20T10:00:00Z"),
      order("R-2", "CARLA", 6_000, "2025-06-21T10:00:00Z"),
    ];
    const first = await batch(orders);
    expect(first).toMatchObject({ posted: 2, failed: 0 });
    const ledgerBefore = await count(sql`select count(*)::int as n from ledger_entries`);
    const again = await batch(orders);
    expect(again).toMatchObject({ posted: 0, replayed: 2, failed: 0 });
    expect(again.results.map(({ status, ...rest }) => ({ ...rest, status: status - 200 }))).toEqual(
      first.results.map(({ status, ...rest }) => ({ ...rest, status: status - 201 })),
    );
    // The same order sent alone to POST /orders is the same order, not a second one: 200, the
    // first answer again.
    const alone = await post("orders", orders[0]);
    expect(alone.status).toBe(200);
    expect(((await alone.json()) as { order: { id: number } }).order.id).toBe(
      first.results[0]!.order!.id,
    );
    const changed = await batch([{ ...orders[0], discount: 100 }, orders[1]]);
    expect(changed.results.map((r) => r.status)).toEqual([409, 200]);
    expect(await count(sql`select count(*)::int as n from ledger_entries`)).toBe(ledgerBefore);
    expect(
      await count(sql`select count(*)::int as n from orders where external_id like 'R-%'`),
    ).toBe(2);
  });

  it("leaves the same ledger, states and features as posting the orders one by one", async () => {
    const times = ["2025-05-01T09:00:00Z", "2025-05-03T09:00:00Z", "2025-05-07T09:00:00Z"];
    const amounts = [12_345, 800, 31_000];
    const forCustomer = (prefix: string, customer: string) =>
      times.map((at, n) => order(`${prefix}-${n}`, customer, amounts[n]!, at));
    // Interleave the two customers' orders as a till would send them.
    const batched = forCustomer("EQ-A", "ANNA2").flatMap((o, n) => [
      o,
      forCustomer("EQ-B", "BRUNO2")[n]!,
    ]);
    expect((await batch(batched)).posted).toBe(6);
    // Two more customers in the same program get the same orders, one request each.
    const single = await makePair();
    for (const [n, at] of times.entries()) {
      for (const [prefix, customer] of [
        ["EQ-C", single.a],
        ["EQ-D", single.b],
      ] as const) {
        const response = await post("orders", order(`${prefix}-${n}`, customer, amounts[n]!, at));
        expect(response.status).toBe(201);
      }
    }
    const ledgerOf = (customer: string) =>
      queryRows<Record<string, unknown>>(
        handle.db,
        sql`select l.kind, l.unit, l.amount::int as amount, l.effective_at, l.available_at, l.expires_at, l.note
            from ledger_entries l join customers c on c.id = l.customer_id
            where c.external_id = ${customer} order by l.effective_at, l.id`,
      );
    const stateOf = (customer: string) =>
      queryRows<Record<string, unknown>>(
        handle.db,
        sql`select e.tier, e.state #- '{customerId}' as state, f.orders_count, f.revenue::int as revenue,
                   f.month_orders, f.week_orders, f.order_days
            from enrollments e join customers c on c.id = e.customer_id
            join customer_features f on f.customer_id = c.id
            where c.external_id = ${customer}`,
      );
    expect((await ledgerOf("ANNA2")).length).toBe(3);
    expect(await ledgerOf("ANNA2")).toEqual(await ledgerOf(single.a));
    expect(await ledgerOf("BRUNO2")).toEqual(await ledgerOf(single.b));
    const normalise = (rows: Record<string, unknown>[]) =>
      JSON.parse(JSON.stringify(rows).replaceAll(/"(\d+)"/g, '"id"')) as unknown;
    expect(normalise(await stateOf("ANNA2"))).toEqual(normalise(await stateOf(single.a)));
    expect(normalise(await stateOf("BRUNO2"))).toEqual(normalise(await stateOf(single.b)));
  });

  async function makePair() {
    const pair = { a: "SINGLE-A", b: "SINGLE-B" };
    for (const externalId of [pair.a, pair.b]) {
      const customer = await makeCustomer(handle.db, { externalId });
      await handle.db.execute(
        sql`insert into enrollments (program_id, customer_id, is_control, enrolled_at)
            values (${programId}, ${customer.id}, false, '2024-01-01T00:00:00Z')`,
      );
    }
    return pair;
  }

  it("groups single orders posted at the same time into one transaction, each answered on its own", async () => {
    const counted = countingTransactions(handle.db);
    const send = (body: unknown) => post("orders", body, { db: counted.db });
    const responses = await Promise.all([
      ...Array.from({ length: 12 }, (_, n) =>
        send(
          order(`G-${n}`, n % 2 === 0 ? "ANNA" : "BRUNO", 100 * (n + 1), "2025-06-25T10:00:00Z"),
        ),
      ),
      send(order("G-bad", "NOBODY", 100)),
      send(order("G-0", "ANNA", 100, "2025-06-25T10:00:00Z")),
    ]);
    // G-0 twice: the second is answered with the first's response, as a retry (200).
    expect(responses.map((r) => r.status)).toEqual([...Array<number>(12).fill(201), 404, 200]);
    // All fourteen requests went in one group: one transaction wrote them.
    expect(counted.counter.transactions).toBe(1);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      order: { id: number };
    }[];
    // The same order twice at once (same key, same payload) is one order, answered twice.
    expect(bodies[13]!.order.id).toBe(bodies[0]!.order.id);
    expect(
      await count(sql`select count(*)::int as n from orders where external_id like 'G-%'`),
    ).toBe(12);
  });

  describe("an order the database fails for a reason no check foresaw", () => {
    // A trigger stands for any server-side failure of one order (an engine error, a constraint).
    beforeAll(async () => {
      await handle.db.execute(
        sql.raw(`create function refuse_boom() returns trigger language plpgsql as $$
                 begin
                   if new.external_id like 'BOOM%' then
                     raise exception 'test trigger refuses order %', new.external_id;
                   end if;
                   return new;
                 end $$`),
      );
      await handle.db.execute(
        sql`create trigger refuse_boom before insert on orders for each row execute function refuse_boom()`,
      );
    });
    afterAll(async () => {
      await handle.db.execute(sql`drop trigger refuse_boom on orders`);
      await handle.db.execute(sql`drop function refuse_boom()`);
    });
    const written = async (pattern: string) => ({
      orders: await count(
        sql`select count(*)::int as n from orders where external_id like ${pattern}`,
      ),
      ledger: await count(sql`select count(*)::int as n from ledger_entries l
                              join orders o on o.id = l.order_id where o.external_id like ${pattern}`),
      keys: await count(
        sql`select count(*)::int as n from idempotency_keys where key like ${`order:${pattern}`}`,
      ),
    });

    it("in a batch: that order answers 500, the orders before and after it are posted once", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        const answer = await batch([
          order("P-1", "ANNA", 1_100, "2025-06-26T10:00:00Z"),
          order("P-2", "BRUNO", 1_200, "2025-06-26T10:00:00Z"),
          order("BOOM-1", "CARLA", 1_300, "2025-06-26T10:00:00Z"),
          order("P-3", "CARLA", 1_400, "2025-06-26T11:00:00Z"),
        ]);
        expect(answer).toMatchObject({ posted: 3, replayed: 0, failed: 1 });
        expect(answer.results.map((r) => r.status)).toEqual([201, 201, 500, 201]);
        expect(answer.results[2]!.error).toMatchObject({
          code: "internal_error",
          message: expect.stringMatching(
            /error on the server; nothing of it was written/,
          ) as string,
        });
        expect(answer.results[3]!.programs?.[0]).toMatchObject({ earned: 14 });
        expect(logged).toHaveBeenCalledTimes(1);
        const [where, error] = logged.mock.calls[0]!;
        expect(where).toMatch(/order 2 failed/);
        expect(messagesOf(error)).toMatch(/test trigger refuses order BOOM-1/);
      } finally {
        logged.mockRestore();
      }
      expect(await written("P-%")).toEqual({ orders: 3, ledger: 3, keys: 3 });
      expect(await written("BOOM-%")).toEqual({ orders: 0, ledger: 0, keys: 0 });
      // Sent again, the posted ones replay and the failing one fails again, alone.
      const logged2 = vi.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        const again = await batch([
          order("P-1", "ANNA", 1_100, "2025-06-26T10:00:00Z"),
          order("BOOM-1", "CARLA", 1_300, "2025-06-26T10:00:00Z"),
        ]);
        expect(again.results.map((r) => r.status)).toEqual([200, 500]);
      } finally {
        logged2.mockRestore();
      }
      expect(await written("P-%")).toEqual({ orders: 3, ledger: 3, keys: 3 });
    });

    it("among single orders grouped together: only its own request fails, the others get 201 and are written once", async () => {
      const counted = countingTransactions(handle.db);
      const sent = [
        ...Array.from({ length: 4 }, (_, n) =>
          order(`Q-${n}`, n % 2 === 0 ? "ANNA" : "BRUNO", 100 + n, "2025-06-27T10:00:00Z"),
        ),
        order("BOOM-2", "CARLA", 500, "2025-06-27T10:00:00Z"),
        ...Array.from({ length: 4 }, (_, n) =>
          order(`Q-${n + 4}`, n % 2 === 0 ? "CARLA" : "ANNA", 200 + n, "2025-06-27T11:00:00Z"),
        ),
      ];
      const settled = await Promise.allSettled(
        sent.map((body) => post("orders", body, { db: counted.db })),
      );
      const statuses = settled.map((s) => (s.status === "fulfilled" ? s.value.status : "thrown"));
      // The failed order's request ends in an error for the server to log and answer 500.
      expect(statuses).toEqual([201, 201, 201, 201, "thrown", 201, 201, 201, 201]);
      const thrown = settled[4]!;
      expect(thrown.status === "rejected" && messagesOf(thrown.reason)).toMatch(
        /test trigger refuses order BOOM-2/,
      );
      // One group transaction (which failed), then each of the nine orders alone.
      expect(counted.counter.transactions).toBe(1 + sent.length);
      expect(await written("Q-%")).toEqual({ orders: 8, ledger: 8, keys: 8 });
      expect(await written("BOOM-%")).toEqual({ orders: 0, ledger: 0, keys: 0 });
    });
  });

  it.runIf(driver.name === "postgres")(
    "concurrent batches sharing orders post each order once, answering the others with its response",
    async () => {
      const shared = Array.from({ length: 20 }, (_, n) =>
        order(`C-${n}`, ["ANNA", "BRUNO", "CARLA"][n % 3]!, 1_000 + n, "2025-06-28T10:00:00Z"),
      );
      const rounds = await Promise.all(
        Array.from({ length: 6 }, (_, r) =>
          postOrders(
            handle.db,
            now,
            [
              ...shared.slice(r * 3),
              ...shared.slice(0, r * 3),
              order(`C-own-${r}`, "ANNA", 500),
            ].map((raw) => ({ raw, apiKeyId: null })),
          ),
        ),
      );
      const idOf = new Map<string, number>();
      for (const outcomes of rounds)
        for (const outcome of outcomes) {
          expect(outcome.ok).toBe(true);
          if (!outcome.ok) continue;
          const { externalId, id } = outcome.result.order;
          expect(idOf.get(externalId) ?? id).toBe(id);
          idOf.set(externalId, id);
        }
      expect(rounds.flat().filter((o) => o.ok && !o.replayed)).toHaveLength(26);
      expect(
        await count(sql`select count(*)::int as n from orders where external_id like 'C-%'`),
      ).toBe(26);
      expect(
        await count(sql`select count(*)::int as n from ledger_entries l join orders o on o.id = l.order_id
                        where o.external_id like 'C-%'`),
      ).toBe(26);
    },
    60_000,
  );

  it.runIf(driver.name === "postgres")(
    "one idempotency key sent with two different orders at the same time posts one of them, 409 for the other",
    async () => {
      for (let round = 0; round < 5; round++) {
        const outcomes = await Promise.all(
          ["X", "Y"].map((which) =>
            postOrders(handle.db, now, [
              {
                raw: order(`K${round}-${which}`, "CARLA", 700, "2025-06-29T10:00:00Z"),
                idempotencyKey: `shared-key-${round}`,
                apiKeyId: null,
              },
            ]),
          ),
        );
        const flat = outcomes.flat();
        expect(flat.filter((o) => o.ok)).toHaveLength(1);
        const refused = flat.find((o) => !o.ok);
        expect(refused?.ok === false && refused.error.message).toMatch(
          /already used with a different request/,
        );
        expect(
          await count(
            sql`select count(*)::int as n from orders where external_id like ${`K${round}-%`}`,
          ),
        ).toBe(1);
      }
    },
    60_000,
  );

  it("needs an API key with orders:write, a batch of 1 to 500 orders, and no Idempotency-Key", async () => {
    expect((await post("orders/batch", { orders: [] }, { key: null })).status).toBe(401);
    const forbidden = await post(
      "orders/batch",
      { orders: [order("A-1", "ANNA", 1)] },
      { key: readKey },
    );
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toMatch(/orders:write/);
    const empty = await post("orders/batch", { orders: [] });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/orders: must hold at least one order/);
    const tooMany = await post("orders/batch", {
      orders: Array.from({ length: 501 }, (_, n) => order(`T-${n}`, "ANNA", 1)),
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toMatch(/at most 500 orders/);
    expect((await post("orders/batch", [order("A-1", "ANNA", 1)])).status).toBe(400);
    const keyed = await post(
      "orders/batch",
      { orders: [order("A-1", "ANNA", 1)] },
      { headers: { "idempotency-key": "batch-key-0001" } },
    );
    expect(keyed.status).toBe(400);
    expect(await keyed.text()).toMatch(/each order's key is its externalId/);
    const get = await handleIngestRequest(
      { db: handle.db, now, limiter },
      new Request(`${base}/orders/batch`, { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(get.status).toBe(405);
    expect(
      await count(
        sql`select count(*)::int as n from orders where external_id like 'T-%' or external_id = 'A-1'`,
      ),
    ).toBe(0);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await (
      await handleIngestRequest(
        { db: handle.db, now, limiter },
        new Request(`${base}/openapi.json`),
      )
    ).json()) as {
      paths: Record<
        string,
        {
          post?: {
            requestBody: {
              content: Record<
                string,
                { schema: { properties: Record<string, { maxItems?: number }> } }
              >;
            };
          };
        }
      >;
    };
    const schema =
      doc.paths["/orders/batch"]?.post?.requestBody.content["application/json"]?.schema;
    expect(schema?.properties.orders?.maxItems).toBe(500);
  });
});
