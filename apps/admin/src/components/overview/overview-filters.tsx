"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, Input, Select } from "@boomerang/ui";
import { presets } from "./period";
import type { OverviewInput } from "./overview-view";

type StoreOption = { id: number; name: string };

/** Period and store pickers; the choice lives in the URL so a view can be shared by link. */
export function OverviewFilters({
  input,
  today,
  stores,
  canChooseStore,
  busy,
}: {
  input: OverviewInput;
  today: string;
  stores: StoreOption[];
  canChooseStore: boolean;
  busy: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const activePreset = presets.find((p) => {
    const r = p.range(today);
    return r.from === input.range.from && r.to === input.range.to;
  });
  const [custom, setCustom] = useState(!activePreset);
  const [from, setFrom] = useState(input.range.from);
  const [to, setTo] = useState(input.range.to);

  const go = (next: { from: string; to: string; storeId: number | null }) => {
    const params = new URLSearchParams({ from: next.from, to: next.to });
    if (next.storeId !== null) params.set("store", String(next.storeId));
    startTransition(() => router.push(`${pathname}?${params.toString()}`));
  };

  return (
    <div className="no-print flex flex-wrap items-end gap-2" aria-busy={pending || busy}>
      <label className="text-sm">
        <span className="mb-1 block text-xs font-medium text-slate-600">Period</span>
        <Select
          aria-label="Period"
          value={custom ? "custom" : (activePreset?.id ?? "custom")}
          onChange={(e) => {
            const preset = presets.find((p) => p.id === e.target.value);
            if (!preset) return setCustom(true);
            setCustom(false);
            go({ ...preset.range(today), storeId: input.storeId });
          }}
        >
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </Select>
      </label>
      {custom ? (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            go({ from, to, storeId: input.storeId });
          }}
        >
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">From</span>
            <Input
              type="date"
              aria-label="From"
              value={from}
              max={to}
              onChange={(e) => setFrom(e.target.value)}
              required
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">To</span>
            <Input
              type="date"
              aria-label="To"
              value={to}
              min={from}
              onChange={(e) => setTo(e.target.value)}
              required
            />
          </label>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </form>
      ) : null}
      {canChooseStore ? (
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">Store</span>
          <Select
            aria-label="Store"
            value={input.storeId ?? ""}
            onChange={(e) =>
              go({ ...input.range, storeId: e.target.value ? Number(e.target.value) : null })
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
      {pending || busy ? (
        <span className="pb-2 text-xs text-slate-500" role="status">
          Updating…
        </span>
      ) : null}
    </div>
  );
}
