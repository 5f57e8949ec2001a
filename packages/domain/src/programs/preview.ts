import type { Effect } from "./effects";
import type { Millis, OrderEvent, ProgramEvent } from "./events";
import { availableBalance, pendingBalance } from "./ledger";
import type { Program } from "./program-type";
import { replay } from "./replay";
import { formatMinor } from "../money";

/** An example customer (a history of events) or a single basket, as the designer enters them. */
export type PreviewCase =
  | { readonly label: string; readonly events: readonly ProgramEvent[] }
  | { readonly label: string; readonly basket: Omit<OrderEvent, "kind" | "id" | "customerId"> };

export interface PreviewOutcome {
  readonly label: string;
  /** Taken off orders (discounts and points paid), minor units. */
  readonly discount: number;
  /** Ledger units earned, net of claw-backs. */
  readonly earned: number;
  readonly available: number;
  readonly pending: number;
  readonly gifts: readonly string[];
  /** The last tier reached, when the program has tiers. */
  readonly tier: string | null;
  /** Reward cost to the business, minor units. */
  readonly cost: number;
  /** One line per effect, in order, saying what happened and why. */
  readonly reasons: readonly string[];
}

const date = (at: Millis): string => new Date(at).toISOString().slice(0, 10);

/** A sentence for one effect; the simulator's event log uses the same wording. */
export const describeEffect = (effect: Effect): string => {
  switch (effect.kind) {
    case "earn":
      return `+${effect.amount} ${effect.unit === "money" ? "money (minor units)" : "points"}${effect.availableAt !== undefined && effect.availableAt > effect.at ? `, usable from ${date(effect.availableAt)}` : ""}: ${effect.reason}`;
    case "redeem":
    case "expire":
    case "adjust":
      return `${effect.amount} ${effect.unit === "money" ? "money (minor units)" : "points"} (${effect.kind}): ${effect.reason}`;
    case "discount":
      return `${formatMinor(effect.amount)} off: ${effect.reason}`;
    case "gift":
      return `gift ${effect.item}: ${effect.reason}`;
    case "tier":
      return `tier ${effect.from ?? "none"} → ${effect.to ?? "none"}: ${effect.reason}`;
    case "note":
      return `nothing: ${effect.reason}`;
  }
};

const eventsOf = (c: PreviewCase, customerId: string): readonly ProgramEvent[] =>
  "events" in c
    ? c.events.map((event) => ({ ...event, customerId }))
    : [{ ...c.basket, kind: "order", id: `${customerId}-basket`, customerId }];

/** What each example customer or basket gets from a configured program, with the reasons. */
export const previewProgram = (program: Program, cases: readonly PreviewCase[]): PreviewOutcome[] =>
  cases.map((c, i) => {
    const customerId = `preview-${i + 1}`;
    const events = eventsOf(c, customerId);
    const result = replay(program, events, { keepEffects: true });
    const state = result.states.get(customerId);
    const end = events.reduce(
      (latest, event) => Math.max(latest, event.at),
      Number.MIN_SAFE_INTEGER,
    );
    let discount = 0;
    let earned = 0;
    let tier: string | null = null;
    const gifts: string[] = [];
    for (const effect of result.effects) {
      if (effect.kind === "discount") discount += effect.amount;
      else if (effect.kind === "earn") earned += effect.amount;
      else if (effect.kind === "adjust") earned += effect.amount;
      else if (effect.kind === "gift") gifts.push(effect.item);
      else if (effect.kind === "tier") tier = effect.to;
    }
    return {
      label: c.label,
      discount,
      earned,
      available: state === undefined ? 0 : availableBalance(state, end),
      pending: state === undefined ? 0 : pendingBalance(state, end),
      gifts,
      tier,
      cost: result.budgetUsed,
      reasons: result.effects.map(describeEffect),
    };
  });
