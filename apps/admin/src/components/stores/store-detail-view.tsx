"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  ErrorNotice,
  formatDay,
  Skeleton,
  Stat,
} from "@boomerang/ui";
import { OverviewFilters } from "@/components/overview/overview-filters";
import { useTRPC } from "@/trpc/react";
import { StoreCohortTable } from "./store-cohort-table";
import { StorePrograms } from "./store-programs";
import { StoreSegments } from "./store-segments";
import { StoreTrendChart } from "./store-trend-chart";
import { formatKpi, kpiChange, storeKpiDefinitions, type BusinessFormat } from "./store-kpis";

export type StoreInput = { range: { from: string; to: string }; storeId: number };

/** One store in depth, laid out to print on one page (shell, filters and buttons are left off paper). */
export function StoreDetailView({
  input,
  today,
  business,
}: {
  input: StoreInput;
  today: string;
  business: BusinessFormat;
}) {
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.storeKpis.get.queryOptions(input, { placeholderData: keepPreviousData }),
  );
  const data = detail.data;
  const range = data?.range ?? input.range;
  const { locale } = business;
  const csvHref = `/api/stores/${input.storeId}/csv?from=${range.from}&to=${range.to}`;

  return (
    <div className="space-y-6 print:space-y-3 print:text-xs">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {data ? data.store.name : "Store"}
          </h1>
          <p className="text-sm text-slate-500">
            {data ? `${data.store.city} · ` : null}
            {formatDay(range.from, locale)} – {formatDay(range.to, locale)}
            {data
              ? ` compared with ${formatDay(data.previousRange.from, locale)} – ${formatDay(data.previousRange.to, locale)}`
              : null}
            {data?.rank ? ` · rank ${data.rank} of ${data.storeCount} by revenue` : null}
          </p>
        </div>
        <div className="no-print flex flex-wrap items-end gap-2">
          <OverviewFilters
            input={{ ...input, storeId: null }}
            today={today}
            stores={[]}
            canChooseStore={false}
            busy={detail.isFetching}
          />
          <a
            className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
            href={csvHref}
            download
          >
            Export CSV
          </a>
          <Button type="button" variant="secondary" onClick={() => window.print()}>
            Print report
          </Button>
        </div>
      </div>
      {detail.error ? (
        <ErrorNotice title="The store could not be loaded">{detail.error.message}</ErrorNotice>
      ) : !data ? (
        <Skeleton className="h-96" aria-busy="true" aria-label="Loading the store" />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-4 md:grid-cols-4 xl:grid-cols-7 print:grid-cols-7 print:gap-2">
            {storeKpiDefinitions.map((d) => {
              const change = kpiChange(d, data.current[d.key], data.previous[d.key], locale);
              const average = data.chainAverage
                ? ` · chain average ${formatKpi(d, data.chainAverage[d.key], business)}`
                : "";
              return (
                <Stat
                  key={d.key}
                  testId={`store-kpi-${d.key}`}
                  label={d.label}
                  value={formatKpi(d, data.current[d.key], business)}
                  change={
                    d.lowerIsBetter && change.change !== null ? -change.change : change.change
                  }
                  changeLabel={`${change.label}${average}`}
                  hint={d.hint}
                />
              );
            })}
          </div>
          <div className="grid gap-6 xl:grid-cols-2 print:grid-cols-2 print:gap-3">
            <Card className="print:break-inside-avoid">
              <CardHeader
                title="Monthly trend"
                description={`Revenue, orders and active customers, twelve months to ${formatDay(range.to, locale)}.`}
              />
              <CardBody>
                <StoreTrendChart trend={data.trend} business={business} />
              </CardBody>
            </Card>
            <Card className="print:break-inside-avoid">
              <CardHeader
                title="Cohort retention"
                description="Home customers by month of first purchase: the share who bought (anywhere) in each later month."
              />
              <CardBody className="overflow-x-auto">
                <StoreCohortTable cohorts={data.cohorts} business={business} />
              </CardBody>
            </Card>
            <Card className="print:break-inside-avoid">
              <CardHeader
                title="Top segments"
                description="Segments holding the most of this store's home customers, by each segment's latest snapshot."
              />
              <CardBody>
                <StoreSegments segments={data.topSegments} business={business} />
              </CardBody>
            </Card>
            <Card className="print:break-inside-avoid">
              <CardHeader
                title="Programs"
                description="Programs running in this store: members among its home customers, points in the period."
              />
              <CardBody>
                <StorePrograms programs={data.programs} business={business} />
              </CardBody>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
