"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Input, Select } from "@boomerang/ui";
import type { RetentionExtras } from "./extras-search";
import { retentionSearchParams, type RetentionInput } from "./search";

type StoreOption = { id: number; name: string };

/** Every filter lives in the URL, so a view can be shared by link. */
export function RetentionFilters({
  input,
  stores,
  canChooseStore,
  busy,
  extras,
}: {
  input: RetentionInput;
  /** Kept in the URL when a filter changes (brackets, compared curves). */
  extras?: RetentionExtras;
  stores: StoreOption[];
  canChooseStore: boolean;
  busy: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [from, setFrom] = useState(input.range.from);
  const [to, setTo] = useState(input.range.to);
  const [within, setWithin] = useState(String(input.repeatWithinDays ?? 90));
  const [churn, setChurn] = useState(
    input.churnWindow ? String(input.churnWindow.churnAfterDays) : "",
  );
  const [atRisk, setAtRisk] = useState(
    input.churnWindow ? String(input.churnWindow.atRiskAfterDays) : "",
  );

  const go = (next: RetentionInput) =>
    startTransition(() =>
      router.push(`${pathname}?${retentionSearchParams(next, extras).toString()}`),
    );

  return (
    <div className="no-print space-y-2" aria-busy={pending || busy}>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          go({
            ...input,
            range: { from, to },
            repeatWithinDays: Number(within),
            churnWindow:
              churn && atRisk
                ? { churnAfterDays: Number(churn), atRiskAfterDays: Number(atRisk) }
                : null,
          });
        }}
      >
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">First purchase from</span>
          <Input
            type="date"
            aria-label="First purchase from"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
            required
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">to</span>
          <Input
            type="date"
            aria-label="First purchase to"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
            required
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">
            Repeat within (days)
          </span>
          <Input
            type="number"
            aria-label="Repeat within days"
            className="w-24"
            min={1}
            value={within}
            onChange={(e) => setWithin(e.target.value)}
            required
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">
            Churned after (days)
          </span>
          <Input
            type="number"
            aria-label="Churned after days"
            className="w-24"
            min={2}
            placeholder="auto"
            value={churn}
            onChange={(e) => setChurn(e.target.value)}
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">
            At risk after (days)
          </span>
          <Input
            type="number"
            aria-label="At risk after days"
            className="w-24"
            min={1}
            placeholder="auto"
            value={atRisk}
            onChange={(e) => setAtRisk(e.target.value)}
          />
        </label>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">Cohorts by</span>
          <Select
            aria-label="Cohorts by"
            value={input.grain ?? "month"}
            onChange={(e) => go({ ...input, grain: e.target.value as RetentionInput["grain"] })}
          >
            <option value="week">Week</option>
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">Channel</span>
          <Select
            aria-label="Channel"
            value={input.channel ?? ""}
            onChange={(e) =>
              go({
                ...input,
                channel: e.target.value === "" ? null : (e.target.value as "online" | "offline"),
              })
            }
          >
            <option value="">All channels</option>
            <option value="online">Online</option>
            <option value="offline">In store</option>
          </Select>
        </label>
        {canChooseStore ? (
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">Home store</span>
            <Select
              aria-label="Home store"
              value={input.storeId ?? ""}
              onChange={(e) =>
                go({ ...input, storeId: e.target.value ? Number(e.target.value) : null })
              }
            >
              <option value="">All stores</option>
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          Print
        </Button>
        {pending || busy ? (
          <span className="pb-2 text-xs text-slate-500" role="status">
            Updating…
          </span>
        ) : null}
      </div>
    </div>
  );
}
