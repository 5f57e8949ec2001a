"use client";

import { Button, Field, Input } from "@boomerang/ui";
import { defaultShown, type AssumptionField, type AssumptionValues } from "./assumption-fields";

/**
 * The behavioural assumptions of the comparison, editable: each field shows its documented
 * default and where it comes from; the same zod schema as the server checks what is typed.
 */
export function AssumptionsEditor({
  fields,
  values,
  errors,
  onChange,
  onReset,
}: {
  fields: readonly AssumptionField[];
  values: AssumptionValues;
  errors: Record<string, string>;
  onChange: (values: AssumptionValues) => void;
  onReset: () => void;
}) {
  const edited = fields.filter((f) => (values[f.key] ?? "") !== defaultShown(f)).length;
  return (
    <details className="rounded-lg border border-slate-200 bg-white" data-testid="assumptions">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-slate-800">
        Assumptions{" "}
        <span className="font-normal text-slate-500">
          {edited === 0
            ? "— the documented defaults; open to set your own"
            : `— ${edited} changed from the defaults`}
        </span>
      </summary>
      <div className="space-y-4 border-t border-slate-200 px-4 py-4">
        <p className="text-xs text-slate-500">
          These drive the assumed figures only (incremental orders and revenue, retention change,
          contact cost). Reward cost and liability are replayed from your real purchases. Each
          figure is saved with the comparison.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {fields.map((f) => (
            <Field
              key={f.key}
              label={f.label}
              htmlFor={`assumption-${f.key}`}
              error={errors[f.key] ?? null}
              hint={`Default ${defaultShown(f)}${f.percent ? "%" : ""}. ${f.source}`}
            >
              <Input
                id={`assumption-${f.key}`}
                inputMode="decimal"
                value={values[f.key] ?? ""}
                aria-invalid={errors[f.key] ? true : undefined}
                onChange={(e) => onChange({ ...values, [f.key]: e.target.value })}
              />
            </Field>
          ))}
        </div>
        {edited > 0 ? (
          <Button type="button" variant="secondary" onClick={onReset}>
            Back to the defaults
          </Button>
        ) : null}
      </div>
    </details>
  );
}
