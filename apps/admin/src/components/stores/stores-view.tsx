"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatDay,
  Skeleton,
} from "@boomerang/ui";
import { CsvDownload } from "@/components/charts/csv-download";
import { OverviewFilters } from "@/components/overview/overview-filters";
import { useTRPC } from "@/trpc/react";
import { Sparkline } from "./sparkline";
import { formatKpi, kpiChange, storeKpiDefinitions, type BusinessFormat } from "./store-kpis";
import { storesCsv } from "./stores-csv";

export type StoresInput = { range: { from: string; to: string } };

/** Every store as a row: each KPI for the period with its change, a revenue sparkline, rank and the chain average. */
export function StoresView({
  input,
  today,
  business,
}: {
  input: StoresInput;
  today: string;
  business: BusinessFormat;
}) {
  const trpc = useTRPC();
  const list = useQuery(
    trpc.storeKpis.list.queryOptions(input, { placeholderData: keepPreviousData }),
  );
  const data = list.data;
  const range = data?.range ?? input.range;
  const { locale } = business;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Stores</h1>
          <p className="text-sm text-slate-500">
            {formatDay(range.from, locale)} – {formatDay(range.to, locale)}
            {data
              ? ` compared with ${formatDay(data.previousRange.from, locale)} – ${formatDay(data.previousRange.to, locale)}`
              : null}
          </p>
        </div>
        <OverviewFilters
          input={{ ...input, storeId: null }}
          today={today}
          stores={[]}
          canChooseStore={false}
          busy={list.isFetching}
        />
      </div>
      {list.error ? (
        <ErrorNotice title="The stores could not be loaded">{list.error.message}</ErrorNotice>
      ) : !data ? (
        <Skeleton className="h-72" aria-busy="true" aria-label="Loading stores" />
      ) : data.rows.length === 0 ? (
        <EmptyState title="No stores yet">
          Stores come with your data import, or with the demo data (pnpm db:seed).
        </EmptyState>
      ) : (
        <Card>
          <CardHeader
            title="Store KPIs"
            description="Each figure for the period, with its change against the previous period of the same length. Rank is by revenue; the chain average is the typical store among those that sold in the period."
            actions={
              <CsvDownload
                filename={`stores-${range.from}-to-${range.to}.csv`}
                label="Download the store KPIs and monthly revenue as CSV"
                {...storesCsv(data)}
              />
            }
          />
          <CardBody className="overflow-x-auto p-0">
            <table className="w-full min-w-[1400px] text-sm" aria-label="Store KPIs">
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Rank
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Store
                  </th>
                  {storeKpiDefinitions.map((d) => (
                    <th key={d.key} scope="col" className="px-3 py-2 text-right" title={d.hint}>
                      {d.label}
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2">
                    Revenue, 12 months
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr
                    key={row.store.id}
                    className="border-t border-slate-100"
                    data-testid={`store-row-${row.store.code}`}
                  >
                    <td className="px-3 py-2 tabular-nums">
                      {row.rank === null ? "—" : `${row.rank} of ${data.storeCount}`}
                    </td>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      <Link
                        className="text-teal-800 underline-offset-2 hover:underline"
                        href={`/stores/${row.store.id}?from=${range.from}&to=${range.to}`}
                      >
                        {row.store.name}
                      </Link>
                    </th>
                    {storeKpiDefinitions.map((d) => {
                      const change = kpiChange(d, row.current[d.key], row.previous[d.key], locale);
                      return (
                        <td
                          key={d.key}
                          className="px-3 py-2 text-right tabular-nums"
                          data-testid={`store-${row.store.code}-${d.key}`}
                        >
                          <span className="block">
                            {formatKpi(d, row.current[d.key], business)}
                          </span>
                          <span className="block text-xs text-slate-500">{change.label}</span>
                        </td>
                      );
                    })}
                    <td className="px-3 py-2">
                      <Sparkline
                        points={row.sparkline}
                        business={business}
                        label={row.store.name}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
              {data.chainAverage ? (
                <tfoot className="border-t-2 border-slate-200 bg-slate-50">
                  <tr>
                    <td className="px-3 py-2" />
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      Chain average
                    </th>
                    {storeKpiDefinitions.map((d) => (
                      <td
                        key={d.key}
                        className="px-3 py-2 text-right tabular-nums"
                        data-testid={`chain-${d.key}`}
                      >
                        {formatKpi(d, data.chainAverage?.[d.key] ?? null, business)}
                      </td>
                    ))}
                    <td className="px-3 py-2" />
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </CardBody>
        </Card>
      )}
    </div>
  );
}
