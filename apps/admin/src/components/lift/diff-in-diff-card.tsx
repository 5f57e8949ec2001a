"use client";

import {
  Badge,
  Card,
  CardBody,
  CardHeader,
  formatDay,
  formatMoney,
  formatNumber,
  formatPercent,
} from "@boomerang/ui";
import {
  formatPp,
  formatSignedMoney,
  formatSignedNumber,
  withInterval,
  type BusinessFormat,
  type ProgramLift,
} from "./lift-format";

type WithoutControl = Extract<ProgramLift, { method: "diff-in-diff" }>;

const day = (d: Date | string | null, locale: string) =>
  d === null ? "—" : formatDay(new Date(d).toISOString().slice(0, 10), locale);

/**
 * A program without a control group: members' change from before to after launch against the change
 * of comparable customers (same home stores, active before launch). Labelled as weaker evidence.
 */
export function DiffInDiffCard({
  program: p,
  business,
  windowWeeks,
}: {
  program: WithoutControl;
  business: BusinessFormat;
  windowWeeks: number;
}) {
  const { locale } = business;
  const money = (v: number) => formatMoney(v, business.currency, locale);
  const num = (v: number) => formatNumber(v, locale);
  const pct = (v: number) => formatPercent(v, locale);
  const rows =
    p.members && p.comparison
      ? [
          {
            label: "Repeat purchase in the window",
            m: [pct(p.members.repeatBefore), pct(p.members.repeatAfter)],
            c: [pct(p.comparison.repeatBefore), pct(p.comparison.repeatAfter)],
            est: withInterval(p.repeat?.estimate ?? null, (v) => formatPp(v, locale)),
          },
          {
            label: "Orders per customer",
            m: [num(p.members.ordersBefore), num(p.members.ordersAfter)],
            c: [num(p.comparison.ordersBefore), num(p.comparison.ordersAfter)],
            est: withInterval(p.orders?.estimate ?? null, (v) => formatSignedNumber(v, locale)),
          },
          {
            label: "Revenue per customer",
            m: [money(p.members.revenueBefore), money(p.members.revenueAfter)],
            c: [money(p.comparison.revenueBefore), money(p.comparison.revenueAfter)],
            est: withInterval(p.revenue?.estimate ?? null, (v) => formatSignedMoney(v, business)),
          },
        ]
      : [];
  return (
    <Card id={`program-${p.id}`} data-testid={`lift-program-${p.id}`}>
      <CardHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {p.name} <Badge tone="amber">Weaker evidence: no control group</Badge>
          </span>
        }
        description={`${p.typeName} · launched ${day(p.launchedAt, locale)} · ${formatNumber(p.enrolled, locale)} members · compared with ${p.comparisonFromSameStores === false ? "non-members of every store (the members' stores had too few)" : "non-members of the same home stores"} who ordered in the 26 weeks before launch`}
      />
      <CardBody className="space-y-4">
        <p className="text-sm text-slate-900" data-testid="lift-verdict">
          {p.sentence}
        </p>
        {rows.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">
                    {windowWeeks} weeks before → after launch
                  </th>
                  <th className="py-2 pr-4 font-medium">
                    Members ({formatNumber(p.members!.customers, locale)})
                  </th>
                  <th className="py-2 pr-4 font-medium">
                    Comparable customers ({formatNumber(p.comparison!.customers, locale)})
                  </th>
                  <th className="py-2 font-medium">Difference in differences</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label} className="border-b border-slate-100">
                    <td className="py-2 pr-4 text-slate-600">{r.label}</td>
                    <td className="py-2 pr-4 tabular-nums">
                      {r.m[0]} → {r.m[1]}
                    </td>
                    <td className="py-2 pr-4 tabular-nums">
                      {r.c[0]} → {r.c[1]}
                    </td>
                    <td className="py-2 tabular-nums">{r.est}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <p className="text-xs text-slate-500">
          To measure the next program properly, give it a control group in the designer: customers
          held out at random leave nothing to assume.
        </p>
      </CardBody>
    </Card>
  );
}
