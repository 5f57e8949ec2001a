import { noNames, type SegmentNames } from "./conditions/family";
import { familyOf } from "./registry";
import { isGroup, isNot, type SegmentNode } from "./rule-tree";
import type { CustomerSummary } from "./summary";

/** Whether a customer belongs to the segment as of `now`. An empty AND is true, an empty OR false. */
export function evaluateSegment(node: SegmentNode, customer: CustomerSummary, now: Date): boolean {
  if (isGroup(node)) {
    return node.kind === "and"
      ? node.children.every((child) => evaluateSegment(child, customer, now))
      : node.children.some((child) => evaluateSegment(child, customer, now));
  }
  if (isNot(node)) return !evaluateSegment(node.child, customer, now);
  return familyOf(node).evaluate(node, customer, now);
}

export type Explanation = {
  label: string;
  holds: boolean;
  /** The customer's own figure, for conditions. */
  observed?: string;
  children: Explanation[];
};

/**
 * "Why is this customer in the segment": every node with whether it held and what it looked at.
 * `names` turns program and store ids into their names.
 */
export function explainSegment(
  node: SegmentNode,
  customer: CustomerSummary,
  now: Date,
  names: SegmentNames = noNames,
): Explanation {
  if (isGroup(node)) {
    const children = node.children.map((child) => explainSegment(child, customer, now, names));
    const holds =
      node.kind === "and" ? children.every((c) => c.holds) : children.some((c) => c.holds);
    return { label: node.kind === "and" ? "All of" : "Any of", holds, children };
  }
  if (isNot(node)) {
    const inner = explainSegment(node.child, customer, now, names);
    return { label: "Not", holds: !inner.holds, children: [inner] };
  }
  const family = familyOf(node);
  return {
    label: family.describe(node, names),
    holds: family.evaluate(node, customer, now),
    observed: family.observe(node, customer, now, names),
    children: [],
  };
}

/** The rule tree in words; `names` turns program and store ids into their names. */
export function describeSegment(node: SegmentNode, names: SegmentNames = noNames): string {
  if (isGroup(node)) {
    if (node.children.length === 0) return node.kind === "and" ? "Everyone" : "No one";
    const parts = node.children.map((child) => describeSegment(child, names));
    return `(${parts.join(node.kind === "and" ? " and " : " or ")})`;
  }
  if (isNot(node)) return `not ${describeSegment(node.child, names)}`;
  return familyOf(node).describe(node, names);
}
