import { describe, expect, it } from "vitest";
import type { ProgramEvent } from "./events";
import { availableBalance, pendingBalance } from "./ledger";
import { createProgram } from "./parse";
import { programTypes } from "./registry";
import { replay } from "./replay";

const lastAt = (events: readonly ProgramEvent[]): number =>
  events.reduce((m, e) => Math.max(m, e.at), 0);

describe("documented examples", () => {
  for (const type of programTypes.values()) {
    it(`${type.id} documents at least one example`, () => {
      expect(type.examples.length).toBeGreaterThan(0);
    });

    for (const example of type.examples) {
      it(`${type.id}: ${example.title}`, () => {
        const created = createProgram(type.id, example.params);
        if (!created.ok) throw new Error(created.errors.join("; "));
        const result = replay(created.value, example.events, { keepEffects: true });
        const { expect: want } = example;
        const effects = result.effects;
        if (want.discount !== undefined) {
          const discount = effects.reduce(
            (sum, e) => sum + (e.kind === "discount" ? e.amount : 0),
            0,
          );
          expect(discount).toBe(want.discount);
        }
        if (want.gifts !== undefined)
          expect(effects.flatMap((e) => (e.kind === "gift" ? [e.item] : []))).toEqual(want.gifts);
        if (want.tier !== undefined) {
          const tiers = effects.flatMap((e) => (e.kind === "tier" ? [e.to] : []));
          expect(tiers.at(-1) ?? null).toBe(want.tier);
        }
        const first = example.events[0];
        const state = first === undefined ? undefined : result.states.get(first.customerId);
        const now = lastAt(example.events);
        if (want.available !== undefined)
          expect(state === undefined ? 0 : availableBalance(state, now)).toBe(want.available);
        if (want.pending !== undefined)
          expect(state === undefined ? 0 : pendingBalance(state, now)).toBe(want.pending);
      });
    }
  }
});
