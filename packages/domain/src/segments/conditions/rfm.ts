import { z } from "zod";
import { rfmGroupLabels, rfmGroups } from "../rfm-groups";
import { describeRange, inRange, numberRange } from "../window";
import type { ConditionFamily } from "./family";

const score = numberRange.refine((r) => (r.min ?? 1) >= 1 && (r.max ?? 5) <= 5, {
  message: "RFM scores run from 1 to 5",
});

/** RFM scores and groups as last scored (customers who never ordered have none and never match). */
export const rfmCondition = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("rfmScore"),
    score: z.enum(["recency", "frequency", "monetary"]),
    range: score,
  }),
  z.object({
    kind: z.literal("rfmGroup"),
    groups: z.array(z.enum(rfmGroups)).min(1, "Pick at least one RFM group"),
  }),
]);
export type RfmCondition = z.infer<typeof rfmCondition>;

export const rfmFamily: ConditionFamily<RfmCondition> = {
  kinds: ["rfmScore", "rfmGroup"],
  evaluate(c, s) {
    if (s.rfm === null) return false;
    if (c.kind === "rfmScore") return inRange(s.rfm[c.score], c.range);
    return (c.groups as string[]).includes(s.rfm.group);
  },
  describe(c) {
    if (c.kind === "rfmScore")
      return `${c.score[0]!.toUpperCase()}${c.score.slice(1)} score ${describeRange(c.range)}`;
    return `RFM group: ${c.groups.map((g) => rfmGroupLabels[g]).join(", ")}`;
  },
  observe(c, s) {
    if (s.rfm === null) return "not scored (no orders)";
    return `R${s.rfm.recency} F${s.rfm.frequency} M${s.rfm.monetary}, ${rfmGroupLabels[s.rfm.group as keyof typeof rfmGroupLabels] ?? s.rfm.group}`;
  },
};
