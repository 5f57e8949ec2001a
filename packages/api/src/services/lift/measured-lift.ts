import type { Database } from "@boomerang/db";
import {
  controlledLiftGroups,
  diffInDiffGroups,
  measuredPrograms,
  retentionCurveCounts,
  type CurveRow,
  type DiffInDiffRow,
  type LiftGroupRow,
  type MeasuredProgram,
} from "@boomerang/db/queries/lift/index";
import { programTypes } from "@boomerang/domain/programs";
import {
  defaultExpectedLift,
  diffInDiff,
  diffInDiffSentence,
  liftVerdict,
  measuredLift,
  proportionSummary,
  retentionCurves,
  type CurvePoint,
  type DiffInDiff,
  type LiftVerdict,
  type MeasuredLift,
} from "@boomerang/domain/simulation";

/** Weeks of the retention curves: a year, the length of the demo's finished programs. */
export const CURVE_WEEKS = 52;

export type LiftOptions = {
  now: Date;
  windowWeeks: number;
  /** Expected absolute lift on the repeat rate for every program; null: each type's default. */
  expectedLift: number | null;
};

type GroupFigures = {
  enrolled: number;
  measured: number;
  repeatRate: number | null;
  ordersPerCustomer: number | null;
  revenuePerCustomer: number | null;
};

type ProgramBase = {
  id: number;
  name: string;
  type: string;
  typeName: string;
  status: MeasuredProgram["status"];
  controlShareBp: number;
  launchedAt: Date | null;
  until: Date;
};

export type ControlledLift = ProgramBase & {
  method: "control";
  members: GroupFigures;
  control: GroupFigures;
  lift: MeasuredLift;
  curve: CurvePoint[];
  expectedLift: number;
  expectedLiftSource: "type" | "entered";
  verdict: LiftVerdict;
};

type DidSide = {
  customers: number;
  repeatBefore: number;
  repeatAfter: number;
  ordersBefore: number;
  ordersAfter: number;
  revenueBefore: number;
  revenueAfter: number;
};

export type DiffInDiffLift = ProgramBase & {
  method: "diff-in-diff";
  enrolled: number;
  /** When the window after launch ends: the estimate exists from then on. */
  measurableFrom: Date | null;
  members: DidSide | null;
  comparison: DidSide | null;
  /** True: comparable customers of the members' home stores; false: of every store; null: none. */
  comparisonFromSameStores: boolean | null;
  repeat: DiffInDiff | null;
  orders: DiffInDiff | null;
  revenue: DiffInDiff | null;
  sentence: string;
};

export type ProgramLift = ControlledLift | DiffInDiffLift;

export type LiftReport = { windowWeeks: number; curveWeeks: number; programs: ProgramLift[] };

const WEEK_MS = 7 * 24 * 3600 * 1000;

const figures = (row: LiftGroupRow | undefined): GroupFigures => {
  const measured = row?.measured ?? 0;
  return {
    enrolled: row?.enrolled ?? 0,
    measured,
    repeatRate: measured > 0 ? row!.repeaters / measured : null,
    ordersPerCustomer: measured > 0 ? row!.ordersMean : null,
    revenuePerCustomer: measured > 0 ? row!.revenueMean : null,
  };
};

const summary = (n: number, mean: number, variance: number) => ({ n, mean, variance });

function controlled(
  program: ProgramBase,
  rows: readonly LiftGroupRow[],
  curveRows: readonly CurveRow[],
  options: LiftOptions,
): ControlledLift {
  const m = rows.find((r) => !r.isControl);
  const c = rows.find((r) => r.isControl);
  const side = (row: LiftGroupRow | undefined) => ({
    repeat: proportionSummary(row?.measured ?? 0, row?.repeaters ?? 0),
    orders: summary(row?.measured ?? 0, row?.ordersMean ?? 0, row?.ordersVariance ?? 0),
    revenue: summary(row?.measured ?? 0, row?.revenueMean ?? 0, row?.revenueVariance ?? 0),
  });
  const members = side(m);
  const control = side(c);
  const lift = measuredLift({
    repeat: { members: members.repeat, control: control.repeat },
    orders: { members: members.orders, control: control.orders },
    revenue: { members: members.revenue, control: control.revenue },
  });
  const counts = (isControl: boolean) => {
    const own = curveRows.filter((r) => r.isControl === isControl);
    return { observed: own.map((r) => r.observed), repeated: own.map((r) => r.repeated) };
  };
  const enrolled = (m?.enrolled ?? 0) + (c?.enrolled ?? 0);
  const controlRate = control.repeat.mean;
  const expectedLift = options.expectedLift ?? defaultExpectedLift(program.type, controlRate);
  const ended = program.status === "ended";
  return {
    ...program,
    method: "control",
    members: figures(m),
    control: figures(c),
    lift,
    curve: retentionCurves(counts(false), counts(true)),
    expectedLift,
    expectedLiftSource: options.expectedLift === null ? "type" : "entered",
    verdict: liftVerdict({
      repeat: lift.repeat,
      controlRate,
      measured: members.repeat.n + control.repeat.n,
      enrolled,
      controlShare: enrolled > 0 ? (c?.enrolled ?? 0) / enrolled : 0,
      weeklyEnrolments: ended
        ? 0
        : ((m?.enrolledLast4Weeks ?? 0) + (c?.enrolledLast4Weeks ?? 0)) / 4,
      windowWeeks: options.windowWeeks,
      expectedLift,
      ended,
    }),
  };
}

function withoutControl(
  program: ProgramBase,
  enrolled: number,
  rows: readonly DiffInDiffRow[],
  options: LiftOptions,
): DiffInDiffLift {
  const m = rows.find((r) => r.member);
  const c = rows.find((r) => !r.member);
  const side = (r: DiffInDiffRow | undefined): DidSide | null =>
    r
      ? {
          customers: r.customers,
          repeatBefore: r.repeatBefore,
          repeatAfter: r.repeatAfter,
          ordersBefore: r.ordersBefore,
          ordersAfter: r.ordersAfter,
          revenueBefore: r.revenueBefore,
          revenueAfter: r.revenueAfter,
        }
      : null;
  const estimate = (
    before: keyof DiffInDiffRow,
    after: keyof DiffInDiffRow,
    variance: keyof DiffInDiffRow,
  ): DiffInDiff | null => {
    if (!m || !c) return null;
    const group = (r: DiffInDiffRow) => ({
      before: r[before] as number,
      after: r[after] as number,
      change: summary(
        r.customers,
        (r[after] as number) - (r[before] as number),
        r[variance] as number,
      ),
    });
    return diffInDiff({ members: group(m), comparison: group(c) });
  };
  const repeat = estimate("repeatBefore", "repeatAfter", "repeatChangeVariance");
  const measurableFrom =
    program.launchedAt === null
      ? null
      : new Date(program.launchedAt.getTime() + options.windowWeeks * WEEK_MS);
  const waiting = measurableFrom !== null && measurableFrom > program.until;
  return {
    ...program,
    method: "diff-in-diff",
    enrolled,
    measurableFrom,
    members: side(m),
    comparison: side(c),
    comparisonFromSameStores: c ? c.sameStores : null,
    repeat,
    orders: estimate("ordersBefore", "ordersAfter", "ordersChangeVariance"),
    revenue: estimate("revenueBefore", "revenueAfter", "revenueChangeVariance"),
    sentence: waiting
      ? `Not measurable yet: the ${options.windowWeeks}-week window after launch ends on ${measurableFrom!.toISOString().slice(0, 10)}.`
      : diffInDiffSentence(repeat?.estimate ?? null, options.windowWeeks),
  };
}

/**
 * Measured lift of every program that has run: against its control group where it has one, else a
 * difference-in-differences against comparable customers. Four grouped queries in all, whatever
 * the number of programs or customers.
 */
export async function liftReport(db: Database, options: LiftOptions): Promise<LiftReport> {
  const list = await measuredPrograms(db, options.now);
  const withCtl = list.filter((p) => p.controlCustomers > 0).map((p) => p.id);
  const withoutCtl = list.filter((p) => p.controlCustomers === 0).map((p) => p.id);
  const [groups, curves, panels] = await Promise.all([
    controlledLiftGroups(db, {
      programIds: withCtl,
      now: options.now,
      windowWeeks: options.windowWeeks,
    }),
    retentionCurveCounts(db, { programIds: withCtl, now: options.now, maxWeeks: CURVE_WEEKS }),
    diffInDiffGroups(db, {
      programIds: withoutCtl,
      now: options.now,
      windowWeeks: options.windowWeeks,
    }),
  ]);
  const programs = list.map((p): ProgramLift => {
    const base: ProgramBase = {
      id: p.id,
      name: p.name,
      type: p.type,
      typeName: programTypes.get(p.type)?.name ?? p.type,
      status: p.status,
      controlShareBp: p.controlShareBp,
      launchedAt: p.launchedAt,
      until: p.until,
    };
    return p.controlCustomers > 0
      ? controlled(
          base,
          groups.filter((g) => g.programId === p.id),
          curves.filter((r) => r.programId === p.id),
          options,
        )
      : withoutControl(
          base,
          p.enrolledCustomers,
          panels.filter((r) => r.programId === p.id),
          options,
        );
  });
  return { windowWeeks: options.windowWeeks, curveWeeks: CURVE_WEEKS, programs };
}
