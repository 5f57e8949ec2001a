import { z } from "zod";
import { describeRange, inRange, numberRange } from "../window";
import type { ConditionFamily } from "./family";

/** Predicted value from the analytics models; customers not yet predicted never match. */
export const predictionCondition = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("probabilityActive"),
    range: numberRange.refine((r) => (r.min ?? 0) >= 0 && (r.max ?? 1) <= 1, {
      message: "A probability runs from 0 to 1",
    }),
  }),
  z.object({ kind: z.literal("expectedRevenue12m"), range: numberRange }),
]);
export type PredictionCondition = z.infer<typeof predictionCondition>;

export const predictionFamily: ConditionFamily<PredictionCondition> = {
  kinds: ["probabilityActive", "expectedRevenue12m"],
  evaluate(c, s) {
    if (s.prediction === null) return false;
    return inRange(
      c.kind === "probabilityActive"
        ? s.prediction.probabilityActive
        : s.prediction.expectedRevenue12m,
      c.range,
    );
  },
  describe(c) {
    return c.kind === "probabilityActive"
      ? `Probability still active ${describeRange(c.range)}`
      : `Expected 12-month value ${describeRange(c.range)} (minor units)`;
  },
  observe(c, s) {
    if (s.prediction === null) return "no prediction yet";
    return c.kind === "probabilityActive"
      ? `probability active ${s.prediction.probabilityActive.toFixed(2)}`
      : `expected 12-month value ${Math.round(s.prediction.expectedRevenue12m)}`;
  },
};
