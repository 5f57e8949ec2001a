import { sql } from "drizzle-orm";
import { queryRows, type Database, type NewLedgerEntry } from "@boomerang/db";
import {
  applyEventInPlace,
  clawBack,
  createStep,
  ineligibleReason,
  initialState,
  signupWith,
  type CustomerState,
  type Effect,
  type OrderEvent,
  type OrderRecord,
  type ProgramEvent,
  type Program,
  type RefundEvent,
  type Step,
} from "@boomerang/domain/programs";
import { compiledProgram, hasBudgetCap, ledgerRows } from "../ingest/apply-event";
import { programBudgetUsed } from "../ingest/member-programs";
import { orderEventOf } from "../ingest/order-event";
import { applyReferrals, type StoredReferral } from "../ingest/referral-events";
import {
  membersOf,
  segmentsOf,
  writeProgramResults,
  type Member,
  type SavedState,
} from "./program-writes";
import { copyClient } from "./copy";

/** Orders per round (at most): their customers' events are read, run through the engine and written together. */
const ORDERS_PER_BATCH = 50_000;
/** Customers per round (at most): their memberships are locked and read at once. */
const CUSTOMERS_PER_BATCH = 20_000;

/** An order the import created or edited, with its item lines as import_order_groups lists them. */
type OrderRow = {
  id: number;
  customerId: number;
  at: number;
  subtotal: number;
  discount: number;
  channel: "online" | "offline";
  storeId: number | null;
  edited: boolean;
  lines: string;
};

type OrderLine = { sku: string; category: string; quantity: number; unitPrice: number };

/**
 * An order's item lines from their list in import_order_groups: lines joined by U+001E, a line's
 * sku, category, quantity and unit price by U+001F (text cells holding either are refused on reading).
 */
export function parseOrderLines(list: string): OrderLine[] {
  return list.split("\u001e").map((line) => {
    const [sku, category, quantity, unitPrice] = line.split("\u001f");
    return {
      sku: sku!,
      category: category!,
      quantity: Number(quantity),
      unitPrice: Number(unitPrice),
    };
  });
}

/** What an edited order's earlier version earned in one program, from the ledger. */
type Earned = { earned: number; firstEntryId: number | null; lotId: string | null };

/** An edited order's earlier version, to take back. */
type EditedOrder = {
  orderId: number;
  oldCustomerId: number;
  customerId: number;
  /** max(old placed_at, new placed_at): when the correction happens (later if the customer's clock is). */
  at: number;
  /** The earlier version's placed_at, store and channel: whether it took part in a program. */
  oldAt: number;
  oldStoreId: number | null;
  oldChannel: "online" | "offline";
  oldNet: number;
  oldPaid: number;
  /** Money refunded on the order so far, and in how many refunds (order_refunds; 0 returns an order of total 0). */
  refunded: number;
  refunds: number;
  earned: Map<number, Earned>;
};

/**
 * One thing to run through a customer's programs, in time order: an edited order's reversal, an
 * order (new, or an edited order's new version: `edit` set), or both (an edit that kept its customer).
 */
type Work = {
  at: number;
  seq: number;
  reverse: EditedOrder | null;
  order: OrderEvent | null;
  edit: EditedOrder | null;
};

type Context = { jobId: number; roundOrders?: number };

const REVERSAL_NOTE = "order edited by an import: what its earlier version earned is taken back";
const REEARN_NOTE = "order edited by an import: earned on its new figures";
const REFUNDS_NOTE = "order edited by an import: what was refunded on it is taken back again";

/**
 * Marks an edited order's ledger rows as corrections: the order's, referencing its original entry
 * in the program; `key` (this job's edit and the step) makes their idempotency keys, `note` their
 * note from the engine's own.
 */
function asEditCorrection(
  rows: NewLedgerEntry[],
  member: Member,
  edit: EditedOrder,
  options: { key?: string; note?: (note: string) => string },
): NewLedgerEntry[] {
  const original = edit.earned.get(member.programId)?.firstEntryId ?? null;
  rows.forEach((row, i) => {
    row.orderId = edit.orderId;
    row.correctsEntryId = original;
    if (options.key !== undefined)
      row.idempotencyKey = `${member.programId}:${edit.orderId}:${options.key}${i}`;
    if (options.note !== undefined) row.note = options.note(row.note ?? "");
  });
  return rows;
}

/**
 * The edited order's earlier version stops counting as one of the member's orders. A member counted
 * in before sign-ups were applied (orders, never joined) joined with it: they keep that, so the
 * count falling to zero never brings them a welcome later.
 */
function uncount(state: CustomerState, edit: EditedOrder): void {
  if (state.joinedAt === null && state.orderCount > 0)
    state.joinedAt = Math.min(edit.oldAt, state.clock);
  state.orderCount = Math.max(0, state.orderCount - 1);
}

/**
 * Takes back what an edited order's earlier version earned in one program, through the engine's own
 * refund path (points from the order's lot first, never below zero; stamps, spend and reward cost of
 * the order given back when its record is still in the member's state). Past the refund window the
 * record is rebuilt from the ledger: the points are taken back, per-order counters such as stamps are
 * not. The order stops counting as one of the member's orders (its new version counts instead, or
 * it moved to another customer); `counted` says whether it counted at all when nothing of it is
 * left to take back (an earlier version outside the program never did).
 */
function reverseEarlierVersion(
  program: Program,
  step: Step,
  member: Member,
  customerId: number,
  edit: EditedOrder,
  ctx: Context,
  when: { at: number; counted: boolean },
): { rows: NewLedgerEntry[]; effects: Effect[]; shortfall: number } {
  const state = step.state;
  const earned = edit.earned.get(member.programId);
  const at = Math.max(when.at, state.clock);
  let index = -1;
  for (let i = state.orders.length - 1; i >= 0; i--) {
    const id = state.orders[i]!.id;
    if (id === String(edit.orderId)) {
      index = i;
      break;
    }
  }
  let record: OrderRecord;
  if (index >= 0) {
    // Moved to the end with the correction's time, so the refund's own pruning keeps it; when it
    // was placed stays known (a monthly spend gives back only what it counted).
    const original = state.orders[index]!;
    record = { ...original, at, happened: original.happened ?? original.at };
    state.orders.splice(index, 1);
  } else if (earned !== undefined && earned.earned > 0) {
    record = {
      id: earned.lotId ?? String(edit.orderId),
      at,
      net: edit.oldNet,
      paid: edit.oldPaid,
      earned: earned.earned,
      lotId: earned.lotId,
      cost: 0,
      units: 0,
      refunded: 0,
      happened: edit.oldAt,
    };
  } else {
    if (when.counted) uncount(state, edit);
    return { rows: [], effects: [], shortfall: 0 };
  }
  state.orders.push(record);
  const event: RefundEvent = {
    kind: "refund",
    id: `${edit.orderId}:edit-${ctx.jobId}`,
    customerId: String(customerId),
    at,
    orderId: record.id,
    amount: record.paid,
    whole: true,
  };
  applyEventInPlace(program, step, event);
  uncount(state, edit);
  const effects = step.out;
  step.out = [];
  const rows = asEditCorrection(ledgerRows(member, customerId, event, effects), member, edit, {
    key: `edit-${ctx.jobId}:reversal:`,
    note: () => REVERSAL_NOTE,
  });
  // What the member had already spent of it cannot be taken back (never below zero): the new
  // version's earn pays it back first.
  const takenBack = -rows.reduce((sum, row) => sum + (row.kind === "adjust" ? row.amount : 0), 0);
  return { rows, effects, shortfall: Math.max(0, (earned?.earned ?? 0) - takenBack) };
}

/**
 * Runs the orders an import created, and the orders it edited, through every active program their
 * customers take part in — the engine path of an order posted to the API — inside the import's
 * transaction (a failure rolls the whole file back), in rounds of whole customers:
 * - a new order earns as if posted, each customer's orders in order of placed_at;
 * - an edited order first takes back what its earlier version earned (correction entries that
 *   reference the earlier version's entry: the ledger is append-only, dated no earlier than the
 *   member's last event), then earns on its new figures like any order: at its own placed_at, or,
 *   when the member has later events, as of the last of them (the engine's state is only known
 *   there), its schedule, days, channel and store still judged at its own placed_at;
 * - an edit of item names or categories alone (same skus, quantities, prices, time, customer, store,
 *   channel) is a data correction: the programs are not touched;
 * - an order the file did not change is not applied again, so importing a file twice earns once.
 * Rounds are cut by orders (and customers), so a million-row file never sits in memory at once.
 */
export async function applyProgramsToImportedOrders(
  tx: Database,
  ctx: Context,
  onBatch?: (customersDone: number, customersTotal: number) => void,
): Promise<{ orders: number; customers: number }> {
  const customers = await queryRows<{ id: number; orders: number }>(
    tx,
    sql`with touched as (
          select customer_id as id from import_orders where existing_id is null
          union all select g.customer_id from import_orders g join import_edited_orders e on e.id = g.id where e.figures
          union all select old_customer_id from import_edited_orders where figures)
        select t.id::int as id, count(*)::int as orders from touched t
        where exists (select 1 from enrollments e join programs p on p.id = e.program_id
                      where e.customer_id = t.id and p.status = 'active' and not e.is_control)
        group by t.id order by t.id`,
  );
  if (customers.length === 0) return { orders: 0, customers: 0 };
  const rounds: number[][] = [];
  for (let start = 0; start < customers.length;) {
    let end = start;
    let batchOrders = 0;
    while (
      end < customers.length &&
      end - start < CUSTOMERS_PER_BATCH &&
      (end === start ||
        batchOrders + customers[end]!.orders <= (ctx.roundOrders ?? ORDERS_PER_BATCH))
    )
      batchOrders += customers[end++]!.orders;
    rounds.push(customers.slice(start, end).map((c) => c.id));
    start = end;
  }
  const [edited] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from import_edited_orders where figures`,
  );
  const round: RoundContext = { ...ctx, edits: (edited?.n ?? 0) > 0, budget: new Map() };
  // Each round reads its customers' orders, one row each with its lines (import_orders.lines): with
  // several rounds, an index on the customer makes that a range instead of a scan of every order.
  if (rounds.length > 1) await tx.execute(sql`create index on import_orders (customer_id)`);
  // Rounds overlap on PostgreSQL when the file only adds orders: the engine (this process) runs
  // round k+1 while the server writes round k's ledger and states, so the two cores work at once.
  // The server still runs one statement at a time, in this order: writes k-1, reads k+1, writes k.
  // An edit's reversal reads the ledger that earlier rounds wrote, so files with edits keep rounds
  // strictly one after the other, as does PGlite (one in-process connection).
  const overlap = !round.edits && copyClient(tx) !== null;
  let orders = 0;
  let done = 0;
  let written = 0;
  let writing: Promise<unknown> = Promise.resolve(null);
  // Progress counts customers whose results are written, so a report never runs ahead of them.
  const writesDone = async () => {
    const failure = await writing;
    if (failure !== null) throw failure;
    if (written < done) onBatch?.((written = done), customers.length);
  };
  try {
    let input = await readRound(tx, rounds[0]!, round);
    for (let k = 0; k < rounds.length; k++) {
      const output = input === null ? null : await runRound(input, round, overlap);
      // The previous round's writes ran while this round's engine did; surface their failure here.
      await writesDone();
      if (!overlap && output !== null) await writeProgramResults(tx, output.ledger, output.states);
      input = k + 1 < rounds.length ? await readRound(tx, rounds[k + 1]!, round) : null;
      if (overlap && output !== null)
        // Caught at once (and rethrown by writesDone) so a failure never goes unhandled meanwhile.
        writing = writeProgramResults(tx, output.ledger, output.states).then(
          () => null,
          (error: unknown) => error,
        );
      orders += output?.orders ?? 0;
      done += rounds[k]!.length;
      if (!overlap) await writesDone();
    }
    await writesDone();
  } catch (error) {
    // A failure while a round's writes are still running (the engine, a read): let them finish
    // first — the connection takes no other statement while a COPY is open, not even the ROLLBACK.
    await writing;
    throw error;
  }
  return { orders, customers: customers.length };
}

/**
 * What a round carries from one to the next: whether the file edits orders, and each capped
 * program's budget used so far (read once, then kept by the engine's steps: a later round's read
 * could come before an earlier round's states are saved).
 */
type RoundContext = Context & {
  edits: boolean;
  budget: Map<number, number>;
};

/** The orders to run: every new one, and with edits the edited ones whose figures changed. */
const ordersToRun = (edits: boolean) =>
  edits
    ? sql`(g.existing_id is null or g.id in (select id from import_edited_orders where figures))`
    : sql`g.existing_id is null`;

type RoundInput = {
  members: Map<number, Member[]>;
  orders: OrderRow[];
  edits: Map<number, EditedOrder>;
  segments: Map<number, string[]> | null;
  lo: number;
  hi: number;
};

/** Engine time between yields to the event loop, so a COPY running meanwhile keeps its socket fed. */
const SLICE_MS = 8;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Locks and reads one round's members, their orders' lines, edits and segments. */
async function readRound(
  tx: Database,
  ids: readonly number[],
  ctx: RoundContext,
): Promise<RoundInput | null> {
  const lo = ids[0]!;
  const hi = ids[ids.length - 1]!;
  const members = await membersOf(tx, ids);
  if (members.size === 0) return null;
  const orders = await queryRows<OrderRow>(
    tx,
    sql`select g.id, g.customer_id as "customerId", (extract(epoch from g.placed_at) * 1000)::float8 as at,
               g.subtotal::float8 as subtotal, g.discount::float8 as discount, g.channel::text as channel,
               g.store_id as "storeId", g.existing_id is not null as edited, g.lines
        from import_orders g
        where ${ordersToRun(ctx.edits)} and g.customer_id between ${lo} and ${hi}
        order by g.customer_id, g.placed_at, g.id`,
  );
  const edits = ctx.edits ? await editedOrders(tx, lo, hi) : new Map<number, EditedOrder>();

  const segmentCustomers = [...members]
    .filter(([, list]) => list.some(restrictsBySegment))
    .map(([id]) => id);
  const segments = segmentCustomers.length > 0 ? await segmentsOf(tx, segmentCustomers) : null;
  for (const list of members.values())
    for (const member of list)
      if (!ctx.budget.has(member.programId) && hasBudgetCap(member))
        ctx.budget.set(member.programId, await programBudgetUsed(tx, member.programId));
  return { members, orders, edits, segments, lo, hi };
}

/**
 * Runs one round's orders and edits through the engine: the ledger entries to append and the
 * members' states to save. With `slices` it yields to the event loop every few milliseconds.
 */
async function runRound(
  input: RoundInput,
  ctx: RoundContext,
  slices: boolean,
): Promise<{ ledger: NewLedgerEntry[]; states: SavedState[]; orders: number }> {
  const { members, edits, segments, lo, hi } = input;
  const budget = ctx.budget;
  let sliceStart = performance.now();

  // Each customer's work: new orders, edited orders' reversals and new versions.
  const work = new Map<number, Work[]>();
  let seq = 0;
  const add = (customerId: number, item: Omit<Work, "seq">) => {
    if (!members.has(customerId)) return;
    const list = work.get(customerId);
    if (list === undefined) work.set(customerId, [{ ...item, seq: seq++ }]);
    else list.push({ ...item, seq: seq++ });
  };
  let orders = 0;
  for (const first of input.orders) {
    orders++;
    let event: OrderEvent = orderEventOf({
      id: first.id,
      customerId: first.customerId,
      placedAt: new Date(first.at),
      subtotal: first.subtotal,
      discount: first.discount,
      channel: first.channel,
      storeId: first.storeId,
      lines: parseOrderLines(first.lines),
    });
    if (segments !== null) event = { ...event, segments: segments.get(first.customerId) ?? [] };
    const edit = first.edited ? edits.get(first.id) : undefined;
    if (edit === undefined)
      add(first.customerId, { at: event.at, reverse: null, order: event, edit: null });
    else {
      // The new version keeps the order's id as its event id (a later refund finds its record),
      // with ledger keys of its own; it is applied at its own time (or not at all, see below).
      const sameCustomer = edit.oldCustomerId === first.customerId;
      add(first.customerId, {
        at: event.at,
        reverse: sameCustomer ? edit : null,
        order: event,
        edit,
      });
    }
  }
  for (const edit of edits.values())
    if (
      edit.oldCustomerId !== edit.customerId &&
      edit.oldCustomerId >= lo &&
      edit.oldCustomerId <= hi
    )
      add(edit.oldCustomerId, { at: edit.at, reverse: edit, order: null, edit: null });

  const ledger: NewLedgerEntry[] = [];
  const states: SavedState[] = [];
  for (const [customerId, items] of work) {
    if (slices && performance.now() - sliceStart > SLICE_MS) {
      await yieldToIo();
      sliceStart = performance.now();
    }
    items.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const member of members.get(customerId)!) {
      const program = compiledProgram(member);
      if (!program.ok) continue;
      // The state was parsed from this round's own query result: folding it in place is safe.
      const state =
        (member.state as unknown as CustomerState | null) ??
        initialState(program.value, String(customerId));
      const step = createStep(program.value, state, 0, true);
      let tier = member.tier;
      for (const item of items) {
        const capped = budget.get(member.programId);
        step.budgetUsed = capped ?? 0;
        // An edited order's new version earns like any order (as of the member's last event when
        // that is later: the engine applies late orders then); its earlier version is taken back
        // first, and stops counting as one of the member's orders if it ever counted.
        const order = item.order;
        const edit = order === null ? null : item.edit;
        let shortfall = 0;
        // Whether the member joins with this order is decided on their orders before the edit's
        // reversal uncounts its earlier version (a member whose only order is edited joined long ago).
        const joined = { joinedAt: step.state.joinedAt, orderCount: step.state.orderCount };
        if (item.reverse !== null) {
          const reversal = reverseEarlierVersion(
            program.value,
            step,
            member,
            customerId,
            item.reverse,
            ctx,
            {
              at: order === null || edit === null ? item.reverse.at : order.at,
              counted:
                ineligibleReason(
                  program.value.common,
                  earlierEvent(item.reverse, customerId, segments?.get(customerId)),
                ) === null,
            },
          );
          for (const row of reversal.rows) ledger.push(row);
          for (const effect of reversal.effects) if (effect.kind === "tier") tier = effect.to;
          shortfall = reversal.shortfall;
        }
        if (item.order !== null) {
          const event = item.order;
          // A member who has not joined yet joins with this order (welcome rewards come with it).
          const signup = signupWith(program.value, joined, event);
          if (signup !== null) {
            applyEventInPlace(program.value, step, signup);
            for (const row of ledgerRows(member, customerId, signup, step.out)) ledger.push(row);
            step.out = [];
          }
          applyEventInPlace(program.value, step, event);
          const effects = step.out;
          step.out = [];
          for (const effect of effects) if (effect.kind === "tier") tier = effect.to;
          const rows = ledgerRows(member, customerId, event, effects);
          if (edit !== null)
            asEditCorrection(rows, member, edit, {
              key: `edit-${ctx.jobId}:`,
              note: (note) => `${REEARN_NOTE} (${note})`,
            });
          for (const row of rows) ledger.push(row);
          if (edit !== null && shortfall > 0) {
            // Points of the earlier version the member had spent come out of what the new one
            // earned (its own lot first), so an edit never pays them twice.
            const spent: ProgramEvent = {
              kind: "tick",
              id: `${edit.orderId}:edit-${ctx.jobId}:spent`,
              customerId: String(customerId),
              at: step.state.clock,
            };
            clawBack(
              step,
              spent.id,
              String(edit.orderId),
              event.id,
              spent.at,
              shortfall,
              "order edited by an import: points its earlier version earned were already spent or expired",
            );
            const taken = ledgerRows(member, customerId, spent, step.out);
            step.out = [];
            for (const row of asEditCorrection(taken, member, edit, {})) ledger.push(row);
          }
          if (edit !== null && edit.refunds > 0) {
            // Money already refunded on the order stays refunded: the new version gives back the
            // same (all of it when the order had been refunded in full), or it would earn again
            // what the refunds took back from the earlier one.
            const refund: RefundEvent = {
              kind: "refund",
              id: `${edit.orderId}:edit-${ctx.jobId}:refunds`,
              customerId: String(customerId),
              at: step.state.clock,
              orderId: event.id,
              amount: edit.refunded,
              // Whole when the refunds cover the new total, or returned an order of total 0.
              whole:
                edit.refunded >= event.amount - (event.discount ?? 0) ||
                (edit.oldPaid === 0 && edit.refunded === 0),
            };
            applyEventInPlace(program.value, step, refund);
            const taken = ledgerRows(member, customerId, refund, step.out);
            step.out = [];
            const rows = asEditCorrection(taken, member, edit, {
              key: `edit-${ctx.jobId}:refunds:`,
              note: () => REFUNDS_NOTE,
            });
            for (const row of rows) ledger.push(row);
          }
        }
        if (capped !== undefined) budget.set(member.programId, step.budgetUsed);
      }
      states.push({
        id: member.enrollmentId,
        state: step.state as unknown as Record<string, unknown>,
        tier,
      });
    }
  }
  return { ledger, states, orders };
}

/** The earlier version of an edited order as the engine saw it: its own time, store and channel. */
const earlierEvent = (
  edit: EditedOrder,
  customerId: number,
  segments: readonly string[] | undefined,
): OrderEvent => ({
  kind: "order",
  id: String(edit.orderId),
  customerId: String(customerId),
  at: edit.oldAt,
  amount: edit.oldNet,
  channel: edit.oldChannel === "offline" ? "store" : "online",
  ...(edit.oldStoreId === null ? {} : { storeId: String(edit.oldStoreId) }),
  ...(segments === undefined ? {} : { segments }),
});

const restrictsBySegment = (member: Member) =>
  Array.isArray(member.config.segments) && member.config.segments.length > 0;

/**
 * The edited orders with a customer in [lo, hi] (before or after the edit), with what their earlier
 * version earned per program: the net of the order's earn and adjust entries (refund claw-backs and
 * earlier corrections included), its first earn entry (what corrections reference) and the lot of
 * its latest earn (the current version's).
 */
async function editedOrders(
  tx: Database,
  lo: number,
  hi: number,
): Promise<Map<number, EditedOrder>> {
  const rows = await queryRows<{
    orderId: number;
    oldCustomerId: number;
    customerId: number;
    at: number;
    oldAt: number;
    oldStoreId: number | null;
    oldChannel: "online" | "offline";
    oldNet: number;
    oldPaid: number;
    refunded: number;
    refunds: number;
    programId: number | null;
    earned: number;
    firstEntryId: number | null;
    lotId: string | null;
  }>(
    tx,
    sql`select e.id as "orderId", e.old_customer_id as "oldCustomerId", g.customer_id as "customerId",
               (extract(epoch from greatest(e.old_placed_at, g.placed_at)) * 1000)::float8 as at,
               (extract(epoch from e.old_placed_at) * 1000)::float8 as "oldAt",
               e.old_store_id as "oldStoreId", e.old_channel::text as "oldChannel",
               (e.old_subtotal - e.old_discount)::float8 as "oldNet", e.old_total::float8 as "oldPaid",
               rf.refunded, rf.refunds,
               l.program_id as "programId",
               coalesce(sum(l.amount) filter (where l.kind in ('earn', 'adjust')), 0)::float8 as earned,
               (array_agg(l.id order by l.id) filter (where l.kind = 'earn'))[1]::float8 as "firstEntryId",
               (array_agg(l.lot_id order by l.id desc) filter (where l.kind = 'earn'))[1] as "lotId"
        from import_edited_orders e
        join import_orders g on g.id = e.id
        cross join lateral (select coalesce(sum(amount), 0)::float8 as refunded, count(*)::int as refunds
                            from order_refunds where order_id = e.id) rf
        left join ledger_entries l on l.customer_id = e.old_customer_id and l.order_id = e.id
        where e.figures and (e.old_customer_id between ${lo} and ${hi} or g.customer_id between ${lo} and ${hi})
        group by e.id, e.old_customer_id, g.customer_id, e.old_placed_at, g.placed_at,
                 e.old_store_id, e.old_channel, e.old_subtotal, e.old_discount, e.old_total,
                 rf.refunded, rf.refunds, l.program_id`,
  );
  const edits = new Map<number, EditedOrder>();
  for (const row of rows) {
    let edit = edits.get(row.orderId);
    if (edit === undefined) {
      edit = {
        orderId: row.orderId,
        oldCustomerId: row.oldCustomerId,
        customerId: row.customerId,
        at: row.at,
        oldAt: row.oldAt,
        oldStoreId: row.oldStoreId,
        oldChannel: row.oldChannel,
        oldNet: row.oldNet,
        oldPaid: row.oldPaid,
        refunded: row.refunded,
        refunds: row.refunds,
        earned: new Map(),
      };
      edits.set(row.orderId, edit);
    }
    if (row.programId !== null)
      edit.earned.set(row.programId, {
        earned: row.earned,
        firstEntryId: row.firstEntryId,
        lotId: row.lotId,
      });
  }
  return edits;
}

/**
 * Runs the referral events an import created (import_new_events) through the programs of both
 * customers, in time order, inside the import's transaction. Events the file only updated were
 * applied when they first arrived.
 */
export async function applyProgramsToImportedEvents(tx: Database): Promise<{ referrals: number }> {
  const rows = await queryRows<Omit<StoredReferral, "occurredAt"> & { occurredAtMs: number }>(
    tx,
    sql`select e.id::int as id, e.customer_id::int as "customerId", c.external_id as "externalCustomerId",
               (extract(epoch from e.occurred_at) * 1000)::float8 as "occurredAtMs", e.payload
        from customer_events e
        join import_new_events n on n.id = e.id
        join customers c on c.id = e.customer_id
        where e.type = 'referral'
        order by e.occurred_at, e.id`,
  );
  if (rows.length > 0)
    await applyReferrals(
      tx,
      rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAtMs) })),
      { outcomes: false },
    );
  return { referrals: rows.length };
}
