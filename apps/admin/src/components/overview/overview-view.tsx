"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatDay,
  formatMoney,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { OverviewFilters } from "./overview-filters";
import { KpiGrid } from "./kpi-grid";
import { RevenueSplitChart } from "./revenue-split-chart";

export type BusinessFormat = { currency: string; locale: string; timezone: string };
export type OverviewInput = { range: { from: string; to: string }; storeId: number | null };

export function OverviewView({
  input,
  today,
  business,
  canChooseStore,
}: {
  input: OverviewInput;
  today: string;
  business: BusinessFormat;
  canChooseStore: boolean;
}) {
  const trpc = useTRPC();
  const overview = useQuery(
    trpc.overview.get.queryOptions(input, { placeholderData: keepPreviousData }),
  );
  const stores = useQuery(trpc.stores.list.queryOptions());
  const data = overview.data;
  const range = data?.range ?? input.range;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            Overview
            {data?.store ? <span className="text-slate-500"> · {data.store.name}</span> : null}
          </h1>
          <p className="text-sm text-slate-500">
            {formatDay(range.from, business.locale)} – {formatDay(range.to, business.locale)}
            {data ? (
              <>
                {" "}
                compared with {formatDay(data.previousRange.from, business.locale)} –{" "}
                {formatDay(data.previousRange.to, business.locale)}
              </>
            ) : null}
          </p>
        </div>
        <OverviewFilters
          input={input}
          today={today}
          stores={stores.data ?? []}
          canChooseStore={canChooseStore}
          busy={overview.isFetching}
        />
      </div>

      {overview.error ? (
        <ErrorNotice title="The overview could not be loaded">{overview.error.message}</ErrorNotice>
      ) : !data ? (
        <div
          className="grid grid-cols-2 gap-4 md:grid-cols-4"
          aria-busy="true"
          aria-label="Loading figures"
        >
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      ) : data.current.orders === 0 && data.previous.orders === 0 && data.monthly.length === 0 ? (
        <EmptyState title="No orders in this period">
          Choose a longer period, or bring in your orders on the Data page. To try the product with
          a believable retail chain, run{" "}
          <code className="rounded bg-slate-100 px-1">pnpm db:seed</code>.
        </EmptyState>
      ) : (
        <>
          <KpiGrid current={data.current} previous={data.previous} business={business} />
          <Card>
            <CardHeader
              title="Revenue from new and returning customers"
              description={`Monthly, twelve months to ${formatDay(range.to, business.locale)} (the last month counts up to that day). A customer's first order counts as new; every later order as returning.`}
            />
            <CardBody>
              {data.monthly.length === 0 ? (
                <EmptyState title="No revenue in these twelve months" />
              ) : (
                <RevenueSplitChart monthly={data.monthly} business={business} />
              )}
              <p className="sr-only">
                Total in chart:{" "}
                {formatMoney(
                  data.monthly.reduce((s, m) => s + m.newRevenue + m.returningRevenue, 0),
                  business.currency,
                  business.locale,
                )}
              </p>
            </CardBody>
          </Card>
        </>
      )}
    </div>
  );
}
