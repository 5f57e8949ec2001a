import type { LedgerEntry } from "./effects";
import { type Effect, isLedgerEntry } from "./effects";
import { applyEvent, createStep, initialState } from "./engine";
import { LedgerColumns } from "./ledger-columns";
import type { Millis, ProgramEvent } from "./events";
import type { Program } from "./program-type";
import type { CustomerState } from "./state";

export interface ReplayOptions {
  /** Run expiry and tier review up to this instant after the last event (a final tick). */
  readonly until?: Millis;
  /** Keep every effect (the preview wants them); the ledger is always kept. */
  readonly keepEffects?: boolean;
  /** Starting states, e.g. loaded from the database; they are not modified. */
  readonly states?: ReadonlyMap<string, CustomerState>;
  readonly budgetUsed?: number;
}

/**
 * `ledger` and `effects` keep each customer's entries in time order. Across customers they are in
 * global time order when the program has a budget cap, else grouped by customer (first seen first).
 * Without `keepEffects` the ledger is written as columns and `ledger` builds its entry objects on
 * first read (then keeps them), so a replay that only needs states or totals never pays for them.
 */
export interface ReplayResult {
  readonly states: Map<string, CustomerState>;
  readonly ledger: LedgerEntry[];
  readonly effects: Effect[];
  readonly budgetUsed: number;
}

const isInTimeOrder = (events: readonly ProgramEvent[]): boolean => {
  for (let i = 1; i < events.length; i++) if ((events[i] as ProgramEvent).at < (events[i - 1] as ProgramEvent).at) return false;
  return true;
};

// Stable sort: same-instant events keep their input order, so the fold stays deterministic.
const inTimeOrder = (events: readonly ProgramEvent[]): readonly ProgramEvent[] =>
  isInTimeOrder(events) ? events : [...events].sort((a, b) => a.at - b.at);

const groupByCustomer = (events: readonly ProgramEvent[]): Map<string, ProgramEvent[]> => {
  const groups = new Map<string, ProgramEvent[]>();
  for (const event of events) {
    const group = groups.get(event.customerId);
    if (group === undefined) groups.set(event.customerId, [event]);
    else group.push(event);
  }
  return groups;
};

/**
 * True when each customer's events are one contiguous run in time order: the way the simulator
 * and the database read history. Such a stream is folded in place, without building a copy of it
 * grouped by customer (a million-event stream's groups would all survive into the old generation).
 */
const isGroupedInTimeOrder = (events: readonly ProgramEvent[]): boolean => {
  const seen = new Set<string>();
  let last: ProgramEvent | null = null;
  for (const event of events) {
    if (last === null || event.customerId !== last.customerId) {
      if (seen.has(event.customerId)) return false;
      seen.add(event.customerId);
    } else if (event.at < last.at) return false;
    last = event;
  }
  return true;
};

/**
 * A pure fold of events (any number of customers) through one program. The states it builds are
 * its own, so it mutates them in place instead of copying per event; the inputs are untouched.
 */
export const replay = (program: Program, events: readonly ProgramEvent[], options: ReplayOptions = {}): ReplayResult => {
  const states = new Map<string, CustomerState>();
  for (const [id, state] of options.states ?? []) states.set(id, structuredClone(state));
  const keep = options.keepEffects === true;
  // Kept effects need the entries as objects anyway (in order among the others); else columns.
  const columns = keep ? null : new LedgerColumns(program.unit);
  const ledger: LedgerEntry[] = [];
  const effects: Effect[] = [];
  const step = createStep(program, initialState(program, ""), options.budgetUsed ?? 0, keep, columns);
  // Without keepEffects handlers write no other effects, so `out` is empty; it is reused, not replaced.
  const collect = (): void => {
    const out = step.out;
    if (out.length === 0) return;
    if (keep)
      for (const effect of out) {
        if (isLedgerEntry(effect)) ledger.push(effect);
        effects.push(effect);
      }
    out.length = 0;
  };
  const run = (event: ProgramEvent, state: CustomerState): void => {
    step.state = state;
    applyEvent(program, step, event);
    collect();
  };
  const stateOf = (customerId: string): CustomerState => {
    let state = states.get(customerId);
    if (state === undefined) {
      state = initialState(program, customerId);
      states.set(customerId, state);
    }
    return state;
  };
  if (program.common.budgetCap > 0) {
    // A budget cap couples customers: who gets the last of the budget depends on global time order.
    for (const event of inTimeOrder(events)) run(event, stateOf(event.customerId));
  } else {
    // Customers are independent, so fold each one's events in turn: the same states and entries,
    // the customer's state stays in cache, and a stream sorted by customer needs no global sort.
    if (isGroupedInTimeOrder(events)) {
      let last: ProgramEvent | null = null;
      let state = step.state;
      for (const event of events) {
        if (last === null || event.customerId !== last.customerId) state = stateOf(event.customerId);
        run(event, state);
        last = event;
      }
    } else
      for (const [customerId, own] of groupByCustomer(events)) {
        const state = stateOf(customerId);
        for (const event of inTimeOrder(own)) run(event, state);
      }
  }
  if (options.until !== undefined)
    for (const state of states.values()) {
      step.state = state;
      applyEvent(program, step, { kind: "tick", id: "replay-end", customerId: state.customerId, at: options.until });
      collect();
    }
  if (columns === null) return { states, ledger, effects, budgetUsed: step.budgetUsed };
  let entries: LedgerEntry[] | null = null;
  return {
    states,
    get ledger(): LedgerEntry[] {
      return (entries ??= columns.entries());
    },
    effects,
    budgetUsed: step.budgetUsed,
  };
};
