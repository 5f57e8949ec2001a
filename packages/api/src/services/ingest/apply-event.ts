import { eq } from "drizzle-orm";
import { enrollments, ledgerEntries, type Database, type NewLedgerEntry } from "@boomerang/db";
import {
  availableBalance,
  createProgram,
  evaluate,
  initialState,
  isLedgerEntry,
  pendingBalance,
  type CustomerState,
  type Effect,
  type ProgramEvent,
} from "@boomerang/domain/programs";
import { programBudgetUsed, type MemberProgram } from "./member-programs";

/** What one event did in one program, as the API reports it. */
export type ProgramOutcome = {
  programId: number;
  programName: string;
  unit: "points" | "money" | null;
  earned: number;
  redeemed: number;
  adjusted: number;
  discount: number;
  gifts: string[];
  tier: string | null;
  available: number;
  pending: number;
  notes: string[];
};

const orderIdOf = (ref: string | null): number | null =>
  ref !== null && /^\d+$/.test(ref) ? Number(ref) : null;

/** Ledger rows for the engine's entries; the key makes appending the same event's entries twice impossible. */
function ledgerRows(
  member: MemberProgram,
  customerId: number,
  event: ProgramEvent,
  effects: Effect[],
): NewLedgerEntry[] {
  return effects.filter(isLedgerEntry).map((entry, index) => ({
    programId: member.programId,
    customerId,
    kind: entry.kind,
    unit: entry.unit,
    amount: entry.amount,
    orderId: orderIdOf(entry.orderId),
    lotId: entry.lotId,
    effectiveAt: new Date(entry.at),
    availableAt: entry.availableAt === undefined ? null : new Date(entry.availableAt),
    expiresAt:
      entry.expiresAt === undefined || entry.expiresAt === null ? null : new Date(entry.expiresAt),
    idempotencyKey: `${member.programId}:${event.id}:${index}`,
    note: entry.reason,
  }));
}

type Balances = { available: number; pending: number };

function summarize(
  member: MemberProgram,
  unit: ProgramOutcome["unit"],
  effects: Effect[],
  balances: Balances,
  tier: string | null,
): ProgramOutcome {
  const outcome: ProgramOutcome = {
    programId: member.programId,
    programName: member.name,
    unit,
    earned: 0,
    redeemed: 0,
    adjusted: 0,
    discount: 0,
    gifts: [],
    tier,
    available: balances.available,
    pending: balances.pending,
    notes: [],
  };
  for (const effect of effects) {
    if (effect.kind === "earn") outcome.earned += effect.amount;
    else if (effect.kind === "redeem") outcome.redeemed -= effect.amount;
    else if (effect.kind === "adjust") outcome.adjusted += effect.amount;
    else if (effect.kind === "discount") outcome.discount += effect.amount;
    else if (effect.kind === "gift") outcome.gifts.push(effect.item);
    else if (effect.kind === "note") outcome.notes.push(effect.reason);
  }
  return outcome;
}

/**
 * Applies one event to one member through the engine, appends the ledger entries and saves the
 * member's new state, in the caller's transaction. A program whose stored configuration no longer
 * parses grants nothing and says why, rather than failing the customer's order.
 */
export async function applyEvent(
  tx: Database,
  member: MemberProgram,
  customerId: number,
  event: ProgramEvent,
): Promise<{ outcome: ProgramOutcome; effects: Effect[] }> {
  const program = createProgram(member.type, member.config);
  if (!program.ok) {
    const outcome = summarize(member, null, [], { available: 0, pending: 0 }, member.tier);
    outcome.notes.push(`program configuration is invalid: ${program.errors.join("; ")}`);
    return { outcome, effects: [] };
  }
  const state =
    (member.state as unknown as CustomerState | null) ??
    initialState(program.value, String(customerId));
  const budgetUsed =
    program.value.common.budgetCap > 0 ? await programBudgetUsed(tx, member.programId) : 0;
  const result = evaluate(program.value, state, event, { budgetUsed });
  const rows = ledgerRows(member, customerId, event, result.effects);
  if (rows.length > 0) await tx.insert(ledgerEntries).values(rows);
  let tier = member.tier;
  for (const effect of result.effects) if (effect.kind === "tier") tier = effect.to;
  await tx
    .update(enrollments)
    .set({ state: result.state as unknown as Record<string, unknown>, tier })
    .where(eq(enrollments.id, member.enrollmentId));
  return {
    outcome: summarize(
      member,
      program.value.unit,
      result.effects,
      {
        available: availableBalance(result.state, event.at),
        pending: pendingBalance(result.state, event.at),
      },
      tier,
    ),
    effects: result.effects,
  };
}
