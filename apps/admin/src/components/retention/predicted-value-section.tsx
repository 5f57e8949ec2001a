"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatMoney,
  formatNumber,
  formatPercent,
  Skeleton,
} from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import type { RouterOutputs } from "@boomerang/api";
import { useTRPC } from "@/trpc/react";
import { CsvDownload } from "@/components/charts/csv-download";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type PredictedValue = RouterOutputs["retention"]["predictedValue"];
type Fit = NonNullable<PredictedValue["fit"]>;

const ACTUAL = "#0f766e";
const PREDICTED = "#7c3aed";

function fittedAtText(iso: string, business: BusinessFormat) {
  return new Intl.DateTimeFormat(business.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: business.timezone,
  }).format(new Date(iso));
}

/**
 * Predicted value (BG/NBD + Gamma-Gamma): the fit and its 12-month totals with 90% intervals, the
 * holdout calibration check as charts, and the customers with the highest expected revenue.
 */
export function PredictedValueSection({
  storeId,
  business,
  canRefit,
  channel = null,
}: {
  storeId: number | null;
  business: BusinessFormat;
  canRefit: boolean;
  /** The page's channel filter, which the fitted models do not split by: said so in the text. */
  channel?: "online" | "offline" | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const value = useQuery(trpc.retention.predictedValue.queryOptions({ storeId }));
  const refit = useMutation(
    trpc.retention.refitPredictions.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.retention.predictedValue.pathKey() }),
    }),
  );
  const data = value.data;

  return (
    <section aria-labelledby="predicted-value" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="predicted-value" className="text-xl font-semibold tracking-tight">
            Predicted value
          </h2>
          <p className="text-sm text-slate-500">
            {data?.fit
              ? data.fit.scope === "store"
                ? `Fitted ${fittedAtText(data.fit.fittedAt, business)}${data.fit.refittedBy ? ` by ${data.fit.refittedBy}` : ""}; predictions for ${formatNumber(data.fit.customers, business.locale)} of your store's customers. Intervals are 90%, from ${data.fit.resamples} bootstrap resamples.`
                : `Fitted ${fittedAtText(data.fit.fittedAt, business)} on ${formatNumber(data.fit.customers, business.locale)} customers (models fitted on ${formatNumber(data.fit.fittedOn, business.locale)})${data.fit.refittedBy ? ` by ${data.fit.refittedBy}` : ""}. Intervals are 90%, from ${data.fit.resamples} bootstrap resamples.`
              : "Purchase frequency and dropout (BG/NBD) and spend (Gamma-Gamma), fitted on every customer's history."}
            {channelNote(channel, "models")}
          </p>
        </div>
        {canRefit ? (
          <Button
            type="button"
            className="no-print"
            disabled={refit.isPending}
            onClick={() => refit.mutate({})}
          >
            {refit.isPending ? "Refitting…" : "Refit now"}
          </Button>
        ) : null}
      </div>
      {refit.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Refitting the models on every customer and rewriting their predictions; this takes a few
          seconds to a minute on a large base.
        </p>
      ) : null}
      {refit.error ? (
        <ErrorNotice title="The models could not be refitted">{refit.error.message}</ErrorNotice>
      ) : null}

      {value.error ? (
        <ErrorNotice title="Predicted value could not be loaded">{value.error.message}</ErrorNotice>
      ) : !data ? (
        <Skeleton className="h-72" />
      ) : !data.fit ? (
        <EmptyState title="The models have not been fitted yet">
          {canRefit
            ? "Press “Refit now” to fit them on your customers' orders."
            : "Ask a marketer or an admin to refit them from this page."}
        </EmptyState>
      ) : (
        <>
          <Totals fit={data.fit} business={business} />
          {data.fit.scope === "store" ? (
            <p className="text-sm text-slate-600">
              Totals are for your store&apos;s customers. The models&apos; holdout check is computed
              over the whole business, so analysts and marketers see it.
            </p>
          ) : (
            <div className="grid gap-6 xl:grid-cols-2">
              <CalibrationByFrequencyCard fit={data.fit} business={business} />
              <CumulativeCalibrationCard fit={data.fit} business={business} />
            </div>
          )}
          <TopCustomersCard data={data} business={business} />
        </>
      )}
    </section>
  );
}

function Totals({ fit, business }: { fit: Fit; business: BusinessFormat }) {
  const { purchases, revenue } = fit.totals;
  const number = (v: number) => formatNumber(v, business.locale, true);
  const money = (v: number) => formatMoney(v, business.currency, business.locale, true);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Figure
        label="Expected purchases, next 12 months"
        value={number(purchases.estimate)}
        interval={`90% interval ${number(purchases.low)} – ${number(purchases.high)}`}
      />
      <Figure
        label="Expected revenue, next 12 months"
        value={revenue ? money(revenue.estimate) : "—"}
        interval={
          revenue
            ? `90% interval ${money(revenue.low)} – ${money(revenue.high)}`
            : "Too few repeat purchases to fit the spend model."
        }
      />
    </div>
  );
}

function Figure({ label, value, interval }: { label: string; value: string; interval: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className="mt-1 text-xs text-slate-500 tabular-nums">{interval}</p>
    </div>
  );
}

function CalibrationByFrequencyCard({ fit, business }: { fit: Fit; business: BusinessFormat }) {
  const c = fit.calibration;
  const rows = (c?.byFrequency ?? []).map((g) => ({
    group: `${g.repeatPurchases}${g.orMore ? "+" : ""}`,
    actual: g.actual,
    predicted: g.predicted,
    customers: g.customers,
  }));
  return (
    <Card>
      <CardHeader
        title="Holdout check by purchase frequency"
        description={
          c
            ? `Fitted on orders before ${fittedAtText(c.holdoutStart, business)}; mean purchases per customer in the ${c.holdoutWeeks} weeks after, by repeat purchases before (${formatNumber(c.customers, business.locale)} customers).`
            : "Fit on an earlier period and compare with what customers bought after it."
        }
        actions={
          <CsvDownload
            filename="calibration-by-frequency.csv"
            header={["repeat_purchases", "customers", "actual_mean", "predicted_mean"]}
            rows={rows.map((r) => [r.group, r.customers, r.actual, r.predicted])}
          />
        }
      />
      <CardBody>
        {rows.length === 0 ? (
          <EmptyState title="Not enough history for a holdout check">
            The check needs at least 20 customers who bought more than 26 weeks ago. Refit once more
            history has come in.
          </EmptyState>
        ) : (
          <LineChart
            ariaLabel="Actual and predicted holdout purchases per customer by calibration repeat purchases"
            data={rows}
            xKey="group"
            series={[
              { key: "actual", label: "Actual", color: ACTUAL },
              { key: "predicted", label: "Predicted (BG/NBD)", color: PREDICTED, dashed: true },
            ]}
            formatX={(x) => `${x} repeat`}
            formatY={(v) => formatNumber(v, business.locale)}
          />
        )}
      </CardBody>
    </Card>
  );
}

function CumulativeCalibrationCard({ fit, business }: { fit: Fit; business: BusinessFormat }) {
  const rows = fit.calibration?.cumulative ?? [];
  return (
    <Card>
      <CardHeader
        title="Holdout check over time"
        description="Cumulative purchases in the holdout weeks: what the customers bought and what the model fitted before expected."
        actions={
          <CsvDownload
            filename="calibration-cumulative.csv"
            header={["week", "actual_cumulative", "predicted_cumulative"]}
            rows={rows.map((r) => [r.week, r.actual, r.predicted])}
          />
        }
      />
      <CardBody>
        {rows.length === 0 ? (
          <EmptyState title="Not enough history for a holdout check">
            Refit once customers have more than 26 weeks of orders.
          </EmptyState>
        ) : (
          <LineChart
            ariaLabel="Cumulative actual and predicted purchases over the holdout weeks"
            data={rows}
            xKey="week"
            series={[
              { key: "actual", label: "Actual", color: ACTUAL },
              { key: "predicted", label: "Predicted (BG/NBD)", color: PREDICTED, dashed: true },
            ]}
            formatX={(x) => `W${x}`}
            formatY={(v) => formatNumber(v, business.locale, true)}
          />
        )}
      </CardBody>
    </Card>
  );
}

function TopCustomersCard({ data, business }: { data: PredictedValue; business: BusinessFormat }) {
  const money = (v: number) => formatMoney(v, business.currency, business.locale);
  const number = (v: number) => formatNumber(v, business.locale);
  return (
    <Card>
      <CardHeader
        title="Customers by predicted value"
        description="The customers with the highest expected revenue over the next 12 months, with 90% intervals."
        actions={
          <CsvDownload
            filename="customers-by-predicted-value.csv"
            header={[
              "customer_id",
              "name",
              "probability_active",
              "expected_purchases_12m",
              "expected_revenue_12m_minor",
              "revenue_low_minor",
              "revenue_high_minor",
              "last_order_at",
            ]}
            rows={data.customers.map((c) => [
              c.customerId,
              c.name,
              c.probabilityActive,
              c.expectedPurchases,
              c.expectedRevenue,
              c.revenueInterval?.low ?? null,
              c.revenueInterval?.high ?? null,
              c.lastOrderAt,
            ])}
          />
        }
      />
      <CardBody>
        {data.customers.length === 0 ? (
          <EmptyState title="No customers with predictions here">
            Choose another store, or refit after orders have come in for these customers.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Customers by predicted value</caption>
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-3 font-medium">Customer</th>
                  <th className="py-2 pr-3 text-right font-medium">Probability active</th>
                  <th className="py-2 pr-3 text-right font-medium">Expected purchases</th>
                  <th className="py-2 pr-3 text-right font-medium">Expected revenue (12 months)</th>
                  <th className="py-2 pr-3 text-right font-medium">90% interval</th>
                  <th className="py-2 font-medium">Last order</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.customers.map((c) => (
                  <tr key={c.customerId}>
                    <td className="py-2 pr-3">
                      <Link
                        href={`/customers/${c.customerId}`}
                        className="font-medium text-slate-900 underline-offset-2 hover:underline"
                      >
                        {c.name}
                      </Link>
                      {c.email ? <div className="text-xs text-slate-500">{c.email}</div> : null}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {formatPercent(c.probabilityActive, business.locale, 0)}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {number(c.expectedPurchases)}
                      <div className="text-xs text-slate-500">
                        {number(c.purchasesInterval.low)} – {number(c.purchasesInterval.high)}
                      </div>
                    </td>
                    <td className="py-2 pr-3 text-right font-medium tabular-nums">
                      {c.expectedRevenue === null ? "—" : money(c.expectedRevenue)}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums text-slate-600">
                      {c.revenueInterval
                        ? `${money(c.revenueInterval.low)} – ${money(c.revenueInterval.high)}`
                        : "—"}
                    </td>
                    <td className="py-2 tabular-nums">
                      {new Intl.DateTimeFormat(business.locale, {
                        dateStyle: "medium",
                        timeZone: business.timezone,
                      }).format(new Date(c.lastOrderAt))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
