import { z } from "zod";
import { segmentCondition, type SegmentCondition } from "./registry";

/** A segment: nested AND / OR groups and NOT, with conditions as leaves. */
export type SegmentGroup = { kind: "and" | "or"; children: SegmentNode[] };
export type SegmentNot = { kind: "not"; child: SegmentNode };
export type SegmentNode = SegmentGroup | SegmentNot | SegmentCondition;

export const MAX_DEPTH = 8;

export const segmentNode: z.ZodType<SegmentNode> = z.lazy(() =>
  z.union([
    z.object({
      kind: z.enum(["and", "or"]),
      children: z.array(segmentNode).max(50, "A group holds at most 50 items"),
    }),
    z.object({ kind: z.literal("not"), child: segmentNode }),
    segmentCondition,
  ]),
);

const depth = (node: SegmentNode): number =>
  node.kind === "and" || node.kind === "or"
    ? 1 + Math.max(0, ...node.children.map(depth))
    : node.kind === "not"
      ? 1 + depth(node.child)
      : 0;

/** The rule tree as stored and sent over the API. An empty AND matches everyone. */
export const segmentRules = segmentNode.refine((node) => depth(node) <= MAX_DEPTH, {
  message: `Rules nest at most ${MAX_DEPTH} levels deep`,
});

export const isGroup = (node: SegmentNode): node is SegmentGroup =>
  node.kind === "and" || node.kind === "or";
export const isNot = (node: SegmentNode): node is SegmentNot => node.kind === "not";
