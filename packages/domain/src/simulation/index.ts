export type { OrderHistory, SimulationPeriod } from "./history";
export { checkHistory, customerCount, orderCount } from "./history";
export type { ResponseModel, ResponseModelInput } from "./response-model";
export {
  defaultFrequencyLift,
  responseModel,
  responseModelSources,
  scaleAssumptions,
} from "./response-model";
export type { CandidateInput, ComparisonInput, ComparisonInputRaw } from "./comparison-input";
export { candidateInput, comparisonInput, objectives } from "./comparison-input";
export type { CandidateResult, ComparisonResult, Prepared, PreparedComparison } from "./comparison";
export { comparisonSteps, prepareComparison, simulateComparison } from "./comparison";
export { summarizeComparison } from "./summarize-comparison";
export type { CandidateMetrics } from "./candidate-metrics";
export type { CandidateSeries, MonthPoint } from "./candidate-series";
export type { Objective } from "./recommendation";
export { certaintyWords, objectiveLabels, recommend } from "./recommendation";
export type { Interval } from "./bootstrap";
export { percentileInterval, quantile, resampleWeights } from "./bootstrap";
export { mulberry32 } from "./prng";
export type { SampleSize, SampleSizeInput, SampleSizeResult } from "./sample-size";
export { sampleSize, weeksNeeded } from "./sample-size";
export type { Difference, GroupSummary } from "./difference-ci";
export { differenceInMeans, summarizeGroup } from "./difference-ci";
export { normalQuantile } from "./normal";
export type { CurveCounts, CurvePoint, LiftGroups, MeasuredLift } from "./measured-lift";
export { measuredLift, proportionSummary, retentionCurves } from "./measured-lift";
export type { DiffInDiff, DiffInDiffGroups, PanelRow } from "./diff-in-diff";
export { diffInDiff, diffInDiffFromPanel, diffInDiffSentence } from "./diff-in-diff";
export type { LiftStatus, LiftVerdict, LiftVerdictInput } from "./lift-verdict";
export { defaultExpectedLift, liftVerdict } from "./lift-verdict";
