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
export function ledgerRows(
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

export function summarize(
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

// Program versions never change once saved, so a version parses and compiles once per process.
const compiled = new Map<string, ReturnType<typeof createProgram>>();
const MAX_COMPILED = 500;

/**
 * The parameters the engine runs a membership on. A program saved without a start date runs "from
 * activation" (as its form and pages say): orders placed before the program was activated — a file
 * of last year's orders imported later, a till's late upload — earn nothing, as if the start date
 * were the activation. An end date at or before the activation (an active program's end moved into
 * the past) leaves an empty period: nothing earns, before the activation or after the end.
 */
export function runningConfig(
  member: Pick<MemberProgram, "config" | "activatedAt">,
): Record<string, unknown> {
  const { startsAt } = member.config;
  if (member.activatedAt === null || (startsAt !== null && startsAt !== undefined))
    return member.config;
  return { ...member.config, startsAt: Math.floor(member.activatedAt) };
}

export function compiledProgram(member: MemberProgram): ReturnType<typeof createProgram> {
  const key = `${member.programId}:${member.version}:${member.type}:${member.activatedAt}`;
  let program = compiled.get(key);
  if (program === undefined) {
    program = createProgram(member.type, runningConfig(member));
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, program);
  }
  return program;
}

/** What the engine decided for one member and one event, before anything is written. */
export type MemberStep = {
  rows: NewLedgerEntry[];
  state: Record<string, unknown> | null;
  tier: string | null;
  /** Change of the member's spent reward cost, for the program's budget. */
  costDelta: number;
  outcome: ProgramOutcome;
  effects: Effect[];
};

const rewardCostOf = (state: unknown): number =>
  typeof state === "object" && state !== null
    ? Number((state as { rewardCost?: unknown }).rewardCost ?? 0) || 0
    : 0;

/**
 * Runs one event through the engine for one member, without touching the database: the ledger rows
 * to append, the member's new state and tier. `member.state` is not changed; callers applying
 * several events in a row pass the returned state along. A program whose stored configuration no
 * longer parses grants nothing and says why, rather than failing the customer's order.
 */
export function evaluateMember(
  member: MemberProgram,
  customerId: number,
  event: ProgramEvent,
  budgetUsed: number,
): MemberStep {
  const program = compiledProgram(member);
  if (!program.ok) {
    const outcome = summarize(member, null, [], { available: 0, pending: 0 }, member.tier);
    outcome.notes.push(`program configuration is invalid: ${program.errors.join("; ")}`);
    return { rows: [], state: member.state, tier: member.tier, costDelta: 0, outcome, effects: [] };
  }
  const state =
    (member.state as unknown as CustomerState | null) ??
    initialState(program.value, String(customerId));
  const result = evaluate(program.value, state, event, { budgetUsed });
  const rows = ledgerRows(member, customerId, event, result.effects);
  let tier = member.tier;
  for (const effect of result.effects) if (effect.kind === "tier") tier = effect.to;
  return {
    rows,
    state: result.state as unknown as Record<string, unknown>,
    tier,
    costDelta: rewardCostOf(result.state) - rewardCostOf(member.state),
    outcome: summarize(
      member,
      program.value.unit,
      result.effects,
      {
        available: availableBalance(result.state, result.state.clock),
        pending: pendingBalance(result.state, result.state.clock),
      },
      tier,
    ),
    effects: result.effects,
  };
}

/** Whether the program caps its total reward cost (then each event needs what was spent so far). */
export function hasBudgetCap(member: MemberProgram): boolean {
  const program = compiledProgram(member);
  return program.ok && program.value.common.budgetCap > 0;
}

/**
 * Applies one event to one member through the engine, appends the ledger entries and saves the
 * member's new state, in the caller's transaction.
 */
export async function applyEvent(
  tx: Database,
  member: MemberProgram,
  customerId: number,
  event: ProgramEvent,
): Promise<{ outcome: ProgramOutcome; effects: Effect[] }> {
  const budgetUsed = hasBudgetCap(member) ? await programBudgetUsed(tx, member.programId) : 0;
  const step = evaluateMember(member, customerId, event, budgetUsed);
  if (step.rows.length > 0) await tx.insert(ledgerEntries).values(step.rows);
  if (step.state !== member.state || step.tier !== member.tier)
    await tx
      .update(enrollments)
      .set({ state: step.state, tier: step.tier })
      .where(eq(enrollments.id, member.enrollmentId));
  return { outcome: step.outcome, effects: step.effects };
}
