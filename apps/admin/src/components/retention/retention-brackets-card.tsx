"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { checkBracketEnds } from "@boomerang/domain/metrics";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatNumber,
  formatPercent,
  Input,
  Skeleton,
} from "@boomerang/ui";
import { Heatmap } from "@boomerang/ui/charts/heatmap";
import { CsvDownload } from "@/components/charts/csv-download";
import { useTRPC } from "@/trpc/react";
import { channelNote } from "./channel-note";
import { cohortLabel } from "./labels";
import type { BusinessFormat } from "./retention-view";
import type { RetentionInput } from "./search";

const bracketLabel = (b: { fromDay: number; toDay: number }) =>
  b.fromDay === b.toDay ? `Day ${b.fromDay}` : `Days ${b.fromDay}–${b.toDay}`;

/**
 * Share of each cohort who bought again in each bracket of days after their first purchase; the
 * brackets are edited here and kept in the URL. A bracket some customers are still inside is
 * hatched and left out of the weighted mean.
 */
export function RetentionBracketsCard({
  input,
  ends,
  onEndsChange,
  business,
}: {
  input: RetentionInput;
  ends: number[];
  onEndsChange: (ends: number[]) => void;
  business: BusinessFormat;
}) {
  const trpc = useTRPC();
  const grain = input.grain ?? "month";
  const query = useQuery(
    trpc.retention.brackets.queryOptions(
      {
        range: input.range,
        storeId: input.storeId ?? null,
        grain,
        channel: input.channel ?? null,
        segmentId: input.segmentId ?? null,
        program: input.program ?? null,
        ends,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const [text, setText] = useState(ends.join(", "));
  const [problem, setProblem] = useState<string | null>(null);
  const data = query.data;
  const pct = (v: number) => formatPercent(v, business.locale, 0);

  const apply = () => {
    const parts = text
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
    const why = parts.some(Number.isNaN)
      ? "Write the last day of each bracket as whole numbers, e.g. 7, 30, 90."
      : checkBracketEnds(parts);
    setProblem(why);
    if (!why) onEndsChange(parts);
  };

  const columns = data?.brackets.map(bracketLabel) ?? [];
  const rows = data
    ? [
        ...data.rows.map((row) => ({
          key: row.cohort,
          label: cohortLabel(grain, row.cohort, business.locale),
          note: formatNumber(row.size, business.locale),
          cells: row.cells.map((c, i) => ({
            value: c.rate,
            label: pct(c.rate),
            detail: `${cohortLabel(grain, row.cohort, business.locale)}, ${bracketLabel(data.brackets[i]!).toLowerCase()} after the first purchase: ${formatNumber(c.buyers, business.locale)} of ${formatNumber(row.size, business.locale)} customers bought again (${pct(c.rate)})${c.complete ? "" : " — some customers are still inside this bracket"}`,
            muted: !c.complete,
          })),
        })),
        {
          key: "mean",
          label: "Weighted mean",
          note: "",
          cells: data.mean.map((m, i) => ({
            value: m.rate,
            label: m.rate === null ? "—" : pct(m.rate),
            detail:
              m.rate === null
                ? `${bracketLabel(data.brackets[i]!)}: no cohort is past this bracket yet`
                : `${bracketLabel(data.brackets[i]!)}: ${pct(m.rate)} over ${formatNumber(m.cohorts, business.locale)} cohorts (${formatNumber(m.customers, business.locale)} customers) whose bracket is over`,
          })),
        },
      ]
    : [];

  return (
    <Card>
      <CardHeader
        title="Retention by days since first purchase"
        description={`The share of each cohort who bought again within each bracket of days after their first purchase (day 0 is the first purchase's day; a second order that day counts for the first bracket).${channelNote(input.channel ?? null, "first-purchase")}`}
        actions={
          <CsvDownload
            filename={`retention-brackets-${grain}.csv`}
            header={[
              "cohort",
              "size",
              "bracket_from_day",
              "bracket_to_day",
              "buyers",
              "rate",
              "complete",
            ]}
            rows={
              data
                ? [
                    ...data.rows.flatMap((r) =>
                      r.cells.map((c, i) => [
                        r.cohort,
                        r.size,
                        data.brackets[i]!.fromDay,
                        data.brackets[i]!.toDay,
                        c.buyers,
                        c.rate,
                        String(c.complete),
                      ]),
                    ),
                    ...data.mean.map((m, i) => [
                      "weighted mean",
                      m.customers,
                      data.brackets[i]!.fromDay,
                      data.brackets[i]!.toDay,
                      null,
                      m.rate,
                      null,
                    ]),
                  ]
                : []
            }
          />
        }
      />
      <CardBody className="space-y-3">
        <form
          className="no-print flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">
              Brackets end on days
            </span>
            <Input
              aria-label="Brackets end on days"
              className="w-64"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={problem !== null}
              aria-describedby={problem ? "bracket-problem" : undefined}
            />
          </label>
          <Button type="submit" variant="secondary">
            Apply brackets
          </Button>
          {problem ? (
            <p id="bracket-problem" role="alert" className="pb-2 text-xs text-rose-700">
              {problem}
            </p>
          ) : null}
        </form>
        {query.error ? (
          <ErrorNotice title="Brackets could not be loaded">{query.error.message}</ErrorNotice>
        ) : !data ? (
          <Skeleton className="h-48" />
        ) : data.rows.length === 0 ? (
          <EmptyState title="No customers made a first purchase in this period">
            Choose an earlier or longer period above.
          </EmptyState>
        ) : (
          <Heatmap
            ariaLabel="Retention by days since first purchase"
            rowHeader="Cohort"
            noteHeader="Customers"
            columns={columns}
            rows={rows}
            legend={{
              low: "0%",
              high: "100%",
              muted: "Some customers are still inside the bracket (left out of the mean)",
            }}
          />
        )}
      </CardBody>
    </Card>
  );
}
