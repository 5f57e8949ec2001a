import {
  differenceInMeans,
  summarizeGroup,
  type Difference,
  type GroupSummary,
} from "./difference-ci";

/**
 * Difference-in-differences for a program without a control group: each customer's change (the
 * window after launch minus the same-length window before) for members against comparable
 * non-members. It is weaker evidence than a control group: it assumes both groups would have
 * moved alike without the program (parallel trends), which nothing here can check, and members were
 * chosen by the program's target rather than at random.
 */
export interface DiffInDiffGroups {
  readonly members: {
    readonly before: number;
    readonly after: number;
    readonly change: GroupSummary;
  };
  readonly comparison: {
    readonly before: number;
    readonly after: number;
    readonly change: GroupSummary;
  };
}

export interface DiffInDiff {
  /** Members' change minus the comparison group's change, with its interval. */
  readonly estimate: Difference | null;
  readonly membersBefore: number;
  readonly membersAfter: number;
  readonly comparisonBefore: number;
  readonly comparisonAfter: number;
}

export const diffInDiff = (groups: DiffInDiffGroups, level = 0.95): DiffInDiff => ({
  estimate: differenceInMeans(groups.members.change, groups.comparison.change, level),
  membersBefore: groups.members.before,
  membersAfter: groups.members.after,
  comparisonBefore: groups.comparison.before,
  comparisonAfter: groups.comparison.after,
});

export interface PanelRow {
  readonly member: boolean;
  readonly before: number;
  readonly after: number;
}

/** The same estimate from customer-level rows (what the database aggregates), for checking by hand. */
export const diffInDiffFromPanel = (rows: readonly PanelRow[], level = 0.95): DiffInDiff => {
  const side = (member: boolean) => {
    const own = rows.filter((r) => r.member === member);
    const mean = (v: readonly number[]) =>
      v.length === 0 ? 0 : v.reduce((s, x) => s + x, 0) / v.length;
    return {
      before: mean(own.map((r) => r.before)),
      after: mean(own.map((r) => r.after)),
      change: summarizeGroup(own.map((r) => r.after - r.before)),
    };
  };
  return diffInDiff({ members: side(true), comparison: side(false) }, level);
};

const pp = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} pp`;

/**
 * The plain statement for a difference-in-differences estimate on the repeat-purchase rate, always
 * naming it as weaker evidence than a control group.
 */
export const diffInDiffSentence = (repeat: Difference | null, windowWeeks: number): string => {
  const caveat =
    "Weaker evidence than a control group: it assumes members and comparable customers would have moved alike without the program.";
  if (repeat === null)
    return `Not measurable yet: it needs at least two members and two comparable customers who ordered in the 26 weeks before launch. ${caveat}`;
  const shown = `${pp(repeat.difference)}, 95% CI ${pp(repeat.low)} to ${pp(repeat.high)}`;
  if (repeat.significant && repeat.difference > 0)
    return `Members' repeat rate in the ${windowWeeks} weeks after launch rose more than comparable customers' (${shown}). ${caveat}`;
  if (repeat.significant)
    return `Members' repeat rate in the ${windowWeeks} weeks after launch fell behind comparable customers' (${shown}). ${caveat}`;
  return `No difference shown between members' and comparable customers' change in repeat rate (${shown}). ${caveat}`;
};
