export type Objective = "roi" | "retention" | "revenue";

export const objectiveLabels: Readonly<Record<Objective, string>> = {
  roi: "ROI",
  retention: "retention",
  revenue: "incremental revenue",
};

export interface RecommendationInput {
  readonly objective: Objective;
  /** Candidate labels in base ranking order, best first. */
  readonly ranking: readonly string[];
  /** Share of bootstrap resamples in which each candidate came first, by label. */
  readonly bestShare: Readonly<Record<string, number>>;
  /** The best candidate when assumed effects are halved and raised by half. */
  readonly bestWhenLow: string;
  readonly bestWhenHigh: string;
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** How sure, in words, from the share of resamples the best candidate won. */
export const certaintyWords = (share: number): string =>
  share >= 0.9 ? "fairly sure" : share >= 0.7 ? "likely, not certain" : "too close to call";

/**
 * One plain sentence naming the best candidate on the objective and how sure that is: resampling
 * the customers says how much the answer rests on a few of them; the sensitivity band says how
 * much it rests on the assumed behaviour.
 */
export const recommend = (input: RecommendationInput): string => {
  const best = input.ranking[0];
  if (best === undefined) return "No candidate to recommend.";
  const label = objectiveLabels[input.objective];
  const share = input.bestShare[best] ?? 0;
  const runnerUp = input.ranking[1];
  const head =
    share >= 0.7
      ? `On ${label}, ${best} is the best candidate (${certaintyWords(share)}: first in ${pct(share)} of resamples of your customers)`
      : `On ${label}, ${best} leads but it is ${certaintyWords(share)}: first in only ${pct(share)} of resamples${
          runnerUp === undefined ? "" : `, ${runnerUp} in ${pct(input.bestShare[runnerUp] ?? 0)}`
        }`;
  const moved = [
    input.bestWhenLow !== best &&
      `${input.bestWhenLow} comes first if the assumed behaviour is halved`,
    input.bestWhenHigh !== best && `${input.bestWhenHigh} comes first if it is 1.5 times as strong`,
  ].filter((part): part is string => typeof part === "string");
  const tail =
    moved.length === 0
      ? "and it stays first when the assumed behaviour is halved or raised by half"
      : `but ${moved.join(", and ")}`;
  return `${head}, ${tail}.`;
};
