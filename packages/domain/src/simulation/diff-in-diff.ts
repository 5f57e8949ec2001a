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
