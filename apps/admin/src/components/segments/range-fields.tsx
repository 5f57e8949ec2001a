"use client";

import { Input } from "@boomerang/ui";
import type { NumberRange } from "@boomerang/domain/segments";

/** Min and max inputs; an empty box leaves that end open. */
export function RangeFields({
  value,
  onChange,
  label,
  step = 1,
}: {
  value: NumberRange;
  onChange: (r: NumberRange) => void;
  label: string;
  step?: number;
}) {
  const set = (end: "min" | "max", raw: string) => {
    const next: NumberRange = { ...value };
    if (raw === "") delete next[end];
    else next[end] = Number(raw);
    onChange(next);
  };
  return (
    <span className="inline-flex items-center gap-1">
      <Input
        type="number"
        step={step}
        aria-label={`${label} from`}
        className="w-24"
        value={value.min ?? ""}
        placeholder="min"
        onChange={(e) => set("min", e.target.value)}
      />
      <span className="text-slate-400">–</span>
      <Input
        type="number"
        step={step}
        aria-label={`${label} to`}
        className="w-24"
        value={value.max ?? ""}
        placeholder="max"
        onChange={(e) => set("max", e.target.value)}
      />
    </span>
  );
}
