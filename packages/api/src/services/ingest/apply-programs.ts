import { sql } from "drizzle-orm";
import { queryRows, type Database, type NewLedgerEntry } from "@boomerang/db";
import type { OrderEvent, ProgramEvent } from "@boomerang/domain/programs";
import { evaluateMember, hasBudgetCap, type ProgramOutcome } from "./apply-event";
import { programBudgetUsed, type MemberProgram } from "./member-programs";

/** One event for one customer (the database id), as the engine sees it. */
export type CustomerProgramEvent = { customerId: number; event: ProgramEvent };

const intArray = (ids: readonly number[]) => `{${ids.join(",")}}`;

/**
 * Active, non-control memberships of many customers at once, locked FOR UPDATE in id order (the
 * same order every caller takes, so two writers never wait on each other in a cycle).
 */
async function membersOf(
  tx: Database,
  customerIds: readonly number[],
): Promise<Map<number, (MemberProgram & { customerId: number })[]>> {
  const rows = await queryRows<MemberProgram & { customerId: number }>(
    tx,
    sql`select e.id::int as "enrollmentId", e.customer_id::int as "customerId", p.id::int as "programId",
               p.current_version::int as version, p.name, p.type, v.config, e.state, e.tier
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

const LEDGER_CHUNK = 5000;

async function appendLedger(tx: Database, rows: NewLedgerEntry[]): Promise<void> {
  for (let start = 0; start < rows.length; start += LEDGER_CHUNK) {
    const chunk = rows.slice(start, start + LEDGER_CHUNK).map((r) => ({
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
    }));
    // One JSON parameter per chunk: cheap to build and send, typed by PostgreSQL itself.
    await tx.execute(
      sql`insert into ledger_entries (program_id, customer_id, kind, unit, amount, order_id, lot_id, effective_at, available_at, expires_at, idempotency_key, note)
          select program_id, customer_id, kind, unit, amount, order_id, lot_id, effective_at, available_at, expires_at, idempotency_key, note
          from json_populate_recordset(null::ledger_entries, ${JSON.stringify(chunk)}::json)`,
    );
  }
}

async function saveStates(
  tx: Database,
  states: { id: number; state: Record<string, unknown> | null; tier: string | null }[],
): Promise<void> {
  for (let start = 0; start < states.length; start += LEDGER_CHUNK) {
    const chunk = states.slice(start, start + LEDGER_CHUNK);
    await tx.execute(
      sql`update enrollments e set state = v.state, tier = v.tier
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(id int, state jsonb, tier text)
          where e.id = v.id`,
    );
  }
}

/**
 * Runs events through every active program their customers take part in — the one path for orders
 * posted to the API and orders, referrals and sign-ups arriving by import — in the caller's
 * transaction. Each customer's events are applied in time order (the engine ignores an event older
 * than the customer's last one), and the whole batch costs a handful of statements: memberships
 * read and locked at once, segment memberships read only when a program restricts by segment, the
 * ledger appended and the members' states saved in bulk. Ledger idempotency keys are per program
 * and event, so applying the same event twice fails instead of earning twice.
 *
 * Returns what each event did in each program, in the order of `items`.
 */
export async function applyProgramEvents(
  tx: Database,
  items: readonly CustomerProgramEvent[],
): Promise<ProgramOutcome[][]> {
  const outcomes: ProgramOutcome[][] = items.map(() => []);
  if (items.length === 0) return outcomes;
  const customerIds = [...new Set(items.map((i) => i.customerId))].sort((a, b) => a - b);
  const members = await membersOf(tx, customerIds);
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

  // Per customer, in time order (stable for equal times: the caller's order).
  const order = items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        a.item.customerId - b.item.customerId ||
        a.item.event.at - b.item.event.at ||
        a.index - b.index,
    );
  const ledger: NewLedgerEntry[] = [];
  const changed = new Map<number, MemberProgram>();
  for (const { item, index } of order) {
    const list = members.get(item.customerId);
    if (list === undefined) continue;
    let event = item.event;
    if (segments !== null && event.kind === "order" && event.segments === undefined)
      event = {
        ...event,
        segments: segments.get(item.customerId) ?? [],
      } satisfies OrderEvent;
    for (let m = 0; m < list.length; m++) {
      const member = list[m]!;
      const step = evaluateMember(
        member,
        item.customerId,
        event,
        budget.get(member.programId) ?? 0,
      );
      if (budget.has(member.programId))
        budget.set(member.programId, budget.get(member.programId)! + step.costDelta);
      ledger.push(...step.rows);
      if (step.state !== member.state || step.tier !== member.tier) {
        const next = { ...member, state: step.state, tier: step.tier };
        list[m] = next;
        changed.set(member.enrollmentId, next);
      }
      outcomes[index]!.push(step.outcome);
    }
  }
  await appendLedger(tx, ledger);
  await saveStates(
    tx,
    [...changed.values()].map((m) => ({ id: m.enrollmentId, state: m.state, tier: m.tier })),
  );
  return outcomes;
}
