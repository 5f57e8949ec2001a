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
  for (let i = 1; i < events.length; i++)
    if ((events[i] as ProgramEvent).at < (events[i - 1] as ProgramEvent).at) return false;
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
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as ProgramEvent;
    const previous = i === 0 ? null : (events[i - 1] as ProgramEvent);
    if (previous === null || event.customerId !== previous.customerId) {
      if (seen.has(event.customerId)) return false;
      seen.add(event.customerId);
    } else if (event.at < previous.at) return false;
  }
  return true;
};

/** End (exclusive) of the run of `events` from `start` that belong to the same customer. */
const runEnd = (events: readonly ProgramEvent[], start: number): number => {
  const customerId = (events[start] as ProgramEvent).customerId;
  let end = start + 1;
  while (end < events.length && (events[end] as ProgramEvent).customerId === customerId) end++;
  return end;
};

/**
 * Where a customer's order records can start, folding `events[start..end)` (one customer, time
 * order): with no refund among them, a record older than the refund window at their last event
 * is never read and that event prunes it, so it need not be built.
 */
const recordsFrom = (
  program: Program,
  events: readonly ProgramEvent[],
  start: number,
  end: number,
): number => {
  for (let i = start; i < end; i++)
    if ((events[i] as ProgramEvent).kind === "refund") return -Infinity;
  return (events[end - 1] as ProgramEvent).at - program.common.refundWindowMs;
};

/**
 * A pure fold of events (any number of customers) through one program. The states it builds are
 * its own, so it mutates them in place instead of copying per event; the inputs are untouched.
 */
export const replay = (
  program: Program,
  events: readonly ProgramEvent[],
  options: ReplayOptions = {},
): ReplayResult => {
  const states = new Map<string, CustomerState>();
  for (const [id, state] of options.states ?? []) states.set(id, structuredClone(state));
  const keep = options.keepEffects === true;
  // Kept effects need the entries as objects anyway (in order among the others); else columns.
  const columns = keep ? null : new LedgerColumns(program.unit);
  const ledger: LedgerEntry[] = [];
  const effects: Effect[] = [];
  const step = createStep(
    program,
    initialState(program, ""),
    options.budgetUsed ?? 0,
    keep,
    columns,
  );
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
  // One customer's events, in time order.
  const fold = (own: readonly ProgramEvent[], start: number, end: number): void => {
    const state = stateOf((own[start] as ProgramEvent).customerId);
    step.recordsFrom = recordsFrom(program, own, start, end);
    for (let i = start; i < end; i++) run(own[i] as ProgramEvent, state);
    step.recordsFrom = -Infinity;
  };
  if (program.common.budgetCap > 0) {
    // A budget cap couples customers: who gets the last of the budget depends on global time order.
    const ordered = inTimeOrder(events);
    for (let i = 0; i < ordered.length; i++) {
      const event = ordered[i] as ProgramEvent;
      run(event, stateOf(event.customerId));
    }
  } else if (isGroupedInTimeOrder(events)) {
    // Customers are independent, so fold each one's events in turn: the same states and entries,
    // and the customer's state stays in cache. A stream grouped by customer is folded as it is.
    for (let start = 0; start < events.length;) {
      const end = runEnd(events, start);
      fold(events, start, end);
      start = end;
    }
  } else
    for (const own of groupByCustomer(events).values()) {
      const sorted = inTimeOrder(own);
      fold(sorted, 0, sorted.length);
    }
  if (options.until !== undefined)
    for (const state of states.values()) {
      step.state = state;
      applyEvent(program, step, {
        kind: "tick",
        id: "replay-end",
        customerId: state.customerId,
        at: options.until,
      });
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
