import { summarizeProgram } from "../programs";
import { candidateMetrics, type CandidateMetrics } from "./candidate-metrics";
import { candidateSeries } from "./candidate-series";
import type { CandidateResult, ComparisonResult, PreparedComparison } from "./comparison";
import type { Objective } from "./recommendation";
import { recommend } from "./recommendation";
import { percentileInterval, resampleWeights } from "./bootstrap";
import type { CandidateOutcome } from "./outcome";
import { monthStarts } from "./outcome";
import { scaleAssumptions } from "./response-model";

const intervalKeys = [
  "participants",
  "rewardCost",
  "liability",
  "totalCost",
  "incrementalOrders",
  "incrementalRevenue",
  "retentionChange",
  "costPerRetained",
  "roi",
] as const satisfies readonly (keyof CandidateMetrics)[];

export const objectiveValue = (metrics: CandidateMetrics, objective: Objective): number | null => {
  switch (objective) {
    case "roi":
      return metrics.roi;
    case "retention":
      return metrics.retentionChange;
    case "revenue":
      return metrics.incrementalRevenue;
  }
};

// Best first; a candidate without a value (nothing spent: no ROI) ranks last. Ties keep input order.
const rankOf = (labels: readonly string[], values: readonly (number | null)[]): string[] =>
  labels
    .map((label, i) => ({ label, value: values[i] ?? null, i }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.i - b.i)
    .map((x) => x.label);

/** Side-by-side figures, 90% intervals, sensitivity band, ranking and the recommendation. */
export const summarizeComparison = (prepared: PreparedComparison): ComparisonResult => {
  const { input, programs, outcomes, history, period } = prepared;
  const objective = input.objective;
  const labels = input.candidates.map((c) => c.label);
  const outcomeOf = (k: number): CandidateOutcome => outcomes[k] as CandidateOutcome;
  const typeOf = (k: number): string => (programs[k] as (typeof programs)[number]).typeId;
  const base = programs.map((_, k) => candidateMetrics(outcomeOf(k), input.model, typeOf(k), null));
  const scaled = (factor: number): (number | null)[] =>
    programs.map((_, k) =>
      objectiveValue(
        candidateMetrics(
          outcomeOf(k),
          scaleAssumptions(input.model, factor),
          typeOf(k),
          null,
          factor,
        ),
        objective,
      ),
    );
  const low = scaled(0.5);
  const high = scaled(1.5);

  const draws = programs.map(
    () =>
      Object.fromEntries(intervalKeys.map((key) => [key, [] as number[]])) as Record<
        (typeof intervalKeys)[number],
        number[]
      >,
  );
  const wins = programs.map(() => 0);
  for (const weights of resampleWeights(history.customerIds.length, input.resamples, input.seed)) {
    const values = programs.map((_, k) => {
      const m = candidateMetrics(outcomeOf(k), input.model, typeOf(k), weights);
      for (const key of intervalKeys) {
        const v = m[key];
        if (v !== null) draws[k]![key].push(v);
      }
      return objectiveValue(m, objective);
    });
    const winner = labels.indexOf(rankOf(labels, values)[0] as string);
    wins[winner]! += 1;
  }

  const baseRanking = rankOf(
    labels,
    base.map((m) => objectiveValue(m, objective)),
  );
  const lowRanking = rankOf(labels, low);
  const highRanking = rankOf(labels, high);
  const bestShare = Object.fromEntries(
    labels.map((label, k) => [label, (wins[k] as number) / input.resamples]),
  );
  const candidates: CandidateResult[] = programs.map((program, k) => {
    const summary = summarizeProgram(program.typeId, program.params);
    return {
      label: labels[k] as string,
      typeId: program.typeId,
      typeName: program.type.name,
      summary: summary.ok ? summary.value : "",
      strengths: program.type.strengths,
      weaknesses: program.type.weaknesses,
      metrics: base[k] as CandidateMetrics,
      // A metric with no value in any resample (no ROI when nothing is spent) gets no interval.
      intervals: Object.fromEntries(
        intervalKeys
          .filter((key) => draws[k]![key].length > 0)
          .map((key) => [key, percentileInterval(draws[k]![key], 0.9)]),
      ),
      series: candidateSeries(outcomeOf(k), input.model, program.typeId),
      sensitivity: {
        low: low[k] ?? null,
        base: objectiveValue(base[k] as CandidateMetrics, objective),
        high: high[k] ?? null,
      },
      bestShare: bestShare[labels[k] as string] ?? 0,
    };
  });
  return {
    period,
    monthStarts: monthStarts(period),
    customers: history.customerIds.length,
    orders: history.orderIds.length,
    objective,
    candidates,
    ranking: {
      base: baseRanking,
      low: lowRanking,
      high: highRanking,
      changes:
        lowRanking.join("\u0000") !== baseRanking.join("\u0000") ||
        highRanking.join("\u0000") !== baseRanking.join("\u0000"),
    },
    recommendation: recommend({
      objective,
      ranking: baseRanking,
      bestShare,
      bestWhenLow: lowRanking[0] as string,
      bestWhenHigh: highRanking[0] as string,
    }),
    resamples: input.resamples,
  };
};
