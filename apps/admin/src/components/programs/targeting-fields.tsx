"use client";

import { Field, Input, Select } from "@boomerang/ui";
import type { EditorValues, FormErrors } from "./editor-state";

type Option = { id: number; name: string };

/** Who the program is for, where and when, what it may cost, and the control group. */
export function TargetingFields({
  values,
  errors,
  stores,
  segments,
  currency,
  onChange,
}: {
  values: EditorValues;
  errors: FormErrors;
  stores: Option[];
  segments: Option[];
  currency: string;
  onChange: (patch: Partial<EditorValues>) => void;
}) {
  const share = Number(values.controlSharePercent);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field
        label="Target"
        htmlFor="target-segment"
        hint={
          segments.length === 0
            ? "No saved segments yet: build one on the Segments page."
            : "All customers, or the members of a saved segment."
        }
        error={errors.segmentId ?? null}
      >
        <Select
          id="target-segment"
          value={values.segmentId === null ? "" : String(values.segmentId)}
          onChange={(e) =>
            onChange({ segmentId: e.target.value === "" ? null : Number(e.target.value) })
          }
        >
          <option value="">All customers</option>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Channels"
        htmlFor="channels"
        hint="Where orders count."
        error={errors.channels ?? null}
      >
        <div id="channels" role="group" className="flex gap-4 pt-2">
          {(["online", "offline"] as const).map((channel) => (
            <label key={channel} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={values.channels.includes(channel)}
                onChange={(e) =>
                  onChange({
                    channels: e.target.checked
                      ? [...values.channels, channel]
                      : values.channels.filter((c) => c !== channel),
                  })
                }
              />
              {channel === "online" ? "Online" : "In store"}
            </label>
          ))}
        </div>
      </Field>
      <Field
        label="Stores"
        htmlFor="stores"
        hint="Customers whose home store is one of these, and orders placed there. None ticked: every store."
      >
        <div id="stores" role="group" className="flex flex-wrap gap-x-4 gap-y-1 pt-2">
          {stores.map((store) => (
            <label key={store.id} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={values.targetStoreIds.includes(store.id)}
                onChange={(e) =>
                  onChange({
                    targetStoreIds: e.target.checked
                      ? [...values.targetStoreIds, store.id]
                      : values.targetStoreIds.filter((id) => id !== store.id),
                  })
                }
              />
              {store.name}
            </label>
          ))}
        </div>
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Starts" htmlFor="starts-on" hint="Empty: from activation.">
          <Input
            id="starts-on"
            type="date"
            value={values.startsOn}
            onChange={(e) => onChange({ startsOn: e.target.value })}
          />
        </Field>
        <Field label="Ends (optional)" htmlFor="ends-on" error={errors.endsAt ?? null}>
          <Input
            id="ends-on"
            type="date"
            value={values.endsOn}
            aria-invalid={Boolean(errors.endsAt)}
            onChange={(e) => onChange({ endsOn: e.target.value })}
          />
        </Field>
      </div>
      <Field
        label={`Budget cap (${currency})`}
        htmlFor="budget-cap"
        hint="Total reward cost across all customers. Empty: no cap."
        error={errors.budgetCap ?? null}
      >
        <Input
          id="budget-cap"
          inputMode="decimal"
          value={values.budgetCap}
          aria-invalid={Boolean(errors.budgetCap)}
          onChange={(e) => onChange({ budgetCap: e.target.value })}
        />
      </Field>
      <Field
        label="Control group (%)"
        htmlFor="control-share"
        hint="Customers held out of the program, so its lift can be measured against them."
        error={errors.controlShareBp ?? null}
      >
        <Input
          id="control-share"
          inputMode="decimal"
          value={values.controlSharePercent}
          aria-invalid={Boolean(errors.controlShareBp)}
          onChange={(e) => onChange({ controlSharePercent: e.target.value })}
        />
        {values.controlSharePercent.trim() !== "" && share === 0 ? (
          <p className="text-sm text-amber-800" role="status">
            With no control group, the program&apos;s lift cannot be measured: nobody is left to
            compare members with.
          </p>
        ) : null}
        <a
          href="/compare#control-group-size"
          target="_blank"
          rel="noopener"
          className="text-xs text-teal-800 hover:underline"
        >
          How large a control group? Open the sample-size calculator
        </a>
      </Field>
    </div>
  );
}
