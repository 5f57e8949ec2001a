"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatMoney,
  formatNumber,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import type { ProgramInputValues } from "./editor-state";
import { useDebounced } from "./use-debounced";

type PreviewInput = Pick<
  ProgramInputValues,
  "type" | "config" | "targetStoreIds" | "channels" | "budgetCap"
>;

/**
 * What four of the business's own typical customers would have earned over the last 12 months
 * under the configuration as typed; re-run when the parameters settle.
 */
export function PreviewPanel({
  input,
  formErrors,
  currency,
  locale,
}: {
  input: PreviewInput;
  formErrors: string[];
  currency: string;
  locale: string;
}) {
  const trpc = useTRPC();
  const settled = useDebounced(JSON.stringify(input), 400);
  const query = useQuery(
    trpc.programs.preview.queryOptions(JSON.parse(settled) as PreviewInput, {
      enabled: formErrors.length === 0,
      placeholderData: keepPreviousData,
    }),
  );
  const data = query.data;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <Card aria-busy={query.isFetching} data-testid="program-preview">
      <CardHeader
        title="Live preview"
        description="Real customers from your data, replayed through this configuration over the last 12 months (the schedule is ignored here)."
      />
      <CardBody className="space-y-4">
        {formErrors.length > 0 ? (
          <ErrorNotice title="Fix these to see the preview">
            <ul className="list-disc pl-4">
              {formErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </ErrorNotice>
        ) : query.error ? (
          <ErrorNotice title="The preview could not be computed">{query.error.message}</ErrorNotice>
        ) : !data ? (
          <Skeleton className="h-48" />
        ) : !data.ok ? (
          <ErrorNotice title="Fix these to see the preview">{data.errors.join("; ")}</ErrorNotice>
        ) : data.customers.length === 0 ? (
          <EmptyState title="No customers to preview on yet">
            Bring in customers and orders on the Data page; the preview uses your own history.
          </EmptyState>
        ) : (
          data.customers.map((c) => (
            <section
              key={c.profile}
              className="rounded-md border border-slate-200 p-3"
              data-testid={`preview-${c.profile.replace(/\s+/g, "-")}`}
            >
              <div className="flex items-baseline justify-between gap-2">
                <h3 className="font-medium capitalize text-slate-900">{c.profile}</h3>
                <span className="text-xs text-slate-500">
                  {c.name} · {formatNumber(c.orders, locale)} orders · {money(c.spent)}
                </span>
              </div>
              <p className="mt-1 text-sm text-slate-800" data-testid="preview-outcome">
                {[
                  c.outcome.earned !== 0
                    ? `earned ${data.unit === "money" ? money(c.outcome.earned) : `${formatNumber(c.outcome.earned, locale)} points`}`
                    : null,
                  c.outcome.discount > 0 ? `${money(c.outcome.discount)} in discounts` : null,
                  c.outcome.gifts.length > 0
                    ? `${formatNumber(c.outcome.gifts.length, locale)} gift${c.outcome.gifts.length === 1 ? "" : "s"} (${c.outcome.gifts[0]})`
                    : null,
                  c.outcome.tier ? `tier ${c.outcome.tier}` : null,
                ]
                  .filter(Boolean)
                  .join(" · ") || "Nothing earned"}
                <span className="text-slate-500"> — costs you {money(c.outcome.cost)}</span>
              </p>
              {c.reasons.length > 0 ? (
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="cursor-pointer">Why</summary>
                  <ul className="mt-1 list-disc space-y-0.5 pl-4">
                    {c.reasons.map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                    {c.moreReasons > 0 ? (
                      <li>…and {formatNumber(c.moreReasons, locale)} more</li>
                    ) : null}
                  </ul>
                </details>
              ) : null}
            </section>
          ))
        )}
      </CardBody>
    </Card>
  );
}
