"use client";

import { useState } from "react";
import type { FieldSpec } from "@boomerang/domain/programs";
import { Button, Field, Input, Select } from "@boomerang/ui";

const unitLabel = (spec: FieldSpec, currency: string): string | null => {
  switch (spec.unit) {
    case "minor currency units":
      return currency;
    case "%":
    case "days":
    case "points":
    case "grams":
      return spec.unit;
    default:
      return null;
  }
};

// Money is stored in minor units and typed in major ones; the rest is typed as stored.
const scale = (spec: FieldSpec) => (spec.unit === "minor currency units" ? 100 : 1);

const bounds = (spec: FieldSpec, currency: string): string | null => {
  const s = scale(spec);
  const unit = unitLabel(spec, currency) ?? "";
  if (spec.min !== null && spec.max !== null)
    return `From ${spec.min / s} to ${spec.max / s} ${unit}`.trim();
  if (spec.min !== null && spec.min > 0) return `At least ${spec.min / s} ${unit}`.trim();
  return null;
};

/** A number typed as text: an unparseable entry is kept as text so the schema reports it inline. */
function NumberInput({
  id,
  spec,
  value,
  onChange,
  invalid,
}: {
  id: string;
  spec: FieldSpec;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: boolean;
}) {
  const s = scale(spec);
  const shown =
    typeof value === "number"
      ? String(value / s)
      : value === null || value === undefined
        ? ""
        : String(value);
  const [text, setText] = useState(shown);
  const display = Number(text) * s === value ? text : shown;
  return (
    <Input
      id={id}
      inputMode="decimal"
      value={display}
      aria-invalid={invalid}
      aria-describedby={invalid ? `${id}-error` : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const raw = e.target.value.trim();
        if (raw === "" && spec.nullable) return onChange(null);
        const n = Number(raw.replace(",", "."));
        onChange(raw !== "" && Number.isFinite(n) ? Math.round(n * s * 1e6) / 1e6 : e.target.value);
      }}
    />
  );
}

function ListInput({
  id,
  spec,
  value,
  onChange,
  invalid,
}: {
  id: string;
  spec: FieldSpec;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: boolean;
}) {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  if (spec.options) {
    return (
      <div id={id} className="flex flex-wrap gap-3" role="group" aria-invalid={invalid}>
        {spec.options.map((option) => (
          <label key={option} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={items.includes(option)}
              onChange={(e) =>
                onChange(e.target.checked ? [...items, option] : items.filter((i) => i !== option))
              }
            />
            {option}
          </label>
        ))}
      </div>
    );
  }
  const item = spec.item;
  if (item !== null && !("kind" in item))
    return <ObjectList id={id} fields={item} items={items} onChange={onChange} />;
  const numeric =
    item !== null && "kind" in item && (item.kind === "integer" || item.kind === "number");
  return (
    <Input
      id={id}
      aria-invalid={invalid}
      placeholder="Comma-separated; empty for none"
      defaultValue={items.join(", ")}
      onChange={(e) => {
        const parts = e.target.value
          .split(",")
          .map((p) => p.trim())
          .filter((p) => p !== "");
        onChange(numeric ? parts.map((p) => (Number.isFinite(Number(p)) ? Number(p) : p)) : parts);
      }}
    />
  );
}

/** Rows of small objects (tiers, thresholds, catalog rewards): one line per row, add and remove. */
function ObjectList({
  id,
  fields,
  items,
  onChange,
}: {
  id: string;
  fields: readonly FieldSpec[];
  items: unknown[];
  onChange: (v: unknown) => void;
}) {
  const rows = items.map((row) =>
    typeof row === "object" && row !== null ? (row as Record<string, unknown>) : {},
  );
  return (
    <div id={id} className="space-y-2">
      {rows.map((row, i) => (
        <div
          key={i}
          className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 p-2"
        >
          {fields.map((f) => (
            <div key={f.key} className="min-w-32 flex-1">
              <ConfigField
                idPrefix={`${id}-${i}`}
                spec={f}
                value={row[f.key]}
                currency=""
                error={null}
                onChange={(v) => onChange(rows.map((r, j) => (j === i ? { ...r, [f.key]: v } : r)))}
              />
            </div>
          ))}
          <Button variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() =>
          onChange([...rows, Object.fromEntries(fields.map((f) => [f.key, f.default]))])
        }
      >
        Add a row
      </Button>
    </div>
  );
}

/** One parameter of a program type, drawn from its FieldSpec: input by kind, unit, help, default, error. */
export function ConfigField({
  idPrefix,
  spec,
  value,
  currency,
  error,
  onChange,
}: {
  idPrefix: string;
  spec: FieldSpec;
  value: unknown;
  currency: string;
  error: string | null;
  onChange: (value: unknown) => void;
}) {
  const id = `${idPrefix}-${spec.key}`;
  const unit = unitLabel(spec, currency);
  const hint = [spec.help, bounds(spec, currency)].filter(Boolean).join(" · ") || null;
  const label = unit ? `${spec.label} (${unit})` : spec.label;
  const invalid = error !== null;
  let control;
  if (spec.kind === "boolean") {
    control = (
      <input
        id={id}
        type="checkbox"
        className="size-4"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else if (spec.kind === "enum") {
    control = (
      <Select
        id={id}
        value={String(value ?? "")}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value === "" && spec.nullable ? null : e.target.value)}
      >
        {spec.nullable ? <option value="">None</option> : null}
        {(spec.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    );
  } else if (spec.kind === "integer" || spec.kind === "number") {
    control = (
      <NumberInput id={id} spec={spec} value={value} onChange={onChange} invalid={invalid} />
    );
  } else if (spec.kind === "list") {
    control = <ListInput id={id} spec={spec} value={value} onChange={onChange} invalid={invalid} />;
  } else {
    control = (
      <Input
        id={id}
        value={value === null || value === undefined ? "" : String(value)}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value === "" && spec.nullable ? null : e.target.value)}
      />
    );
  }
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error}>
      {control}
    </Field>
  );
}
