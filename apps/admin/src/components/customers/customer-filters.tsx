"use client";

import { Button, Input, Select } from "@boomerang/ui";
import { rfmGroupLabels, rfmGroups } from "@boomerang/domain/segments";
import { channelLabels } from "./customer-format";
import {
  activityKeys,
  consentKeys,
  contactChannelKeys,
  type CustomerSearch,
} from "./customer-search";

const activityLabels: Record<(typeof activityKeys)[number], string> = {
  active: "Active (ordered within the churn window)",
  lapsed: "Lapsed (no order within the churn window)",
  never: "Never ordered",
};
const consentLabels: Record<(typeof consentKeys)[number], string> = {
  email: "Email",
  sms: "SMS",
  messenger: "Messenger",
  push: "Push",
  any: "Any channel",
  none: "No consent",
};

function FilterSelect<T extends string>({
  label,
  value,
  options,
  anyLabel,
  onChange,
}: {
  label: string;
  value: T | null;
  options: readonly { value: T; label: string }[];
  anyLabel: string;
  onChange: (value: T | null) => void;
}) {
  return (
    <label className="text-sm">
      <span className="mb-1 block text-xs font-medium text-slate-600">{label}</span>
      <Select
        aria-label={label}
        value={value ?? ""}
        onChange={(e) => onChange((e.target.value || null) as T | null)}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </label>
  );
}

/** Search box and filters of the customers list; the search text is applied by the parent, debounced. */
export function CustomerFilters({
  search,
  text,
  onText,
  onChange,
  stores,
  canChooseStore,
  lapsedAfterDays,
}: {
  search: CustomerSearch;
  text: string;
  onText: (text: string) => void;
  onChange: (patch: Partial<CustomerSearch>) => void;
  stores: readonly { id: number; name: string }[];
  canChooseStore: boolean;
  lapsedAfterDays: number | null;
}) {
  const filtered =
    text !== "" ||
    search.store !== null ||
    search.rfm !== null ||
    search.channel !== null ||
    search.consent !== null ||
    search.activity !== null;
  return (
    <form
      role="search"
      aria-label="Find customers"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="min-w-64 flex-1 text-sm">
        <span className="mb-1 block text-xs font-medium text-slate-600">Search</span>
        <Input
          type="search"
          aria-label="Search customers"
          placeholder="Name, email, external id or phone"
          value={text}
          maxLength={120}
          onChange={(e) => onText(e.target.value)}
        />
      </label>
      {canChooseStore ? (
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">Home store</span>
          <Select
            aria-label="Home store"
            value={search.store ?? ""}
            onChange={(e) => onChange({ store: e.target.value ? Number(e.target.value) : null })}
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
      <FilterSelect
        label="RFM group"
        value={search.rfm}
        anyLabel="Any group"
        options={rfmGroups.map((g) => ({ value: g, label: rfmGroupLabels[g] }))}
        onChange={(rfm) => onChange({ rfm })}
      />
      <FilterSelect
        label="Prefers"
        value={search.channel}
        anyLabel="Any channel"
        options={contactChannelKeys.map((c) => ({ value: c, label: channelLabels[c]! }))}
        onChange={(channel) => onChange({ channel })}
      />
      <FilterSelect
        label="Consent"
        value={search.consent}
        anyLabel="Consent or not"
        options={consentKeys.map((c) => ({ value: c, label: consentLabels[c] }))}
        onChange={(consent) => onChange({ consent })}
      />
      <FilterSelect
        label={lapsedAfterDays ? `Activity (${lapsedAfterDays}-day window)` : "Activity"}
        value={search.activity}
        anyLabel="Active or not"
        options={activityKeys.map((a) => ({ value: a, label: activityLabels[a] }))}
        onChange={(activity) => onChange({ activity })}
      />
      {filtered ? (
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            onText("");
            onChange({
              q: "",
              store: null,
              rfm: null,
              channel: null,
              consent: null,
              activity: null,
            });
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
