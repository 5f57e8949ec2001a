"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatDay,
  formatMoney,
  formatNumber,
  formatPercent,
  Skeleton,
  Stat,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { LedgerChart } from "./ledger-chart";
import { LifecycleActions } from "./lifecycle-actions";
import { StatusBadge } from "./status-badge";

const day = (d: Date | string | null, locale: string) =>
  d === null ? null : formatDay(new Date(d).toISOString().slice(0, 10), locale);

/** Configuration, audience and ledger figures of one program, with the lifecycle buttons for editors. */
export function ProgramDetail({
  id,
  canEdit,
  typeName,
}: {
  id: number;
  canEdit: boolean;
  typeName: string;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.programs.get.queryOptions({ id }));
  if (query.error)
    return <ErrorNotice title="The program could not be loaded">{query.error.message}</ErrorNotice>;
  const data = query.data;
  if (!data) return <Skeleton className="h-64" />;
  const { program, stats, unit, currency, locale } = data;
  const amount = (v: number) =>
    unit === "money" ? formatMoney(v, currency, locale) : `${formatNumber(v, locale)} points`;
  const neverRan = program.status === "draft";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm">
            <Link href="/programs" className="text-teal-800 hover:underline">
              Programs
            </Link>
          </p>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            {program.name} <StatusBadge status={program.status} />
          </h1>
          <p className="text-sm text-slate-500">
            {typeName} · version {program.currentVersion}
            {data.storeId !== null ? " · figures for your store's customers only" : ""}
          </p>
        </div>
        {canEdit ? (
          <LifecycleActions id={program.id} status={program.status} revision={program.revision} />
        ) : null}
      </div>

      <Card>
        <CardHeader title="Configuration" />
        <CardBody>
          <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-2">
            <div>
              <dt className="text-slate-500">Rule</dt>
              <dd data-testid="program-summary">{data.summary ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Target</dt>
              <dd>
                {program.segmentId === null
                  ? "All customers"
                  : `Segment ${data.segmentName ?? `#${program.segmentId}`}`}
                {program.storeIds.length > 0
                  ? ` of ${formatNumber(program.storeIds.length, locale)} store(s)`
                  : ""}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Period</dt>
              <dd>
                {day(program.startsAt, locale) ?? "From activation"} –{" "}
                {day(program.endsAt, locale) ?? "no end"}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Budget cap · control group</dt>
              <dd>
                {program.budgetCap === null
                  ? "No cap"
                  : formatMoney(program.budgetCap, currency, locale)}{" "}
                · {formatPercent(program.controlShareBp / 10000, locale)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Channels</dt>
              <dd>{program.channels.map((c) => (c === "offline" ? "in store" : c)).join(", ")}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Messages</dt>
              <dd>
                {program.messages.length === 0
                  ? "None"
                  : program.messages
                      .map((m) => `${m.trigger.replace("_", " ")} (${m.channel})`)
                      .join(", ")}
              </dd>
            </div>
          </dl>
        </CardBody>
      </Card>

      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat
          label="Members"
          value={formatNumber(stats.members, locale)}
          change={null}
          changeLabel={`${formatNumber(stats.control, locale)} in the control group`}
          testId="stat-members"
        />
        <Stat
          label="Issued"
          value={amount(stats.issued)}
          change={null}
          changeLabel="since activation"
          testId="stat-issued"
        />
        <Stat
          label="Redeemed"
          value={amount(stats.redeemed)}
          change={null}
          changeLabel={
            stats.redemptionRate === null
              ? "nothing issued yet"
              : `${formatPercent(stats.redemptionRate, locale)} redemption rate`
          }
          testId="stat-redeemed"
        />
        <Stat
          label="Expired"
          value={amount(stats.expired)}
          change={null}
          changeLabel="lapsed unused"
          testId="stat-expired"
        />
        <Stat
          label="Outstanding liability"
          value={amount(stats.outstanding)}
          change={null}
          changeLabel="issued, not yet used or expired"
          testId="stat-outstanding"
        />
      </div>

      <Card>
        <CardHeader
          title="Over time"
          description="Issued, redeemed and expired per month, from the program's ledger."
        />
        <CardBody>
          {stats.months.length === 0 ? (
            <EmptyState
              title={neverRan ? "The program has not run yet" : "Nothing in the ledger yet"}
            >
              {neverRan
                ? "Activate it to enroll its customers; figures fill in as members buy and earn."
                : "Figures fill in as members buy and earn: each reward, redemption and expiry is written to the ledger."}
            </EmptyState>
          ) : (
            <LedgerChart months={stats.months} unit={unit} currency={currency} locale={locale} />
          )}
        </CardBody>
      </Card>
    </div>
  );
}
