"use client";

import {
  Badge,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  formatDay,
  formatMoney,
  formatNumber,
  formatPercent,
} from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import {
  formatPp,
  formatSignedMoney,
  formatSignedNumber,
  statusLabels,
  withInterval,
  type BusinessFormat,
  type ProgramLift,
} from "./lift-format";

type Controlled = Extract<ProgramLift, { method: "control" }>;

const day = (d: Date | string | null, locale: string) =>
  d === null ? "—" : formatDay(new Date(d).toISOString().slice(0, 10), locale);

/** One program against its control group: the verdict, the three outcomes and the retention curves. */
export function ControlledLiftCard({
  program: p,
  business,
  windowWeeks,
}: {
  program: Controlled;
  business: BusinessFormat;
  windowWeeks: number;
}) {
  const { locale } = business;
  const status = statusLabels[p.verdict.status]!;
  const rate = (v: number | null) => (v === null ? "—" : formatPercent(v, locale));
  const rows = [
    {
      label: `Repeat purchase within ${windowWeeks} weeks`,
      members: rate(p.members.repeatRate),
      control: rate(p.control.repeatRate),
      lift: withInterval(p.lift.repeat, (v) => formatPp(v, locale)),
    },
    {
      label: "Orders per customer",
      members:
        p.members.ordersPerCustomer === null
          ? "—"
          : formatNumber(p.members.ordersPerCustomer, locale),
      control:
        p.control.ordersPerCustomer === null
          ? "—"
          : formatNumber(p.control.ordersPerCustomer, locale),
      lift: withInterval(p.lift.orders, (v) => formatSignedNumber(v, locale)),
    },
    {
      label: "Revenue per customer",
      members:
        p.members.revenuePerCustomer === null
          ? "—"
          : formatMoney(p.members.revenuePerCustomer, business.currency, locale),
      control:
        p.control.revenuePerCustomer === null
          ? "—"
          : formatMoney(p.control.revenuePerCustomer, business.currency, locale),
      lift: withInterval(p.lift.revenue, (v) => formatSignedMoney(v, business)),
    },
  ];
  const curve = p.curve.map((c) => ({ week: c.week, members: c.members, control: c.control }));
  return (
    <Card id={`program-${p.id}`} data-testid={`lift-program-${p.id}`}>
      <CardHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {p.name} <Badge tone={status.tone}>{status.label}</Badge>
          </span>
        }
        description={`${p.typeName} · launched ${day(p.launchedAt, locale)} · measured to ${day(p.until, locale)} · control group ${formatPercent(p.controlShareBp / 10000, locale, 0)}`}
      />
      <CardBody className="space-y-5">
        <p className="text-sm text-slate-900" data-testid="lift-verdict">
          {p.verdict.sentence}
        </p>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">
                  In the {windowWeeks} weeks after enrolling
                </th>
                <th className="py-2 pr-4 font-medium">
                  Members ({formatNumber(p.members.measured, locale)})
                </th>
                <th className="py-2 pr-4 font-medium">
                  Control ({formatNumber(p.control.measured, locale)})
                </th>
                <th className="py-2 font-medium">Difference</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label} className="border-b border-slate-100">
                  <td className="py-2 pr-4 text-slate-600">{r.label}</td>
                  <td className="py-2 pr-4 tabular-nums">{r.members}</td>
                  <td className="py-2 pr-4 tabular-nums">{r.control}</td>
                  <td className="py-2 tabular-nums">{r.lift}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">
            {formatNumber(p.members.enrolled + p.control.enrolled, locale)} customers enrolled; only
            those enrolled at least {windowWeeks} weeks before the measurement stops are counted.
            Expected effect: {formatPp(p.expectedLift, locale)} on the repeat rate (
            {p.expectedLiftSource === "type"
              ? "the type's assumed frequency lift applied to the control group's rate"
              : "entered above"}
            )
            {p.verdict.neededCustomers === null
              ? "."
              : `, which needs about ${formatNumber(p.verdict.neededCustomers, locale)} customers to detect.`}
          </p>
        </div>
        <div>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-medium text-slate-800">
              Share with a repeat order, by week since enrolling
            </h3>
            <CsvDownload
              filename={`lift-curve-program-${p.id}.csv`}
              header={["week", "members_repeat_share", "control_repeat_share"]}
              rows={curve.map((c) => [c.week, c.members, c.control])}
              label={`Download CSV of ${p.name}'s curves`}
            />
          </div>
          {curve.length === 0 ? (
            <EmptyState title="No full week observed yet">
              The curves start once customers have been enrolled for a week.
            </EmptyState>
          ) : (
            <LineChart
              data={curve}
              xKey="week"
              series={[
                { key: "members", label: "Members", color: "#0f766e" },
                { key: "control", label: "Control group", color: "#64748b", dashed: true },
              ]}
              formatX={(x) => `Week ${x}`}
              formatY={(y) => formatPercent(y, locale, 0)}
              ariaLabel={`Retention curves of ${p.name}: members and control group by week since enrolling`}
              height={260}
            />
          )}
        </div>
      </CardBody>
    </Card>
  );
}
