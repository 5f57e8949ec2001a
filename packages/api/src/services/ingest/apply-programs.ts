import { sql } from "drizzle-orm";
import { queryRows, type Database, type NewLedgerEntry } from "@boomerang/db";
import {
  applyEventInPlace,
  availableBalance,
  createStep,
  initialState,
  pendingBalance,
  signupWith,
  type CustomerState,
  type Effect,
  type OrderEvent,
  type ProgramEvent,
} from "@boomerang/domain/programs";
import {
  compiledProgram,
  hasBudgetCap,
  ledgerRows,
  summarize,
  type ProgramOutcome,
} from "./apply-event";
import {
  intArray,
  lockBudgets,
  memberProgramColumns,
  programBudgetUsed,
  type MemberProgram,
} from "./member-programs";

/** One event for one customer (the database id), as the engine sees it. */
export type CustomerProgramEvent = { customerId: number; event: ProgramEvent };

/**
 * Active, non-control memberships of many customers at once, locked FOR UPDATE in id order (the
 * same order every caller takes, so two writers never wait on each other in a cycle).
 */
async function membersOf(
  tx: Database,
  customerIds: readonly number[],
  budgetsLocked: boolean,
): Promise<Map<number, (MemberProgram & { customerId: number })[]>> {
  if (!budgetsLocked) await lockBudgets(tx, customerIds);
  const rows = await queryRows<MemberProgram & { customerId: number }>(
    tx,
    sql`select ${memberProgramColumns}, e.customer_id::int as "customerId"
        from enrollments e
        join programs p on p.id = e.program_id
        join program_versions v on v.program_id = p.id and v.version = p.current_version
        where e.customer_id = any(${intArray(customerIds)}::int[]) and p.status = 'active' and not e.is_control
        order by e.id
        for update of e`,
  );
  const byCustomer = new Map<number, (MemberProgram & { customerId: number })[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customerId);
    if (list === undefined) byCustomer.set(row.customerId, [row]);
    else list.push(row);
  }
  return byCustomer;
}

/** Segment ids (latest snapshot of each segment) of many customers, as the engine names them. */
async function segmentsOf(
  tx: Database,
  customerIds: readonly number[],
): Promise<Map<number, string[]>> {
  const rows = await queryRows<{ customerId: number; ids: string[] }>(
    tx,
    sql`select m.customer_id::int as "customerId", array_agg(s.segment_id::text) as ids
        from segment_snapshot_members m
        join segment_snapshots s on s.id = m.snapshot_id
        where m.customer_id = any(${intArray(customerIds)}::int[])
          and s.id = (select max(l.id) from segment_snapshots l where l.segment_id = s.segment_id)
        group by m.customer_id`,
  );
  return new Map(rows.map((r) => [r.customerId, r.ids]));
}

const restrictsBySegment = (member: MemberProgram) =>
  Array.isArray(member.config.segments) && member.config.segments.length > 0;

const WRITE_CHUNK = 5000;

type SavedState = { id: number; state: Record<string, unknown> | null; tier: string | null };

const ledgerRecord = (r: NewLedgerEntry) => ({
  program_id: r.programId,
  customer_id: r.customerId,
  kind: r.kind,
  unit: r.unit,
  amount: r.amount,
  order_id: r.orderId ?? null,
  lot_id: r.lotId ?? null,
  effective_at: r.effectiveAt,
  available_at: r.availableAt ?? null,
  expires_at: r.expiresAt ?? null,
  idempotency_key: r.idempotencyKey ?? null,
  note: r.note ?? null,
});

/**
 * Appends the ledger entries and saves the members' states, a chunk of each per statement (one
 * statement for an order): each chunk is one JSON parameter, cheap to build and send and typed by
 * PostgreSQL itself (`json`, parsed once, rather than `jsonb`, which cost twice as much here).
 */
async function writeResults(
  tx: Database,
  ledger: NewLedgerEntry[],
  states: SavedState[],
): Promise<void> {
  const rounds = Math.max(
    Math.ceil(ledger.length / WRITE_CHUNK),
    Math.ceil(states.length / WRITE_CHUNK),
  );
  for (let round = 0; round < rounds; round++) {
    const start = round * WRITE_CHUNK;
    const entries = ledger.slice(start, start + WRITE_CHUNK).map(ledgerRecord);
    const saved = states.slice(start, start + WRITE_CHUNK);
    await tx.execute(
      sql`with appended as (
            insert into ledger_entries (program_id, customer_id, kind, unit, amount, order_id, lot_id, effective_at, available_at, expires_at, idempotency_key, note)
            select program_id, customer_id, kind, unit, amount, order_id, lot_id, effective_at, available_at, expires_at, idempotency_key, note
            from json_populate_recordset(null::ledger_entries, ${JSON.stringify(entries)}::json)),
          saved as (
            update enrollments e set state = v.state, tier = v.tier
            from json_to_recordset(${JSON.stringify(saved)}::json) as v(id int, state jsonb, tier text)
            where e.id = v.id)
          select 1`,
    );
  }
}

/** Options of a batch: outcomes cost a balance computation per event and member; imports skip them. */
export type ApplyOptions = {
  outcomes: boolean;
  /** The caller took the customers' budget locks already, before its first row lock (`lockBudgets`). */
  budgetsLocked?: boolean;
  /** Apply to these memberships (enrollment ids) only; every active one when absent. */
  enrollments?: ReadonlySet<number>;
};

/**
 * Runs events through every active program their customers take part in — the one path for orders
 * posted to the API and orders arriving by import — in the caller's transaction. Each customer's
 * events are applied in time order (an event older than the customer's last one, e.g. from a till
 * that synced late, is applied as of that last event and judged at its own time), and the whole batch costs a handful of statements: memberships read and locked at once,
 * segment memberships read only when a program restricts by segment, the ledger appended and the
 * members' states saved in bulk. Each member's state is folded in place (the rows just read are
 * this call's own), not copied per event. Ledger idempotency keys are per program, event and entry
 * (as in `applyEvent`), so applying the same event twice fails instead of earning twice.
 *
 * Returns what each event did in each program, in the order of `items` (empty lists without
 * `outcomes`).
 */
export async function applyProgramEvents(
  tx: Database,
  items: readonly CustomerProgramEvent[],
  options: ApplyOptions = { outcomes: true },
): Promise<ProgramOutcome[][]> {
  const outcomes: ProgramOutcome[][] = items.map(() => []);
  if (items.length === 0) return outcomes;
  const customerIds = [...new Set(items.map((i) => i.customerId))].sort((a, b) => a - b);
  const members = await membersOf(tx, customerIds, options.budgetsLocked === true);
  if (members.size === 0) return outcomes;

  const segmentCustomers = [...members]
    .filter(([, list]) => list.some(restrictsBySegment))
    .map(([id]) => id);
  const segments = segmentCustomers.length > 0 ? await segmentsOf(tx, segmentCustomers) : null;

  const budget = new Map<number, number>();
  for (const list of members.values())
    for (const member of list)
      if (!budget.has(member.programId) && hasBudgetCap(member))
        budget.set(member.programId, await programBudgetUsed(tx, member.programId));

  // Each customer's events in time order (stable for equal times: the caller's order).
  const byCustomer = new Map<number, { event: ProgramEvent; index: number }[]>();
  items.forEach((item, index) => {
    const list = members.get(item.customerId);
    if (list === undefined) return;
    let event = item.event;
    if (segments !== null && event.kind === "order" && event.segments === undefined)
      event = { ...event, segments: segments.get(item.customerId) ?? [] } satisfies OrderEvent;
    const own = byCustomer.get(item.customerId);
    if (own === undefined) byCustomer.set(item.customerId, [{ event, index }]);
    else own.push({ event, index });
  });

  const ledger: NewLedgerEntry[] = [];
  const states: SavedState[] = [];
  for (const [customerId, events] of byCustomer) {
    events.sort((a, b) => a.event.at - b.event.at || a.index - b.index);
    for (const member of members.get(customerId)!) {
      if (options.enrollments !== undefined && !options.enrollments.has(member.enrollmentId))
        continue;
      const program = compiledProgram(member);
      if (!program.ok) {
        if (options.outcomes)
          for (const { index } of events) {
            const outcome = summarize(member, null, [], { available: 0, pending: 0 }, member.tier);
            outcome.notes.push(`program configuration is invalid: ${program.errors.join("; ")}`);
            outcomes[index]!.push(outcome);
          }
        continue;
      }
      // The state was parsed from this call's own query result: folding it in place is safe.
      const state =
        (member.state as unknown as CustomerState | null) ??
        initialState(program.value, String(customerId));
      // Explained: tier changes and the ledger's reasons only come with it.
      const step = createStep(program.value, state, 0, true);
      let tier = member.tier;
      for (const { event, index } of events) {
        const capped = budget.get(member.programId);
        step.budgetUsed = capped ?? 0;
        // A member who has not joined yet joins with this event (welcome rewards come with it).
        const signup = signupWith(program.value, step.state, event);
        let joined: Effect[] = [];
        if (signup !== null) {
          applyEventInPlace(program.value, step, signup);
          joined = step.out;
          step.out = [];
          ledger.push(...ledgerRows(member, customerId, signup, joined));
        }
        applyEventInPlace(program.value, step, event);
        if (capped !== undefined) budget.set(member.programId, step.budgetUsed);
        const own = step.out;
        step.out = [];
        ledger.push(...ledgerRows(member, customerId, event, own));
        const effects = joined.length === 0 ? own : [...joined, ...own];
        for (const effect of effects) if (effect.kind === "tier") tier = effect.to;
        if (options.outcomes)
          outcomes[index]!.push(
            summarize(
              member,
              program.value.unit,
              effects,
              {
                available: availableBalance(step.state, step.state.clock),
                pending: pendingBalance(step.state, step.state.clock),
              },
              tier,
            ),
          );
      }
      states.push({
        id: member.enrollmentId,
        state: step.state as unknown as Record<string, unknown>,
        tier,
      });
    }
  }
  await writeResults(tx, ledger, states);
  return outcomes;
}
