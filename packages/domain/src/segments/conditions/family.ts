import type { CustomerSummary } from "../summary";

/**
 * Names of the things conditions refer to by id (programs, stores), so a rule reads
 * "member of Punti Boomerang" rather than "member of program #1". Ids without a name fall back
 * to "#id".
 */
export type SegmentNames = {
  programs?: ReadonlyMap<number, string>;
  stores?: ReadonlyMap<number, string>;
};

export const noNames: SegmentNames = {};

/** "Punti Boomerang" when the id has a name, "program #7" otherwise. */
export function programName(names: SegmentNames, id: number): string {
  return names.programs?.get(id) ?? `program #${id}`;
}

/** "Milano Centro" when the id has a name, "store #3" otherwise. */
export function storeName(names: SegmentNames, id: number): string {
  return names.stores?.get(id) ?? `store #${id}`;
}

/**
 * A family of conditions: the kinds it defines, how each holds for a customer in memory, and how
 * it reads to a marketer. The SQL compiler in @boomerang/db has the matching family.
 */
export type ConditionFamily<C extends { kind: string }> = {
  kinds: readonly C["kind"][];
  evaluate(condition: C, customer: CustomerSummary, now: Date): boolean;
  describe(condition: C, names: SegmentNames): string;
  /** The customer's own figure the condition looked at, for "why is this customer in the segment". */
  observe(condition: C, customer: CustomerSummary, now: Date, names: SegmentNames): string;
};
