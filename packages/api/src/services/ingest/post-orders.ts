import { sql } from "drizzle-orm";
import type { ZodError } from "zod";
import { queryRows, refreshCustomerActivity, type Database } from "@boomerang/db";
import { AppError, conflict, invalid, notFound } from "../../errors";
import { getBusinessProfile } from "../settings";
import type { ProgramOutcome } from "./apply-event";
import { applyProgramEvents } from "./apply-programs";
import { requestHash, senderKey, shownKey } from "./idempotency";
import { lockBudgets } from "./member-programs";
import { orderEventOf } from "./order-event";
import type { IngestContext } from "./lookups";
import { orderBatchEnvelope, orderInput, type OrderInput } from "./schemas";
import { sqlState } from "./transaction";
import { futureProblem } from "./when";

export type PostOrderResult = {
  order: { id: number; externalId: string; customerId: string; total: number; placedAt: string };
  programs: ProgramOutcome[];
  [key: string]: unknown;
};

/** One order to post: the body as sent, its idempotency key (default `order:<externalId>`) and who sent it. */
export type OrderRequest = { raw: unknown; idempotencyKey?: string; apiKeyId: number | null };

/**
 * What became of one order of a batch: posted now, or the first response again (`replayed`: the
 * key was used before with this very payload), or refused with the reason (nothing of it written).
 * The reason is an AppError or ZodError for the caller's mistakes; any other Error is a failure of
 * the server on this order alone (its request answers 500, the other orders are not affected).
 */
export type OrderOutcome =
  | { ok: true; replayed: boolean; result: PostOrderResult }
  | { ok: false; error: AppError | ZodError | Error };

/** An order that passed validation, waiting for the database checks. */
type Parsed = {
  index: number;
  input: OrderInput;
  key: string;
  hash: string;
  apiKeyId: number | null;
};

/** What the database knows about one order of the batch, read in one statement for all of them. */
type Found = {
  i: number;
  customerId: number | null;
  storeId: number | null;
  orderExists: boolean;
  keyHash: string | null;
  keyResponse: PostOrderResult | null;
  currency: string | null;
};

const MAX_ATTEMPTS = 6;
// serialization_failure, deadlock_detected, and a unique violation: a concurrent request created
// the same key, order or ledger entry first. The next attempt reads what it committed.
const RETRYABLE = new Set(["40001", "40P01", "23505"]);

/** A concurrent request took one of the idempotency keys between this attempt's lookup and its write. */
class KeyRace extends Error {}

const NUL = "\u0000";
/** Values PostgreSQL cannot store, found before they fail a whole batch's statement. */
function unstorable(input: OrderInput): string | null {
  const texts = [
    input.externalId,
    input.customerId,
    input.storeCode ?? "",
    input.rewardId ?? "",
    input.promoCode ?? "",
    ...input.items.flatMap((item) => [item.sku, item.name, item.category]),
  ];
  if (texts.some((text) => text.includes(NUL)))
    return "A text value contains a NUL character, which cannot be stored.";
  if (new Date(input.placedAt).getUTCFullYear() < 1) return "placedAt: must be in year 1 or later.";
  return null;
}

async function lookUp(tx: Database, orders: readonly Parsed[]): Promise<Map<number, Found>> {
  const rows = orders.map((o) => ({
    i: o.index,
    customer: o.input.customerId,
    store: o.input.storeCode ?? null,
    ext: o.input.externalId,
    key: o.key,
  }));
  const found = await queryRows<Found>(
    tx,
    sql`select r.i,
               (select id::int from customers where external_id = r.customer) as "customerId",
               (select id::int from stores where code = r.store) as "storeId",
               exists (select 1 from orders where external_id = r.ext) as "orderExists",
               (select currency from business_settings where id = 1) as currency,
               k.request_hash as "keyHash", k.response as "keyResponse"
        from json_to_recordset(${JSON.stringify(rows)}::json) as r(i int, customer text, store text, ext text, key text)
        left join idempotency_keys k on k.operation = 'order' and k.key = r.key`,
  );
  return new Map(found.map((f) => [f.i, f]));
}

type Accepted = Parsed & { customerId: number; storeId: number | null; subtotal: number };

/**
 * One attempt at the batch in the caller's transaction: every order checked against what the
 * database holds, then the accepted ones written together — orders and items, programs, features,
 * idempotency keys with their responses — a fixed handful of statements however many orders.
 */
async function attempt(
  tx: Database,
  now: Date,
  parsed: readonly Parsed[],
  outcomes: (OrderOutcome | null)[],
): Promise<void> {
  const found = await lookUp(tx, parsed);
  const currency = found.values().next().value?.currency ?? (await getBusinessProfile(tx)).currency;
  const accepted: Accepted[] = [];
  const keys = new Map<string, Parsed>();
  const externalIds = new Set<string>();
  const sameAs: [number, Parsed][] = [];
  for (const order of parsed) {
    const f = found.get(order.index)!;
    const { input } = order;
    const refuse = (error: AppError) => (outcomes[order.index] = { ok: false, error });
    if (f.keyHash !== null) {
      if (f.keyHash === order.hash)
        outcomes[order.index] = { ok: true, replayed: true, result: f.keyResponse! };
      else
        refuse(
          conflict(
            `Idempotency key "${shownKey(order.key)}" was already used with a different request.`,
          ),
        );
      continue;
    }
    const earlier = keys.get(order.key);
    if (earlier !== undefined) {
      if (earlier.hash === order.hash) sameAs.push([order.index, earlier]);
      else
        refuse(
          conflict(
            `Idempotency key "${shownKey(order.key)}" was already used with a different request.`,
          ),
        );
      continue;
    }
    if (input.currency !== currency) {
      refuse(invalid(`currency: the business sells in ${currency}, not ${input.currency}.`));
      continue;
    }
    if (f.customerId === null) {
      refuse(notFound(`Customer "${input.customerId}"`));
      continue;
    }
    if (input.storeCode !== null && input.storeCode !== undefined && f.storeId === null) {
      refuse(invalid(`storeCode: there is no store with code "${input.storeCode}".`));
      continue;
    }
    if (f.orderExists || externalIds.has(input.externalId)) {
      refuse(
        conflict(`Order "${input.externalId}" was already posted (with another idempotency key).`),
      );
      continue;
    }
    keys.set(order.key, order);
    externalIds.add(input.externalId);
    accepted.push({
      ...order,
      customerId: f.customerId,
      storeId: f.storeId,
      subtotal:
        input.subtotal ??
        input.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
    });
  }
  if (accepted.length > 0) await write(tx, now, accepted, outcomes);
  // The same order twice under one key: the second gets what the first got.
  for (const [index, first] of sameAs) {
    const outcome = outcomes[first.index]!;
    outcomes[index] = outcome.ok ? { ...outcome, replayed: true } : outcome;
  }
}

async function write(
  tx: Database,
  now: Date,
  accepted: readonly Accepted[],
  outcomes: (OrderOutcome | null)[],
): Promise<void> {
  const rows = accepted.map((o) => ({
    external_id: o.input.externalId,
    customer_id: o.customerId,
    store_id: o.storeId,
    // Milliseconds, as the engine and every later comparison read it (an input may carry more).
    placed_at: new Date(o.input.placedAt).toISOString(),
    subtotal: o.subtotal,
    discount: o.input.discount,
    total: o.subtotal - o.input.discount,
    currency: o.input.currency,
    channel: o.input.channel,
    items: o.input.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      category: item.category,
      quantity: item.quantity,
      unit_price: item.unitPrice,
    })),
  }));
  // Capped programs' budgets before any row lock (the orders' triggers take some), so writers
  // never wait on each other in a cycle.
  await lockBudgets(tx, [...new Set(accepted.map((o) => o.customerId))]);
  // In one order for every writer, so two batches sharing orders wait rather than deadlock.
  rows.sort((a, b) => (a.external_id < b.external_id ? -1 : a.external_id > b.external_id ? 1 : 0));
  // The orders and their items in one statement. A concurrent request posting one of these orders
  // makes it wait, then fail on the unique external id once that request commits: this attempt
  // then starts again and answers with that request's stored response.
  const inserted = await queryRows<{ id: number; externalId: string }>(
    tx,
    sql`with r as (
          select * from json_to_recordset(${JSON.stringify(rows)}::json)
            as r(external_id text, customer_id int, store_id int, placed_at timestamptz, subtotal bigint,
                 discount bigint, total bigint, currency text, channel text, items json)),
        o as (
          insert into orders (external_id, customer_id, store_id, placed_at, subtotal, discount, total, currency, channel)
          select external_id, customer_id, store_id, placed_at, subtotal, discount, total, currency, channel::sales_channel
          from r
          returning id, external_id),
        i as (
          insert into order_items (order_id, sku, name, category, quantity, unit_price)
          select o.id, x.sku, x.name, x.category, x.quantity, x.unit_price
          from r join o using (external_id),
               json_to_recordset(r.items) as x(sku text, name text, category text, quantity int, unit_price bigint))
        select id::int as id, external_id as "externalId" from o`,
  );
  const idOf = new Map(inserted.map((o) => [o.externalId, o.id]));

  const events = accepted.map((o) =>
    orderEventOf(
      {
        id: idOf.get(o.input.externalId)!,
        customerId: o.customerId,
        placedAt: new Date(o.input.placedAt),
        subtotal: o.subtotal,
        discount: o.input.discount,
        channel: o.input.channel,
        storeId: o.storeId,
        lines: o.input.items,
      },
      o.input,
    ),
  );
  const programs = await applyProgramEvents(
    tx,
    accepted.map((o, n) => ({ customerId: o.customerId, event: events[n]! })),
    { outcomes: true, budgetsLocked: true },
  );
  const customers = [...new Set(accepted.map((o) => o.customerId))];

  const responses = accepted.map((o, n) => {
    const result: PostOrderResult = {
      order: {
        id: idOf.get(o.input.externalId)!,
        externalId: o.input.externalId,
        customerId: o.input.customerId,
        total: o.subtotal - o.input.discount,
        placedAt: new Date(o.input.placedAt).toISOString(),
      },
      programs: programs[n]!,
    };
    outcomes[o.index] = { ok: true, replayed: false, result };
    return { key: o.key, hash: o.hash, api_key_id: o.apiKeyId, response: result };
  });
  // The features refresh and the keys with their responses are sent together (PostgreSQL runs them
  // one after the other on this transaction's connection). Keys go in one order for every writer;
  // one that a concurrent request took for another order (one key sent with two different orders)
  // is not inserted, and this attempt starts again and answers 409.
  responses.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const [, stored] = await Promise.all([
    refreshCustomerActivity(tx, customers, now),
    queryRows<{ n: number }>(
      tx,
      sql`with k as (
            insert into idempotency_keys (operation, key, request_hash, response, api_key_id)
            select 'order', r.key, r.hash, r.response, r.api_key_id
            from json_to_recordset(${JSON.stringify(responses)}::json)
              as r(key text, hash text, response jsonb, api_key_id int)
            on conflict (operation, key) do nothing
            returning 1)
          select count(*)::int as n from k`,
    ),
  ]);
  if (stored[0]?.n !== responses.length) throw new KeyRace();
}

/** Runs the batch in one transaction, again from the start when a concurrent writer got in the way. */
async function inOneTransaction(
  db: Database,
  now: Date,
  parsed: readonly Parsed[],
): Promise<(OrderOutcome | null)[]> {
  for (let attemptNo = 1; ; attemptNo++) {
    const outcomes: (OrderOutcome | null)[] = [];
    try {
      await db.transaction((tx) => attempt(tx as unknown as Database, now, parsed, outcomes));
      return outcomes;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const state = sqlState(error);
      const retry = error instanceof KeyRace || (state !== null && RETRYABLE.has(state));
      if (retry && attemptNo < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * Posts many orders — a batch sent at once, or single requests grouped while the previous group
 * was being written — in one transaction with set-based statements. Each order is checked on its
 * own (schema, currency, customer, store, a taken order id, its idempotency key) and a refused
 * order writes nothing; the accepted ones commit together with their items, every active program
 * their customers are enrolled in (applied through the engine, each customer's orders in time
 * order), the ledger, the members' states, the customers' features and the stored responses.
 *
 * When the whole batch fails on something a check did not foresee (a value PostgreSQL refuses, a
 * race that outlasted the retries, an error of the server), each order is tried again in a
 * transaction of its own, so only the culprit fails, with its own outcome. Never throws: every
 * request gets an outcome.
 */
export async function postOrders(
  db: Database,
  now: Date,
  requests: readonly OrderRequest[],
): Promise<OrderOutcome[]> {
  const outcomes: (OrderOutcome | null)[] = requests.map(() => null);
  const parsed: Parsed[] = [];
  requests.forEach((request, index) => {
    const result = orderInput.safeParse(request.raw);
    if (!result.success) {
      outcomes[index] = { ok: false, error: result.error };
      return;
    }
    const problem = unstorable(result.data) ?? futureProblem("placedAt", result.data.placedAt, now);
    if (problem !== null) {
      outcomes[index] = { ok: false, error: invalid(problem) };
      return;
    }
    parsed.push({
      index,
      input: result.data,
      key:
        request.idempotencyKey === undefined
          ? `order:${result.data.externalId}`
          : senderKey(request.apiKeyId, request.idempotencyKey),
      hash: requestHash(result.data),
      apiKeyId: request.apiKeyId,
    });
  });
  if (parsed.length === 0) return outcomes as OrderOutcome[];
  try {
    const done = await inOneTransaction(db, now, parsed);
    for (const order of parsed) outcomes[order.index] = done[order.index]!;
  } catch (error) {
    // Alone, the failure is this order's own outcome; in a group, each order is tried again alone
    // (postOrders of one order never throws), so one failing order fails only itself.
    if (parsed.length === 1) outcomes[parsed[0]!.index] = { ok: false, error: failureOf(error) };
    else
      for (const order of parsed)
        outcomes[order.index] = (await postOrders(db, now, [requests[order.index]!]))[0]!;
  }
  return outcomes as OrderOutcome[];
}

/** Why an order tried alone failed: the caller's input when the database says so, else the error. */
function failureOf(error: unknown): AppError | Error {
  if (error instanceof AppError) return error;
  const state = sqlState(error);
  if (state === "23505")
    return conflict("This was created at the same time by another request; retry to see it.");
  if (state !== null && state.startsWith("22"))
    return invalid(
      "A value in the request cannot be stored (out of range or containing a NUL character).",
    );
  return error instanceof Error ? error : new Error(String(error), { cause: error });
}

/**
 * `POST /orders/batch`: up to 500 orders in one request and one transaction; each order's
 * idempotency key is its externalId, so retrying the whole batch posts nothing twice.
 */
export async function postOrderBatch(ctx: IngestContext, raw: unknown): Promise<OrderOutcome[]> {
  const { orders } = orderBatchEnvelope.parse(raw);
  return postOrders(
    ctx.db,
    ctx.now,
    orders.map((order) => ({ raw: order, apiKeyId: ctx.apiKeyId })),
  );
}
