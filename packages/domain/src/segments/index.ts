export * from "./window";
export * from "./summary";
export * from "./registry";
export * from "./rule-tree";
export * from "./evaluate";
export * from "./rfm-groups";
export * from "./rfm-score";
export * from "./templates";
export * from "./contact-recommendation";
export type { ConditionFamily, SegmentNames } from "./conditions/family";
export { noNames, programName, storeName } from "./conditions/family";
export type { AttributeCondition } from "./conditions/attributes";
export type { BehaviourCondition } from "./conditions/behaviour";
export type { ActivityCondition } from "./conditions/activity";
export type { RfmCondition } from "./conditions/rfm";
export type { PredictionCondition } from "./conditions/prediction";
export type { ProgramCondition, EnrollmentGroup } from "./conditions/programs";
export {
  enrollmentGroups,
  enrollmentGroupLabels,
  pointsBalanceAt,
  enrollmentAt,
} from "./conditions/programs";
