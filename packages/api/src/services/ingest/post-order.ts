import type { Database } from "@boomerang/db";
import type { IngestContext } from "./lookups";
import {
  postOrders,
  type OrderOutcome,
  type OrderRequest,
  type PostOrderResult,
} from "./post-orders";

export type { PostOrderResult } from "./post-orders";

/** Orders posted while the previous group is being written wait here and go in the next group. */
type Waiting = {
  request: OrderRequest;
  now: Date;
  resolve: (outcome: OrderOutcome) => void;
  reject: (error: unknown) => void;
};
type Queue = { waiting: Waiting[]; forming: boolean; running: number };

/** At most this many single orders share a transaction, and this many transactions run at once. */
const MAX_GROUP = 200;
const MAX_RUNNING = 4;
const queues = new WeakMap<Database, Queue>();

async function write(db: Database, group: Waiting[]): Promise<void> {
  const now = new Date(Math.max(...group.map((w) => w.now.getTime())));
  try {
    const outcomes = await postOrders(
      db,
      now,
      group.map((w) => w.request),
    );
    // Each gets its own outcome: an order that failed fails only its own request.
    group.forEach((w, n) => w.resolve(outcomes[n]!));
  } catch (error) {
    // postOrders answers every order and does not throw; this only guards against a bug in it.
    for (const w of group) w.reject(error);
  }
}

/**
 * Starts a group when a transaction is free: the orders that arrive in this turn of the event loop
 * join it, and the ones arriving while all transactions are busy wait for the next.
 */
function pump(db: Database, queue: Queue): void {
  if (queue.forming || queue.running >= MAX_RUNNING || queue.waiting.length === 0) return;
  queue.forming = true;
  setImmediate(() => {
    queue.forming = false;
    const group = queue.waiting.splice(0, MAX_GROUP);
    queue.running++;
    void write(db, group).finally(() => {
      queue.running--;
      pump(db, queue);
    });
    pump(db, queue);
  });
}

/**
 * Records an order and applies every active program the customer is enrolled in, in one
 * transaction: the order, its ledger entries, the members' new states and the customer's features
 * are committed together or not at all. The idempotency key (default: the order's externalId)
 * makes a retry return the first response; the same key with another payload is a conflict.
 *
 * Group commit: orders posted at the same time on one database share a transaction and one set of
 * statements (`postOrders`); each is still checked on its own, and a refused order changes nothing
 * and fails only its own request. An idle server writes an order at once.
 */
export async function postOrder(
  ctx: IngestContext,
  raw: unknown,
  idempotencyKey?: string,
): Promise<PostOrderResult> {
  return (await postOrderOutcome(ctx, raw, idempotencyKey)).result;
}

/** As postOrder, saying whether the answer is the first one's (the order was posted before). */
export async function postOrderOutcome(
  ctx: IngestContext,
  raw: unknown,
  idempotencyKey?: string,
): Promise<{ result: PostOrderResult; replayed: boolean }> {
  let queue = queues.get(ctx.db);
  if (queue === undefined)
    queues.set(ctx.db, (queue = { waiting: [], forming: false, running: 0 }));
  const outcome = await new Promise<OrderOutcome>((resolve, reject) => {
    queue.waiting.push({
      request: { raw, idempotencyKey, apiKeyId: ctx.apiKeyId },
      now: ctx.now,
      resolve,
      reject,
    });
    pump(ctx.db, queue);
  });
  if (!outcome.ok) throw outcome.error;
  return { result: outcome.result, replayed: outcome.replayed };
}
