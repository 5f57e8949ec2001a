import type { Difference } from "./difference-ci";
import { defaultFrequencyLift } from "./response-model";
import { sampleSize, weeksNeeded } from "./sample-size";

/**
 * The expected effect on the repeat-purchase rate, when the user gives none: the program type's
 * assumed frequency lift from the simulator's response model (e.g. points +5% of orders) read as
 * the same relative lift of the control group's repeat rate, so 40% × 5% = +2.0 percentage points.
 * It is an assumption, not a measurement, which is why the page lets the user enter their own.
 * Rounded to 0.1 point, and never below 0.5 point (smaller effects need more customers than most
 * businesses have).
 */
export const defaultExpectedLift = (typeId: string, controlRepeatRate: number): number => {
  const relative = defaultFrequencyLift[typeId] ?? 0.05;
  const absolute = Math.round(controlRepeatRate * relative * 1000) / 1000;
  return Math.max(0.005, absolute);
};

export type LiftStatus = "effect" | "harm" | "no-effect" | "too-early" | "not-measurable";

export interface LiftVerdictInput {
  /** Members minus control on the repeat-purchase rate; null when a group has under two customers. */
  readonly repeat: Difference | null;
  /** The control group's repeat rate in the window: the baseline without the program. */
  readonly controlRate: number;
  /** Customers (members + control) who have completed the window and are measured. */
  readonly measured: number;
  /** Every customer enrolled so far, measured or not. */
  readonly enrolled: number;
  /** Control share of the enrolled customers, 0–1. */
  readonly controlShare: number;
  /** Customers enrolled per week lately; 0 when enrolment has stopped. */
  readonly weeklyEnrolments: number;
  readonly windowWeeks: number;
  /** Absolute lift on the repeat rate the program is expected to make, e.g. 0.02. */
  readonly expectedLift: number;
  /** The program has ended: no more customers will enrol or complete their window. */
  readonly ended?: boolean;
}

export interface LiftVerdict {
  readonly status: LiftStatus;
  readonly sentence: string;
  /** Customers needed to detect the expected lift (5% significance, 80% power); null if unknown. */
  readonly neededCustomers: number | null;
  /**
   * More weeks of data before the expected lift could be detected: 0 when there are enough
   * measured customers; an upper bound when the customers are enrolled but still inside their
   * window; null when enrolment has stopped short of the number needed.
   */
  readonly weeksMore: number | null;
}

const pp = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} pp`;
const interval = (d: Difference): string => `95% CI ${pp(d.low)} to ${pp(d.high)}`;

/** Whether the program has shown an effect on repeat purchases yet, in one plain sentence. */
export const liftVerdict = (input: LiftVerdictInput): LiftVerdict => {
  const w = input.windowWeeks;
  const size =
    input.controlRate > 0 &&
    input.controlRate < 1 &&
    input.controlShare > 0 &&
    input.controlShare < 1
      ? sampleSize({
          baselineRate: input.controlRate,
          expectedLift: input.expectedLift,
          controlShare: input.controlShare,
        })
      : null;
  const needed = size?.ok ? size.value.total : null;
  let weeksMore: number | null = null;
  if (needed !== null) {
    if (input.measured >= needed) weeksMore = 0;
    else if (input.ended) weeksMore = null;
    else if (input.enrolled >= needed) weeksMore = w;
    else weeksMore = weeksNeeded(needed - input.enrolled, input.weeklyEnrolments, w);
  }
  const expected = pp(input.expectedLift);
  const base = { neededCustomers: needed, weeksMore };
  const d = input.repeat;
  if (d === null)
    return {
      status: "not-measurable",
      sentence: `Not measurable yet: members and control need at least two customers each who have completed the ${w}-week window after enrolling.`,
      ...base,
    };
  const shown = `${pp(d.difference)}, ${interval(d)}`;
  if (d.significant && d.difference > 0)
    return {
      status: "effect",
      sentence: `Yes: members made a repeat purchase within ${w} weeks more often than the control group (${shown}).`,
      ...base,
    };
  if (d.significant)
    return {
      status: "harm",
      sentence: `No: members made a repeat purchase less often than the control group (${shown}); the program has not helped repeat purchases.`,
      ...base,
    };
  if (needed === null)
    return {
      status: "too-early",
      sentence: `Not shown yet (${shown}): the difference could still be chance, and with a control repeat rate of ${(input.controlRate * 100).toFixed(1)}% the customers needed cannot be estimated.`,
      ...base,
    };
  if (weeksMore === 0)
    return {
      status: "no-effect",
      sentence: `No effect shown: with ${input.measured} customers measured, an effect of the expected ${expected} would most likely have been detected (80% power); the true effect is within ${interval(d)}.`,
      ...base,
    };
  const wait =
    weeksMore === null && input.ended
      ? `the program has ended short of that, so this result will not get any sharper`
      : weeksMore === null
        ? `enrolment has stopped short of that, so it will not get there without a larger control group or more customers`
        : input.enrolled >= needed
          ? `at most ${weeksMore} more weeks of data, while the customers already enrolled complete their window`
          : weeksMore > 104
            ? `over two years more at the current ${Math.round(input.weeklyEnrolments)} enrolments a week (about ${weeksMore} weeks), so a larger control group or a larger expected effect is needed to decide sooner`
            : `about ${weeksMore} more weeks of data at the current ${Math.round(input.weeklyEnrolments)} enrolments a week`;
  return {
    status: "too-early",
    sentence: `Not yet (${shown}): the difference could still be chance. Detecting the expected ${expected} needs about ${needed} customers (${input.measured} measured so far): ${wait}.`,
    ...base,
  };
};
