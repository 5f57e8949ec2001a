"use client";

import Link from "next/link";
import { ArrowDown, ArrowUp } from "lucide-react";
import { Badge, formatMoney, formatNumber, formatPercent } from "@boomerang/ui";
import { rfmGroupLabels, type RfmGroup } from "@boomerang/domain/segments";
import type { RouterOutputs } from "@boomerang/api";
import { maskEmail, maskPhone, relativeTime } from "./customer-format";
import type { CustomerSearch, CustomerSortKey } from "./customer-search";

type Row = RouterOutputs["customers"]["list"]["rows"][number];
export type BusinessFormat = { currency: string; locale: string; timezone: string };

function SortHeader({
  label,
  sortKey,
  search,
  onSort,
  align = "left",
}: {
  label: string;
  sortKey: CustomerSortKey;
  search: CustomerSearch;
  onSort: (sort: CustomerSortKey, dir: "asc" | "desc") => void;
  align?: "left" | "right";
}) {
  const active = search.sort === sortKey;
  // Names read best A→Z first; figures and dates biggest / newest first.
  const firstDir = sortKey === "name" ? "asc" : "desc";
  const next = active ? (search.dir === "asc" ? "desc" : "asc") : firstDir;
  const Icon = search.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      className={`py-2 pr-3 ${align === "right" ? "text-right" : "text-left"}`}
      aria-sort={active ? (search.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        className="inline-flex items-center gap-1 font-medium hover:text-slate-900"
        onClick={() => onSort(sortKey, next)}
      >
        {label}
        {active ? <Icon aria-hidden className="size-3" /> : null}
      </button>
    </th>
  );
}

/** One page of customers; contact details are masked here and shown in full on the customer's page. */
export function CustomersTable({
  rows,
  search,
  onSort,
  business,
  now,
  busy,
}: {
  busy: boolean;
  rows: readonly Row[];
  search: CustomerSearch;
  onSort: (sort: CustomerSortKey, dir: "asc" | "desc") => void;
  business: BusinessFormat;
  now: Date;
}) {
  const { currency, locale, timezone } = business;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: timezone });
  const header = { search, onSort };
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Customers" aria-busy={busy}>
        <thead className="text-xs text-slate-600">
          <tr>
            <SortHeader label="Customer" sortKey="name" {...header} />
            <th scope="col" className="py-2 pr-3 text-left font-medium">
              Contact
            </th>
            <th scope="col" className="py-2 pr-3 text-left font-medium">
              Home store
            </th>
            <SortHeader label="Signed up" sortKey="signedUp" {...header} />
            <SortHeader label="Orders" sortKey="orders" align="right" {...header} />
            <SortHeader label="Total spent" sortKey="revenue" align="right" {...header} />
            <SortHeader label="Last order" sortKey="lastOrder" {...header} />
            <th scope="col" className="py-2 pr-3 text-left font-medium">
              RFM group
            </th>
            <SortHeader
              label="Predicted 12-month value"
              sortKey="predictedValue"
              align="right"
              {...header}
            />
            <th scope="col" className="py-2 text-right font-medium">
              Programs
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} className="border-t border-slate-100 align-top hover:bg-slate-50">
              <td className="py-2 pr-3">
                <Link
                  href={`/customers/${c.id}`}
                  className="font-medium text-teal-800 hover:underline"
                >
                  {c.name}
                </Link>
                <p className="font-mono text-xs text-slate-500">{c.externalId}</p>
              </td>
              <td className="py-2 pr-3 text-xs text-slate-600">
                {c.email ? <p>{maskEmail(c.email)}</p> : null}
                {c.phone ? <p>{maskPhone(c.phone)}</p> : null}
                {!c.email && !c.phone ? <span className="text-slate-400">None</span> : null}
              </td>
              <td className="py-2 pr-3">{c.homeStoreName ?? "—"}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{day.format(c.signedUpAt)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {formatNumber(c.orders, locale)}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {formatMoney(c.revenue, currency, locale)}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {c.lastOrderAt ? (
                  <time dateTime={c.lastOrderAt.toISOString()} title={day.format(c.lastOrderAt)}>
                    {relativeTime(c.lastOrderAt, now, locale)}
                  </time>
                ) : (
                  <span className="text-slate-400">Never</span>
                )}
              </td>
              <td className="py-2 pr-3">
                {c.rfmGroup ? (
                  <Badge tone="sky">{rfmGroupLabels[c.rfmGroup as RfmGroup] ?? c.rfmGroup}</Badge>
                ) : (
                  <span className="text-slate-400">Not scored</span>
                )}
              </td>
              <td
                className="py-2 pr-3 text-right tabular-nums"
                title={
                  c.probabilityActive === null
                    ? undefined
                    : `${formatPercent(c.probabilityActive, locale, 0)} likely still active`
                }
              >
                {c.predictedValue === null ? (
                  <span className="text-slate-400">—</span>
                ) : (
                  formatMoney(c.predictedValue, currency, locale)
                )}
              </td>
              <td className="py-2 text-right tabular-nums">{c.memberships}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
