import { sql } from "drizzle-orm";
import { queryRows, type Database, type NewLedgerEntry } from "@boomerang/db";
import { intArray, memberProgramColumns, type MemberProgram } from "../ingest/member-programs";
import { copyClient, copyLine, copyRows } from "./copy";

/**
 * Reads and writes of the import's program step, set-based: members and their segments read for a
 * whole batch of customers, and the ledger and the members' states written with COPY on PostgreSQL
 * (one JSON statement per chunk on PGlite).
 */

export type Member = MemberProgram & { customerId: number };

/**
 * Active, non-control memberships of the customers, locked FOR UPDATE in id order (the order every
 * writer takes, so an import and API orders never wait on each other in a cycle).
 */
export async function membersOf(
  tx: Database,
  customerIds: readonly number[],
): Promise<Map<number, Member[]>> {
  const rows = await queryRows<Member>(
    tx,
    sql`select ${memberProgramColumns}, e.customer_id::int as "customerId"
        from enrollments e
        join programs p on p.id = e.program_id
        join program_versions v on v.program_id = p.id and v.version = p.current_version
        where e.customer_id = any(${intArray(customerIds)}::int[]) and p.status = 'active' and not e.is_control
        order by e.id
        for update of e`,
  );
  const byCustomer = new Map<number, Member[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customerId);
    if (list === undefined) byCustomer.set(row.customerId, [row]);
    else list.push(row);
  }
  return byCustomer;
}

/** Segment ids (latest snapshot of each segment) of the customers, as the engine names them. */
export async function segmentsOf(
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

export type SavedState = { id: number; state: Record<string, unknown> | null; tier: string | null };

const ledgerColumns = [
  "program_id",
  "customer_id",
  "kind",
  "unit",
  "amount",
  "order_id",
  "corrects_entry_id",
  "lot_id",
  "effective_at",
  "available_at",
  "expires_at",
  "idempotency_key",
  "note",
] as const;

const ledgerValues = (r: NewLedgerEntry) => [
  r.programId,
  r.customerId,
  r.kind,
  r.unit,
  r.amount,
  r.orderId ?? null,
  r.correctsEntryId ?? null,
  r.lotId ?? null,
  r.effectiveAt,
  r.availableAt ?? null,
  r.expiresAt ?? null,
  r.idempotencyKey ?? null,
  r.note ?? null,
];

const JSON_CHUNK = 5000;

/**
 * Appends the ledger entries and saves the members' states. On PostgreSQL both are COPYs — the
 * entries straight into ledger_entries (its foreign keys, unique idempotency key and store-KPI
 * statement trigger still apply), the states into a temporary table that one UPDATE then joins —
 * so no statement is built, sent or parsed per chunk. On PGlite each chunk is one JSON statement.
 */
export async function writeProgramResults(
  tx: Database,
  ledger: readonly NewLedgerEntry[],
  states: readonly SavedState[],
): Promise<void> {
  const client = copyClient(tx);
  if (client !== null) {
    if (ledger.length > 0)
      await copyRows(
        client,
        `copy ledger_entries (${ledgerColumns.join(", ")}) from stdin`,
        ledger,
        (r) => copyLine(ledgerValues(r)),
      );
    if (states.length > 0) {
      await tx.execute(
        sql`create temp table if not exists import_states (id int, state text, tier text) on commit drop`,
      );
      // Staged uncompressed: each state is read once, by the UPDATE below, which compresses it
      // (lz4, migration 0021) as it stores it; compressing the staged copy too (pglz) was a third
      // of the states' cost with a member's many lots (~0.4 s of 2.1 s, 4,000 states of ~36 kB).
      await tx.execute(sql`alter table import_states alter column state set storage external`);
      await tx.execute(sql`truncate import_states`);
      await copyRows(client, `copy import_states (id, state, tier) from stdin`, states, (s) =>
        copyLine([s.id, s.state === null ? null : JSON.stringify(s.state), s.tier]),
      );
      await tx.execute(
        sql`update enrollments e set state = s.state::jsonb, tier = s.tier from import_states s where e.id = s.id`,
      );
    }
    return;
  }
  for (let start = 0; start < Math.max(ledger.length, states.length); start += JSON_CHUNK) {
    const entries = ledger.slice(start, start + JSON_CHUNK).map((r) => {
      const record: Record<string, unknown> = {};
      ledgerValues(r).forEach((value, i) => (record[ledgerColumns[i]!] = value));
      return record;
    });
    const saved = states.slice(start, start + JSON_CHUNK);
    await tx.execute(
      sql`with appended as (
            insert into ledger_entries (${sql.raw(ledgerColumns.join(", "))})
            select ${sql.raw(ledgerColumns.join(", "))}
            from json_populate_recordset(null::ledger_entries, ${JSON.stringify(entries)}::json)),
          saved as (
            update enrollments e set state = v.state, tier = v.tier
            from json_to_recordset(${JSON.stringify(saved)}::json) as v(id int, state jsonb, tier text)
            where e.id = v.id)
          select 1`,
    );
  }
}
