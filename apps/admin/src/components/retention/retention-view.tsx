"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { EmptyState, ErrorNotice, formatDay, Skeleton } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { ChurnCard } from "./churn-card";
import { ClvCard } from "./clv-card";
import { CohortHeatmapCard } from "./cohort-heatmap-card";
import type { RetentionExtras } from "./extras-search";
import { OrderValueCard } from "./order-value-card";
import { PredictedValueSection } from "./predicted-value-section";
import { PurchaseGapsCard } from "./purchase-gaps-card";
import { RepeatRateCard } from "./repeat-rate-card";
import { RetentionBracketsCard } from "./retention-brackets-card";
import { RetentionCurvesCard } from "./retention-curves-card";
import { RetentionFilters } from "./retention-filters";
import { RevenueChurnCard } from "./revenue-churn-card";
import { retentionSearchParams, type RetentionInput } from "./search";
import { SideBySideCard } from "./side-by-side-card";

export type BusinessFormat = { currency: string; locale: string; timezone: string };

export function RetentionView({
  input,
  extras,
  business,
  canChooseStore,
  canRefit = false,
}: {
  input: RetentionInput;
  /** Brackets and compared curves, also in the URL. */
  extras: RetentionExtras;
  business: BusinessFormat;
  canChooseStore: boolean;
  /** Marketers and admins may refit the predicted-value models. */
  canRefit?: boolean;
}) {
  const trpc = useTRPC();
  const retention = useQuery(
    trpc.retention.get.queryOptions(input, { placeholderData: keepPreviousData }),
  );
  const stores = useQuery(trpc.stores.list.queryOptions());
  const data = retention.data;
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  // Two quick changes must not both start from the URL before the first one landed.
  const latestExtras = useRef(extras);
  useEffect(() => {
    latestExtras.current = extras;
  }, [extras]);
  const setExtras = (change: (current: RetentionExtras) => RetentionExtras) => {
    const next = change(latestExtras.current);
    latestExtras.current = next;
    startTransition(() =>
      router.push(`${pathname}?${retentionSearchParams(input, next).toString()}`, {
        scroll: false,
      }),
    );
  };

  return (
    <div className="retention-print space-y-6">
      <div className="space-y-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            Retention
            {data?.store ? <span className="text-slate-500"> · {data.store.name}</span> : null}
            {data?.segment ? <span className="text-slate-500"> · {data.segment.name}</span> : null}
          </h1>
          <p className="text-sm text-slate-500">
            Customers whose first purchase was between{" "}
            {formatDay(input.range.from, business.locale)} and{" "}
            {formatDay(input.range.to, business.locale)}
            {data?.store ? ", with this home store" : ""}
            {data?.segment ? ", in this segment today" : ""}.
          </p>
        </div>
        <RetentionFilters
          input={input}
          stores={stores.data ?? []}
          canChooseStore={canChooseStore}
          busy={retention.isFetching}
          extras={extras}
        />
      </div>

      {retention.error ? (
        <ErrorNotice title="Retention could not be loaded">{retention.error.message}</ErrorNotice>
      ) : !data ? (
        <div className="space-y-4" aria-busy="true" aria-label="Loading retention">
          <Skeleton className="h-72" />
          <Skeleton className="h-72" />
        </div>
      ) : data.matrix.rows.length === 0 ? (
        <EmptyState title="No customers made a first purchase in this period">
          Choose an earlier or longer period, or bring in your orders on the Data page. To try the
          product with a believable retail chain, run{" "}
          <code className="rounded bg-slate-100 px-1">pnpm db:seed</code>.
        </EmptyState>
      ) : (
        <>
          <CohortHeatmapCard data={data} business={business} />
          <RetentionCurvesCard data={data} business={business} />
          <RetentionBracketsCard
            input={input}
            ends={extras.bracketEnds}
            onEndsChange={(bracketEnds) => setExtras((e) => ({ ...e, bracketEnds }))}
            business={business}
          />
          <SideBySideCard
            input={input}
            compare={extras.compare}
            onCompareChange={(change) => setExtras((e) => ({ ...e, compare: change(e.compare) }))}
            stores={stores.data ?? []}
            business={business}
          />
          <div className="grid gap-6 xl:grid-cols-2">
            <RepeatRateCard data={data} business={business} />
            <ChurnCard data={data} business={business} />
            <ClvCard data={data} business={business} />
            <PurchaseGapsCard data={data} business={business} />
            <RevenueChurnCard data={data} business={business} />
            <OrderValueCard data={data} business={business} />
          </div>
        </>
      )}
      {/* A refused or invalid filter is reported once, above; the section would repeat it. */}
      {retention.error ? null : (
        <PredictedValueSection
          storeId={input.storeId ?? null}
          channel={input.channel ?? null}
          business={business}
          canRefit={canRefit}
        />
      )}
    </div>
  );
}
