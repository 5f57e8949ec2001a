import { sql } from "drizzle-orm";
import type { PredictionCondition, RfmCondition } from "@boomerang/domain/segments";
import { rangeSql, textArray, type ConditionCompilers } from "../compile-context";

const scoreColumn = {
  recency: sql`cf.recency_score`,
  frequency: sql`cf.frequency_score`,
  monetary: sql`cf.monetary_score`,
};

/** RFM scores and predictions are columns of customer_features, filled by their own jobs. */
export const rfmCompilers: ConditionCompilers<RfmCondition> = {
  rfmScore: (c) => rangeSql(scoreColumn[c.score], c.range),
  rfmGroup: (c) => sql`cf.rfm_group = any(${textArray(c.groups)})`,
};

export const predictionCompilers: ConditionCompilers<PredictionCondition> = {
  probabilityActive: (c) => rangeSql(sql`cf.probability_active`, c.range),
  expectedRevenue12m: (c) => rangeSql(sql`cf.expected_revenue_12m`, c.range),
};
