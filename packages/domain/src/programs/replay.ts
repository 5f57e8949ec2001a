import type { LedgerEntry } from "./effects";
import { type Effect, isLedgerEntry } from "./effects";
import { applyEvent, createStep, initialState } from "./engine";
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

export interface ReplayResult {
  readonly states: Map<string, CustomerState>;
  readonly ledger: LedgerEntry[];
  readonly effects: Effect[];
  readonly budgetUsed: number;
}

const inTimeOrder = (events: readonly ProgramEvent[]): readonly ProgramEvent[] => {
  for (let i = 1; i < events.length; i++)
    if ((events[i] as ProgramEvent).at < (events[i - 1] as ProgramEvent).at)
      // Stable sort: same-instant events keep their input order, so the fold stays deterministic.
      return [...events].sort((a, b) => a.at - b.at);
  return events;
};

/**
 * A pure fold of events (any number of customers) through one program. The states it builds are
 * its own, so it mutates them in place instead of copying per event; the inputs are untouched.
 */
export const replay = (program: Program, events: readonly ProgramEvent[], options: ReplayOptions = {}): ReplayResult => {
  const states = new Map<string, CustomerState>();
  for (const [id, state] of options.states ?? []) states.set(id, structuredClone(state));
  const ledger: LedgerEntry[] = [];
  const effects: Effect[] = [];
  const keep = options.keepEffects === true;
  const step = createStep(program, initialState(program, ""), options.budgetUsed ?? 0);
  const collect = (): void => {
    for (const effect of step.out) {
      if (isLedgerEntry(effect)) ledger.push(effect);
      if (keep) effects.push(effect);
    }
    step.out.length = 0;
  };
  for (const event of inTimeOrder(events)) {
    let state = states.get(event.customerId);
    if (state === undefined) {
      state = initialState(program, event.customerId);
      states.set(event.customerId, state);
    }
    step.state = state;
    applyEvent(program, step, event);
    collect();
  }
  if (options.until !== undefined)
    for (const state of states.values()) {
      step.state = state;
      applyEvent(program, step, { kind: "tick", id: "replay-end", customerId: state.customerId, at: options.until });
      collect();
    }
  return { states, ledger, effects, budgetUsed: step.budgetUsed };
};
