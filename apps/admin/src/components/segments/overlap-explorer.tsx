"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  Field,
  formatNumber,
  formatPercent,
  Select,
  Skeleton,
} from "@boomerang/ui";
import { StackedBarChart } from "@boomerang/ui/charts/stacked-bar-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import type { RouterOutputs } from "@boomerang/api";
import { useTRPC } from "@/trpc/react";

type Overlap = RouterOutputs["segments"]["overlap"];
const slots = ["First segment", "Second segment", "Third segment (optional)"] as const;
const letters = ["A", "B", "C"] as const;

/** "A and B, not C", "A only", "In none of them": a region of the Venn diagram in words. */
function regionLabel(inside: boolean[]): string {
  const ins = letters.filter((_, i) => inside[i]);
  if (ins.length === 0) return "In none";
  if (ins.length === 1) return `${ins[0]} only`;
  if (ins.length === inside.length) return `In all (${ins.join(" ∩ ")})`;
  return `${ins.join(" ∩ ")} only`;
}

/** Pick two or three saved segments and see how many customers fall in each intersection. */
export function OverlapExplorer({ locale, storeOnly }: { locale: string; storeOnly: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.segments.list.queryOptions());
  const [picked, setPicked] = useState<(number | null)[]>([null, null, null]);
  const ids = picked.filter((id): id is number => id !== null);
  const distinct = new Set(ids).size === ids.length;
  const overlap = useQuery(
    trpc.segments.overlap.queryOptions({ ids }, { enabled: ids.length >= 2 && distinct }),
  );

  if (list.error)
    return <ErrorNotice title="The segments could not be loaded">{list.error.message}</ErrorNotice>;
  if (!list.data) return <Skeleton className="h-40" />;
  if (list.data.length < 2)
    return (
      <EmptyState
        title="Save at least two segments to compare them"
        action={
          <Link href="/segments/new" className="text-teal-700 underline">
            Build a segment
          </Link>
        }
      >
        The overlap counts the customers in each intersection of two or three saved segments.
      </EmptyState>
    );

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Segments to compare"
          description={
            storeOnly
              ? "Counts cover your store's customers only."
              : "Counts cover every customer, as of now."
          }
        />
        <CardBody>
          <div className="grid gap-4 sm:grid-cols-3">
            {slots.map((label, i) => (
              <Field key={label} label={`${letters[i]}: ${label}`} htmlFor={`overlap-${i}`}>
                <Select
                  id={`overlap-${i}`}
                  value={picked[i] ?? ""}
                  onChange={(e) =>
                    setPicked((p) =>
                      p.map((v, j) =>
                        j === i ? (e.target.value ? Number(e.target.value) : null) : v,
                      ),
                    )
                  }
                >
                  <option value="">{i < 2 ? "Pick a segment" : "None"}</option>
                  {list.data.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
          {!distinct ? (
            <p role="alert" className="mt-3 text-sm text-rose-700">
              Pick different segments: the same one twice overlaps with itself entirely.
            </p>
          ) : null}
        </CardBody>
      </Card>
      {ids.length < 2 || !distinct ? (
        <EmptyState title="Pick two or three segments">
          Choose at least the first two segments above to see how many customers they share.
        </EmptyState>
      ) : overlap.error ? (
        <ErrorNotice title="The overlap could not be counted">{overlap.error.message}</ErrorNotice>
      ) : !overlap.data ? (
        <Skeleton className="h-64" />
      ) : (
        <OverlapResult data={overlap.data} locale={locale} />
      )}
    </div>
  );
}

function OverlapResult({ data, locale }: { data: Overlap; locale: string }) {
  const rows = data.regions.map((r) => ({
    region: regionLabel(r.inside),
    inside: r.inside,
    customers: r.customers,
  }));
  return (
    <Card>
      <CardHeader
        title="Overlap"
        description={`${formatNumber(data.base, locale)} customers in scope. Each customer is counted in exactly one row.`}
        actions={
          <CsvDownload
            filename="segment-overlap.csv"
            header={[
              "region",
              ...data.segments.map((s) => `in ${s.name}`),
              "customers",
              "share_of_scope",
            ]}
            rows={rows.map((r) => [
              r.region,
              ...r.inside.map((isIn) => String(isIn)),
              r.customers,
              data.base === 0 ? null : r.customers / data.base,
            ])}
          />
        }
      />
      <CardBody>
        <ul className="mb-4 flex flex-wrap gap-4 text-sm">
          {data.segments.map((s, i) => (
            <li key={s.id}>
              <span className="font-semibold">{letters[i]}</span> {s.name}:{" "}
              <span className="tabular-nums">{formatNumber(s.members, locale)}</span> members
            </li>
          ))}
        </ul>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="Overlap regions">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">Region</th>
                {data.segments.map((s, i) => (
                  <th key={s.id} className="py-2 pr-4 text-center" title={s.name}>
                    In {letters[i]}
                  </th>
                ))}
                <th className="py-2 pr-4 text-right">Customers</th>
                <th className="py-2 text-right">Share of scope</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.region}>
                  <td className="py-2 pr-4">{r.region}</td>
                  {r.inside.map((isIn, i) => (
                    <td key={i} className="py-2 pr-4 text-center">
                      {isIn ? "✓" : "—"}
                    </td>
                  ))}
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {formatNumber(r.customers, locale)}
                  </td>
                  <td className="py-2 text-right tabular-nums">
                    {data.base === 0 ? "—" : formatPercent(r.customers / data.base, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-6">
          <StackedBarChart
            ariaLabel="Customers in each overlap region"
            data={rows
              .filter((r) => r.inside.some(Boolean))
              .map((r) => ({ region: r.region, customers: r.customers }))}
            xKey="region"
            series={[{ key: "customers", label: "Customers", color: "#0f766e" }]}
            formatX={(x) => x}
            formatY={(y) => formatNumber(y, locale)}
          />
        </div>
      </CardBody>
    </Card>
  );
}
