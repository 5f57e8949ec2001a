"use client";

import { Input, Select } from "@boomerang/ui";
import {
  contactChannels,
  enrollmentGroupLabels,
  enrollmentGroups,
  genders,
  rfmGroupLabels,
  rfmGroups,
  type SegmentCondition,
} from "@boomerang/domain/segments";
import { RangeFields } from "./range-fields";
import { ValuePicker } from "./value-picker";
import { WindowField } from "./window-field";

export type PickerData = {
  cities: string[];
  regions: string[];
  categories: string[];
  stores: { id: number; name: string }[];
  programs: { id: number; name: string; status: string; tiers: string[] }[];
};

const asOptions = <T extends string>(values: readonly T[]) =>
  values.map((v) => ({ value: v, label: v as string }));
const eventOptions = [
  ["cart_abandoned", "Abandoned a cart"],
  ["message_opened", "Opened a message"],
  ["message_clicked", "Clicked a message"],
  ["visit", "Visited"],
  ["product_viewed", "Viewed a product"],
] as const;

/** Which program a program condition looks at, by name (0 while none is picked). */
function ProgramSelect({
  programId,
  programs,
  onChange,
}: {
  programId: number;
  programs: PickerData["programs"];
  onChange: (programId: number) => void;
}) {
  if (programs.length === 0)
    return (
      <span className="text-sm text-slate-500">
        No programs yet: create one under Programs first
      </span>
    );
  return (
    <Select
      aria-label="Program"
      value={programId}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      <option value={0}>Pick a program…</option>
      {programs.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name} ({p.status})
        </option>
      ))}
    </Select>
  );
}

/** The inputs of one condition, chosen by its kind. */
export function ConditionFields({
  condition,
  onChange,
  data,
}: {
  condition: SegmentCondition;
  onChange: (c: SegmentCondition) => void;
  data: PickerData;
}) {
  const c = condition;
  switch (c.kind) {
    case "age":
      return (
        <RangeFields label="Age" value={c.range} onChange={(range) => onChange({ ...c, range })} />
      );
    case "gender":
      return (
        <ValuePicker
          label="Genders"
          options={asOptions(genders)}
          selected={c.values}
          onChange={(values) => onChange({ ...c, values })}
        />
      );
    case "city":
      return (
        <ValuePicker
          label="Cities"
          options={asOptions(data.cities)}
          selected={c.values}
          onChange={(values) => onChange({ ...c, values })}
        />
      );
    case "region":
      return (
        <ValuePicker
          label="Regions"
          options={asOptions(data.regions)}
          selected={c.values}
          onChange={(values) => onChange({ ...c, values })}
        />
      );
    case "homeStore":
      return (
        <ValuePicker
          label="Stores"
          options={data.stores.map((s) => ({ value: s.id, label: s.name }))}
          selected={c.storeIds}
          onChange={(storeIds) => onChange({ ...c, storeIds })}
        />
      );
    case "preferredChannel":
      return (
        <ValuePicker
          label="Channels"
          options={asOptions(contactChannels)}
          selected={c.values}
          onChange={(values) => onChange({ ...c, values })}
        />
      );
    case "consent":
      return (
        <Select
          aria-label="Channel"
          value={c.channel}
          onChange={(e) => onChange({ ...c, channel: e.target.value as typeof c.channel })}
        >
          {contactChannels.map((ch) => (
            <option key={ch} value={ch}>
              {ch}
            </option>
          ))}
        </Select>
      );
    case "signedUpBefore":
    case "signedUpAfter":
      return (
        <Input
          type="date"
          aria-label="Date"
          value={c.at.slice(0, 10)}
          onChange={(e) =>
            e.target.value && onChange({ ...c, at: `${e.target.value}T00:00:00.000Z` })
          }
        />
      );
    case "signedUpWithin":
      return (
        <Input
          type="number"
          min={1}
          aria-label="Days"
          className="w-24"
          value={c.days}
          onChange={(e) => onChange({ ...c, days: Number(e.target.value) })}
        />
      );
    case "ordersCount":
    case "totalSpent":
    case "averageOrderValue":
      return (
        <span className="inline-flex flex-wrap items-center gap-2">
          <RangeFields
            label={c.kind === "ordersCount" ? "Orders" : "Amount in cents"}
            value={c.range}
            onChange={(range) => onChange({ ...c, range })}
          />
          {c.kind === "ordersCount" ? null : <span className="text-xs text-slate-500">cents</span>}
          <WindowField value={c.window} onChange={(window) => onChange({ ...c, window })} />
        </span>
      );
    case "daysSinceLastOrder":
      return (
        <RangeFields
          label="Days since last order"
          value={c.range}
          onChange={(range) => onChange({ ...c, range })}
        />
      );
    case "firstOrderIn":
    case "visitedWithoutBuying":
      return <WindowField value={c.window} onChange={(window) => onChange({ ...c, window })} />;
    case "boughtCategory":
      return (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Select
            aria-label="Bought or not"
            value={c.bought ? "yes" : "no"}
            onChange={(e) => onChange({ ...c, bought: e.target.value === "yes" })}
          >
            <option value="yes">bought in</option>
            <option value="no">did not buy in</option>
          </Select>
          <ValuePicker
            label="Categories"
            options={asOptions(data.categories)}
            selected={c.categories}
            onChange={(categories) => onChange({ ...c, categories })}
          />
          <WindowField value={c.window} onChange={(window) => onChange({ ...c, window })} />
        </span>
      );
    case "boughtSku":
      return (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Input
            aria-label="SKUs, comma-separated"
            placeholder="SKU-1, SKU-2"
            value={c.skus.join(", ")}
            onChange={(e) =>
              onChange({
                ...c,
                skus: e.target.value
                  .split(",")
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          />
          <WindowField value={c.window} onChange={(window) => onChange({ ...c, window })} />
        </span>
      );
    case "event":
      return (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Select
            aria-label="Event"
            value={c.event}
            onChange={(e) => onChange({ ...c, event: e.target.value as typeof c.event })}
          >
            {eventOptions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
          <Input
            type="number"
            min={1}
            aria-label="At least"
            className="w-20"
            value={c.atLeast}
            onChange={(e) => onChange({ ...c, atLeast: Number(e.target.value) })}
          />
          <span className="text-sm text-slate-500">time(s)</span>
          <WindowField value={c.window} onChange={(window) => onChange({ ...c, window })} />
        </span>
      );
    case "rfmGroup":
      return (
        <ValuePicker
          label="RFM groups"
          options={rfmGroups.map((g) => ({ value: g, label: rfmGroupLabels[g] }))}
          selected={c.groups}
          onChange={(groups) => onChange({ ...c, groups })}
        />
      );
    case "rfmScore":
      return (
        <span className="inline-flex items-center gap-2">
          <Select
            aria-label="Score"
            value={c.score}
            onChange={(e) => onChange({ ...c, score: e.target.value as typeof c.score })}
          >
            <option value="recency">Recency</option>
            <option value="frequency">Frequency</option>
            <option value="monetary">Monetary</option>
          </Select>
          <RangeFields
            label="Score"
            value={c.range}
            onChange={(range) => onChange({ ...c, range })}
          />
        </span>
      );
    case "probabilityActive":
      return (
        <RangeFields
          label="Probability"
          step={0.05}
          value={c.range}
          onChange={(range) => onChange({ ...c, range })}
        />
      );
    case "expectedRevenue12m":
      return (
        <RangeFields
          label="Expected value in cents"
          value={c.range}
          onChange={(range) => onChange({ ...c, range })}
        />
      );
    case "programEnrollment":
      return (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Select
            aria-label="Membership"
            value={c.group}
            onChange={(e) => onChange({ ...c, group: e.target.value as typeof c.group })}
          >
            {enrollmentGroups.map((g) => (
              <option key={g} value={g}>
                {enrollmentGroupLabels[g]}
              </option>
            ))}
          </Select>
          <ProgramSelect
            programId={c.programId}
            programs={data.programs}
            onChange={(programId) => onChange({ ...c, programId })}
          />
        </span>
      );
    case "programTier": {
      const tiers = data.programs.find((p) => p.id === c.programId)?.tiers ?? [];
      return (
        <span className="inline-flex flex-wrap items-center gap-2">
          <ProgramSelect
            programId={c.programId}
            programs={data.programs}
            onChange={(programId) => onChange({ ...c, programId, tiers: [] })}
          />
          {c.programId === 0 ? null : (
            <ValuePicker
              label="Tiers"
              options={asOptions(tiers)}
              selected={c.tiers}
              onChange={(next) => onChange({ ...c, tiers: next })}
            />
          )}
        </span>
      );
    }
    case "pointsBalance":
      return (
        <span className="inline-flex flex-wrap items-center gap-2">
          <ProgramSelect
            programId={c.programId}
            programs={data.programs}
            onChange={(programId) => onChange({ ...c, programId })}
          />
          <RangeFields
            label="Points balance"
            value={c.range}
            onChange={(range) => onChange({ ...c, range })}
          />
          <span className="text-xs text-slate-500">points</span>
        </span>
      );
  }
}
