import { z } from "zod";
import type { CustomerSummary, SummaryEnrollment } from "../summary";
import { describeRange, inRange, numberRange } from "../window";
import { programName, type ConditionFamily } from "./family";

const programId = z.int().positive("Pick a program");

export const enrollmentGroups = ["members", "control", "any"] as const;
export type EnrollmentGroup = (typeof enrollmentGroups)[number];
export const enrollmentGroupLabels: Record<EnrollmentGroup, string> = {
  members: "a member of",
  control: "in the control group of",
  any: "enrolled in (member or control)",
};

/**
 * Loyalty programs. Only enrollments made by `now` count, so membership is reproducible for a
 * date; a customer not enrolled in the program never matches (not even "balance at most 0").
 */
export const programCondition = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("programEnrollment"),
    programId,
    group: z.enum(enrollmentGroups),
  }),
  z.object({
    kind: z.literal("programTier"),
    programId,
    tiers: z.array(z.string().trim().min(1)).min(1, "Pick at least one tier"),
  }),
  z.object({ kind: z.literal("pointsBalance"), programId, range: numberRange }),
]);
export type ProgramCondition = z.infer<typeof programCondition>;

/** The customer's enrollment in a program as of `now` (none if they enrolled later). */
export function enrollmentAt(
  customer: CustomerSummary,
  programId: number,
  now: Date,
): SummaryEnrollment | undefined {
  return customer.programs.find(
    (e) => e.programId === programId && e.enrolledAt.getTime() <= now.getTime(),
  );
}

/**
 * Points usable at `now`: every points entry already effective and already available (entries
 * without an availability date are available at once). Expiries are entries of their own.
 */
export function pointsBalanceAt(enrollment: SummaryEnrollment, now: Date): number {
  const t = now.getTime();
  return enrollment.points
    .filter(
      (p) =>
        p.effectiveAt.getTime() <= t && (p.availableAt === null || p.availableAt.getTime() <= t),
    )
    .reduce((sum, p) => sum + p.amount, 0);
}

export const programFamily: ConditionFamily<ProgramCondition> = {
  kinds: ["programEnrollment", "programTier", "pointsBalance"],
  evaluate(c, s, now) {
    const e = enrollmentAt(s, c.programId, now);
    if (e === undefined) return false;
    switch (c.kind) {
      case "programEnrollment":
        return c.group === "any" || (c.group === "control") === e.isControl;
      case "programTier":
        return e.tier !== null && c.tiers.includes(e.tier);
      case "pointsBalance":
        return inRange(pointsBalanceAt(e, now), c.range);
    }
  },
  describe(c, names) {
    const program = programName(names, c.programId);
    switch (c.kind) {
      case "programEnrollment":
        return `Is ${enrollmentGroupLabels[c.group]} ${program}`;
      case "programTier":
        return `Tier ${c.tiers.join(", ")} in ${program}`;
      case "pointsBalance":
        return `Points balance ${describeRange(c.range)} in ${program}`;
    }
  },
  observe(c, s, now) {
    const e = enrollmentAt(s, c.programId, now);
    if (e === undefined) return "not enrolled";
    switch (c.kind) {
      case "programEnrollment":
        return e.isControl ? "control group" : "member";
      case "programTier":
        return e.tier === null ? "no tier" : `tier ${e.tier}`;
      case "pointsBalance":
        return `${pointsBalanceAt(e, now)} points`;
    }
  },
};
