import { z } from "zod";
import { activityCondition, activityFamily } from "./conditions/activity";
import { attributeCondition, attributeFamily } from "./conditions/attributes";
import { behaviourCondition, behaviourFamily } from "./conditions/behaviour";
import type { ConditionFamily } from "./conditions/family";
import { predictionCondition, predictionFamily } from "./conditions/prediction";
import { programCondition, programFamily } from "./conditions/programs";
import { rfmCondition, rfmFamily } from "./conditions/rfm";

/** Every condition a segment can use. Adding a family: its file, plus one line here and below. */
export const segmentCondition = z.union([
  attributeCondition,
  behaviourCondition,
  activityCondition,
  rfmCondition,
  predictionCondition,
  programCondition,
]);
export type SegmentCondition = z.infer<typeof segmentCondition>;
export type ConditionKind = SegmentCondition["kind"];

const families = [
  attributeFamily,
  behaviourFamily,
  activityFamily,
  rfmFamily,
  predictionFamily,
  programFamily,
] as const;

const byKind = new Map<string, ConditionFamily<SegmentCondition>>();
for (const family of families) {
  for (const kind of family.kinds)
    byKind.set(kind, family as unknown as ConditionFamily<SegmentCondition>);
}

export function familyOf(condition: SegmentCondition): ConditionFamily<SegmentCondition> {
  const family = byKind.get(condition.kind);
  if (family === undefined) throw new Error(`No condition family defines "${condition.kind}"`);
  return family;
}

export const conditionKinds = [...byKind.keys()] as ConditionKind[];
