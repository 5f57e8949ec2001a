import { createProgram, type Program } from "../programs";
import type { CandidateMetrics } from "./candidate-metrics";
import type { CandidateSeries } from "./candidate-series";
import type { ComparisonInput } from "./comparison-input";
import { checkHistory, type OrderHistory, type SimulationPeriod } from "./history";
import { type CandidateOutcome, emptyOutcome } from "./outcome";
import { replayCandidateChunk } from "./replay-candidate";
import { summarizeComparison } from "./summarize-comparison";

export interface PreparedComparison {
  readonly input: ComparisonInput;
  readonly history: OrderHistory;
  readonly period: SimulationPeriod;
  readonly programs: readonly Program[];
  readonly outcomes: readonly CandidateOutcome[];
}

export type Prepared =
  | { readonly ok: true; readonly value: PreparedComparison }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Checks the candidates and the history and compiles the programs, before any replay. */
export const prepareComparison = (
  input: ComparisonInput,
  history: OrderHistory,
  period: SimulationPeriod,
): Prepared => {
  const errors: string[] = [];
  if (!(period.to > period.from)) errors.push("the period must end after it starts");
  const historyError = checkHistory(history);
  if (historyError !== null) errors.push(historyError);
  const programs: Program[] = [];
  for (const candidate of input.candidates) {
    const program = createProgram(candidate.typeId, candidate.params);
    if (program.ok) programs.push(program.value);
    else errors.push(...program.errors.map((e) => `${candidate.label}: ${e}`));
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      input,
      history,
      period,
      programs,
      outcomes: programs.map(() => emptyOutcome(history, period)),
    },
  };
};

/**
 * The replay work as steps a background job runs one at a time, yielding between them: each is
 * one candidate over one chunk of customers (the whole history for a program with a budget cap).
 */
export const comparisonSteps = (prepared: PreparedComparison, chunkSize = 4000): (() => void)[] => {
  const n = prepared.history.customerIds.length;
  const steps: (() => void)[] = [];
  prepared.programs.forEach((program, k) => {
    const size = program.common.budgetCap > 0 ? Math.max(n, 1) : chunkSize;
    for (let from = 0; from < Math.max(n, 1); from += size) {
      const range = { from, to: Math.min(n, from + size) };
      steps.push(() =>
        replayCandidateChunk(
          program,
          prepared.history,
          prepared.period,
          prepared.input.model,
          prepared.input.seed,
          range,
          prepared.outcomes[k] as CandidateOutcome,
        ),
      );
    }
  });
  return steps;
};

export interface CandidateResult {
  readonly label: string;
  readonly typeId: string;
  readonly typeName: string;
  readonly summary: string;
  readonly strengths: readonly string[];
  readonly weaknesses: readonly string[];
  readonly metrics: CandidateMetrics;
  /** 90% bootstrap intervals over customers, by metric name. */
  readonly intervals: Readonly<
    Partial<Record<keyof CandidateMetrics, { readonly low: number; readonly high: number }>>
  >;
  readonly series: CandidateSeries;
  /** The objective's value with the assumed behaviour halved and raised by half. */
  readonly sensitivity: {
    readonly low: number | null;
    readonly base: number | null;
    readonly high: number | null;
  };
  /** Share of resamples in which this candidate came first on the objective. */
  readonly bestShare: number;
}

export interface ComparisonResult {
  readonly period: SimulationPeriod;
  readonly monthStarts: readonly number[];
  readonly customers: number;
  readonly orders: number;
  readonly objective: ComparisonInput["objective"];
  readonly candidates: readonly CandidateResult[];
  /** Labels best first: with the model as given, halved and raised by half. */
  readonly ranking: {
    readonly base: readonly string[];
    readonly low: readonly string[];
    readonly high: readonly string[];
    readonly changes: boolean;
  };
  readonly recommendation: string;
  readonly resamples: number;
}

/** Runs every step at once: for tests, benchmarks and small histories. */
export const simulateComparison = (
  input: ComparisonInput,
  history: OrderHistory,
  period: SimulationPeriod,
):
  | { readonly ok: true; readonly value: ComparisonResult }
  | { readonly ok: false; readonly errors: readonly string[] } => {
  const prepared = prepareComparison(input, history, period);
  if (!prepared.ok) return prepared;
  for (const step of comparisonSteps(prepared.value)) step();
  return { ok: true, value: summarizeComparison(prepared.value) };
};
