"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, CardBody, ErrorNotice, formatDay, Skeleton } from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { AssumptionsCard } from "./assumptions-card";
import { CandidateNotes } from "./candidate-notes";
import { ComparisonCharts } from "./comparison-charts";
import type { Format } from "./metric-rows";
import { ResultsTable } from "./results-table";
import { ShareLink } from "./share-link";

/** One saved comparison at its shareable address: progress while it runs, then the results. */
export function ComparisonView({ id, format }: { id: number; format: Format }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const comparison = useQuery(
    trpc.compare.get.queryOptions(
      { id },
      {
        refetchInterval: (query) =>
          query.state.data?.status === "queued" || query.state.data?.status === "running"
            ? 1000
            : false,
      },
    ),
  );
  const rerun = useMutation(
    trpc.compare.rerun.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.compare.get.queryKey({ id }) }),
    }),
  );
  const data = comparison.data;
  if (comparison.error)
    return (
      <ErrorNotice title="The comparison could not be loaded">
        {comparison.error.message}
      </ErrorNotice>
    );
  if (!data) return <Skeleton className="h-64" />;
  const busy = data.status === "queued" || data.status === "running";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{data.name}</h1>
          <p className="text-sm text-slate-500">
            Order history {formatDay(data.range.from, format.locale)} –{" "}
            {formatDay(data.range.to, format.locale)}
            {data.segmentName ? ` · segment “${data.segmentName}” at the period's start` : ""}
            {data.result
              ? ` · ${data.result.customers.toLocaleString(format.locale)} customers, ${data.result.orders.toLocaleString(format.locale)} orders`
              : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <ShareLink id={id} />
          <Button
            variant="secondary"
            disabled={busy || rerun.isPending}
            onClick={() => rerun.mutate({ id })}
          >
            Re-run on newer data
          </Button>
        </div>
      </div>
      {rerun.error ? (
        <ErrorNotice title="Could not re-run">{rerun.error.message}</ErrorNotice>
      ) : null}
      {busy ? (
        <Card>
          <CardBody>
            <p className="mb-2 text-sm text-slate-700">
              Simulating {data.status === "queued" ? "(queued)" : `${data.progress}%`}
            </p>
            <div
              role="progressbar"
              aria-label="Simulation progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={data.progress}
              className="h-2 w-full rounded bg-slate-100"
            >
              <div
                className="h-2 rounded bg-teal-600 transition-all"
                style={{ width: `${data.progress}%` }}
              />
            </div>
          </CardBody>
        </Card>
      ) : data.status === "failed" ? (
        <ErrorNotice title="The simulation failed">{data.error}</ErrorNotice>
      ) : data.result ? (
        <>
          <Card>
            <CardBody>
              <p className="text-base text-slate-900" data-testid="recommendation">
                {data.result.recommendation}
              </p>
              {data.result.ranking.changes ? (
                <p className="mt-1 text-sm text-amber-800">
                  The ranking changes within the sensitivity band: treat it as a close call.
                </p>
              ) : null}
            </CardBody>
          </Card>
          <Card>
            <CardBody>
              <ResultsTable candidates={data.result.candidates} format={format} />
              <p className="mt-3 text-xs text-slate-500">
                Beneath each figure: 90% interval from {data.result.resamples} bootstrap resamples
                of your customers. “Replayed” figures apply the program&apos;s rules to the real
                purchases; “assumed” ones rest on the behaviour below.
              </p>
            </CardBody>
          </Card>
          <ComparisonCharts result={data.result} format={format} />
          <CandidateNotes result={data.result} format={format} />
          <AssumptionsCard
            model={(data.input as { model?: unknown }).model}
            locale={format.locale}
          />
        </>
      ) : null}
    </div>
  );
}
