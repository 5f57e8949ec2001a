export {
  audienceFilter,
  localDayNumber,
  type AcquisitionRange,
  type RetentionAudience,
} from "./scope";
export { cohortCountsFromFeatures } from "./cohorts";
export { cohortCountsFromOrders, type SalesChannel } from "./cohorts-from-orders";
export { cohortBracketsFromFeatures, cohortBracketsFromOrders } from "./cohort-brackets";
export { repeatRateFromFeatures } from "./repeat-rate";
export { CACHED_REPEAT_WITHIN_DAYS } from "./cache-keys";
export { purchaseGapsFromFeatures } from "./purchase-gaps";
export { churnTrendFromFeatures, churnTrendFromOrders } from "./churn";
export { monthlyActivityFromFeatures, revenueChurnFromFeatures } from "./monthly";
export {
  churnTrendForChannel,
  monthlyActivityForChannel,
  purchaseGapsForChannel,
  repeatRateForChannel,
  revenueChurnForChannel,
} from "./channel-metrics";
export { calibrationSummaries, type CalibrationRow } from "./predictions-calibration";
export {
  latestPredictionFit,
  storePredictionTotals,
  topCustomersByPredictedValue,
  type TopValueCustomer,
} from "./predictions-top";
