"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import {
  Badge,
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
import { rfmGroupLabels, type RfmGroup } from "@boomerang/domain/segments";
import { useTRPC } from "@/trpc/react";
import { CustomerEvents } from "./customer-events";
import { channelLabels, relativeTime } from "./customer-format";
import { CustomerMemberships } from "./customer-memberships";
import { CustomerOrdersTable } from "./customer-orders-table";
import type { BusinessFormat } from "./customers-table";
import { PurchaseTimelineChart } from "./purchase-timeline-chart";

function Figure({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <p className="text-sm text-slate-500">{label}</p>
      <p
        className="mt-1 text-xl font-semibold text-slate-900 tabular-nums"
        data-testid={`${testId}-value`}
      >
        {value}
      </p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

const consentChannels = ["email", "sms", "messenger", "push"] as const;

/** One customer: who they are, what they bought, the programs and segments they are in, what they did lately. */
export function CustomerDetailView({
  customerId,
  business,
  now,
}: {
  customerId: number;
  business: BusinessFormat;
  now: string;
}) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.customers.get.queryOptions({ id: customerId }));
  const { currency, locale, timezone } = business;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: timezone });
  const money = (minor: number) => formatMoney(minor, currency, locale);
  if (detail.error)
    return (
      <ErrorNotice title="The customer could not be loaded">{detail.error.message}</ErrorNotice>
    );
  const data = detail.data;
  if (!data) return <Skeleton className="h-96" />;
  const p = data.profile;
  const nowDate = new Date(now);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/customers" className="text-sm text-teal-700 hover:underline">
          ← Customers
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{p.name}</h1>
        <p className="text-sm text-slate-500">
          <span className="font-mono">{p.externalId}</span>
          {p.homeStore ? ` · home store ${p.homeStore.name}` : " · no home store"}
          {` · signed up ${day.format(p.signedUpAt)}`}
        </p>
      </div>

      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Figure testId="customer-orders" label="Orders" value={formatNumber(p.orders, locale)} />
        <Figure testId="customer-revenue" label="Total spent" value={money(p.revenue)} />
        <Figure
          testId="customer-aov"
          label="Average order"
          value={data.averageOrderValue === null ? "—" : money(data.averageOrderValue)}
        />
        <Figure
          testId="customer-last-order"
          label="Last order"
          value={p.lastOrderAt ? relativeTime(p.lastOrderAt, nowDate, locale) : "Never"}
          hint={
            p.firstOrderAt && p.lastOrderAt
              ? `First ${day.format(p.firstOrderAt)} · last ${day.format(p.lastOrderAt)}`
              : "No orders yet"
          }
        />
        <Figure
          testId="customer-clv"
          label="Predicted value, next 12 months"
          value={p.prediction ? money(p.prediction.expectedRevenue12m) : "Not predicted"}
          hint={
            p.prediction
              ? `${formatNumber(p.prediction.expectedPurchases12m, locale)} expected orders · fitted ${day.format(p.prediction.predictedAt)}`
              : "Predictions are fitted for customers with orders (Retention page)."
          }
        />
        <Figure
          testId="customer-churn"
          label="Churn probability"
          value={p.prediction ? formatPercent(1 - p.prediction.probabilityActive, locale, 0) : "—"}
          hint={
            p.prediction
              ? `${formatPercent(p.prediction.probabilityActive, locale, 0)} likely still active (BG/NBD)`
              : undefined
          }
        />
        <Figure
          testId="customer-rfm"
          label="RFM group"
          value={p.rfm ? (rfmGroupLabels[p.rfm.group as RfmGroup] ?? p.rfm.group) : "Not scored"}
          hint={
            p.rfm
              ? `Recency ${p.rfm.recency} · frequency ${p.rfm.frequency} · monetary ${p.rfm.monetary} (of 5)`
              : "Scored once the customer has ordered."
          }
        />
        <Figure
          testId="customer-programs"
          label="Programs"
          value={formatNumber(data.memberships.filter((m) => !m.isControl).length, locale)}
          hint={
            data.memberships.some((m) => m.isControl)
              ? `and ${data.memberships.filter((m) => m.isControl).length} as control group`
              : undefined
          }
        />
      </div>

      <div className="grid gap-6 xl:grid-cols-3">
        <Card>
          <CardHeader title="Profile" />
          <CardBody>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-slate-500">Email</dt>
              <dd className="break-all">{p.email ?? "—"}</dd>
              <dt className="text-slate-500">Phone</dt>
              <dd>{p.phone ?? "—"}</dd>
              <dt className="text-slate-500">Born</dt>
              <dd>{p.birthDate ?? "—"}</dd>
              <dt className="text-slate-500">Gender</dt>
              <dd className="capitalize">{p.gender}</dd>
              <dt className="text-slate-500">Lives in</dt>
              <dd>{[p.city, p.region].filter(Boolean).join(", ") || "—"}</dd>
              <dt className="text-slate-500">Prefers</dt>
              <dd>
                {p.preferredChannel
                  ? (channelLabels[p.preferredChannel] ?? p.preferredChannel)
                  : "—"}
              </dd>
              <dt className="text-slate-500">Consents</dt>
              <dd className="flex flex-wrap gap-1" aria-label="Consents">
                {consentChannels.map((c) => (
                  <Badge key={c} tone={p.consent[c] ? "teal" : "slate"}>
                    {channelLabels[c]}: {p.consent[c] ? "yes" : "no"}
                  </Badge>
                ))}
              </dd>
            </dl>
          </CardBody>
        </Card>
        <Card className="xl:col-span-2">
          <CardHeader
            title="Purchase timeline"
            description="What they spent each month (business time zone)."
          />
          <CardBody>
            {data.months.length === 0 ? (
              <EmptyState title="No purchases yet">
                Orders appear here once they are imported or sent through the API.
              </EmptyState>
            ) : (
              <PurchaseTimelineChart months={data.months} business={business} />
            )}
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader
          title="Orders"
          description={
            p.orders > data.ordersShown
              ? `The latest ${data.ordersShown} of ${formatNumber(p.orders, locale)} orders.`
              : "Every order, newest first."
          }
        />
        <CardBody>
          {data.orders.length === 0 ? (
            <EmptyState title="No orders yet" />
          ) : (
            <CustomerOrdersTable orders={data.orders} business={business} />
          )}
        </CardBody>
      </Card>

      <div className="grid gap-6 xl:grid-cols-3">
        <Card>
          <CardHeader title="Programs" description="Memberships, tiers and balances today." />
          <CardBody>
            {data.memberships.length === 0 ? (
              <EmptyState title="Not in any program">
                Customers join a running program when they match its target.
              </EmptyState>
            ) : (
              <CustomerMemberships memberships={data.memberships} business={business} />
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Segments" description="Saved segments they are in today." />
          <CardBody>
            {data.segments.length === 0 ? (
              <EmptyState title="In none of the saved segments">
                Segments are built on the Segments page; this customer matches none of them today.
              </EmptyState>
            ) : (
              <ul className="flex flex-wrap gap-2" aria-label="Segments">
                {data.segments.map((s) => (
                  <li key={s.id}>
                    <Link
                      href={`/segments/${s.id}`}
                      className="inline-flex rounded-full bg-sky-50 px-2.5 py-1 text-xs font-medium text-sky-800 hover:underline"
                    >
                      {s.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Recent events" description="Messages, visits, reviews and more." />
          <CardBody>
            {data.events.length === 0 ? (
              <EmptyState title="No events recorded" />
            ) : (
              <CustomerEvents events={data.events} business={business} />
            )}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
