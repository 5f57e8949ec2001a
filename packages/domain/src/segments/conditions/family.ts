import type { CustomerSummary } from "../summary";

/**
 * A family of conditions: the kinds it defines, how each holds for a customer in memory, and how
 * it reads to a marketer. The SQL compiler in @boomerang/db has the matching family.
 */
export type ConditionFamily<C extends { kind: string }> = {
  kinds: readonly C["kind"][];
  evaluate(condition: C, customer: CustomerSummary, now: Date): boolean;
  describe(condition: C): string;
  /** The customer's own figure the condition looked at, for "why is this customer in the segment". */
  observe(condition: C, customer: CustomerSummary, now: Date): string;
};
