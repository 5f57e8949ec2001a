"use client";

import { Badge, Card, CardBody, CardHeader, EmptyState } from "@boomerang/ui";
import { IntervalChart, type IntervalPoint } from "@boomerang/ui/charts/interval-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import {
  formatPp,
  formatSignedMoney,
  formatSignedNumber,
  statusLabels,
  withInterval,
  type BusinessFormat,
  type LiftReport,
  type ProgramLift,
} from "./lift-format";

const repeatOf = (p: ProgramLift) =>
  p.method === "control" ? p.lift.repeat : (p.repeat?.estimate ?? null);
const ordersOf = (p: ProgramLift) =>
  p.method === "control" ? p.lift.orders : (p.orders?.estimate ?? null);
const revenueOf = (p: ProgramLift) =>
  p.method === "control" ? p.lift.revenue : (p.revenue?.estimate ?? null);

/** Every program's measured lift in one table, grouped by type, and the repeat-rate lifts on one chart. */
export function LiftSideBySide({
  report,
  business,
}: {
  report: LiftReport;
  business: BusinessFormat;
}) {
  const programs = [...report.programs].sort(
    (a, b) => a.typeName.localeCompare(b.typeName) || a.name.localeCompare(b.name),
  );
  const points: IntervalPoint[] = programs.flatMap((p) => {
    const d = repeatOf(p);
    return d === null
      ? []
      : [
          {
            label: p.name,
            series: p.method,
            estimate: d.difference,
            low: d.low,
            high: d.high,
          },
        ];
  });
  return (
    <Card>
      <CardHeader
        title="Measured lift by program type"
        actions={
          <CsvDownload
            filename="lift-by-program.csv"
            header={["program", "type", "method", "repeat_rate_lift", "low_95", "high_95"]}
            rows={programs.flatMap((p) => {
              const d = repeatOf(p);
              return d === null
                ? []
                : [[p.name, p.typeName, p.method, d.difference, d.low, d.high]];
            })}
          />
        }
        description={`Members minus control in the ${report.windowWeeks} weeks after enrolling, with 95% confidence intervals. Programs without a control group are compared with similar customers before and after launch (weaker evidence).`}
      />
      <CardBody className="space-y-6">
        {points.length === 0 ? (
          <EmptyState title="No interval to chart yet">
            Intervals appear once at least two members and two control customers of a program have
            completed the {report.windowWeeks}-week window. A shorter window shows results sooner.
          </EmptyState>
        ) : (
          <IntervalChart
            points={points}
            series={[
              { key: "control", label: "Against the control group", color: "#0f766e" },
              {
                key: "diff-in-diff",
                label: "Difference-in-differences (weaker evidence)",
                color: "#b45309",
              },
            ]}
            formatY={(y) => formatPp(y, business.locale)}
            ariaLabel="Lift in the repeat-purchase rate per program, with 95% confidence intervals"
          />
        )}
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="lift-table">
            <thead className="border-b border-slate-200 text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">Type</th>
                <th className="py-2 pr-4 font-medium">Program</th>
                <th className="py-2 pr-4 font-medium">Evidence</th>
                <th className="py-2 pr-4 font-medium">Repeat rate</th>
                <th className="py-2 pr-4 font-medium">Orders per customer</th>
                <th className="py-2 pr-4 font-medium">Revenue per customer</th>
                <th className="py-2 font-medium">Shown yet?</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => {
                const status =
                  p.method === "control"
                    ? statusLabels[p.verdict.status]!
                    : { label: "Weaker evidence", tone: "amber" as const };
                return (
                  <tr key={p.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-4 text-slate-600">{p.typeName}</td>
                    <td className="py-2 pr-4">
                      <a href={`#program-${p.id}`} className="text-teal-800 hover:underline">
                        {p.name}
                      </a>
                    </td>
                    <td className="py-2 pr-4 text-slate-600">
                      {p.method === "control" ? "Control group" : "Difference-in-differences"}
                    </td>
                    <td className="py-2 pr-4 tabular-nums">
                      {withInterval(repeatOf(p), (v) => formatPp(v, business.locale))}
                    </td>
                    <td className="py-2 pr-4 tabular-nums">
                      {withInterval(ordersOf(p), (v) => formatSignedNumber(v, business.locale))}
                    </td>
                    <td className="py-2 pr-4 tabular-nums">
                      {withInterval(revenueOf(p), (v) => formatSignedMoney(v, business))}
                    </td>
                    <td className="py-2">
                      <Badge tone={status.tone}>{status.label}</Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </CardBody>
    </Card>
  );
}
