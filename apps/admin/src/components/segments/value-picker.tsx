"use client";

/** A compact multi-select as checkboxes, for values the data holds (cities, categories, stores…). */
export function ValuePicker<T extends string | number>({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: { value: T; label: string }[];
  selected: readonly T[];
  onChange: (values: T[]) => void;
}) {
  if (options.length === 0)
    return <span className="text-sm text-slate-500">No {label.toLowerCase()} in the data yet</span>;
  return (
    <fieldset className="inline-flex flex-wrap gap-x-3 gap-y-1" aria-label={label}>
      {options.map((o) => (
        <label key={String(o.value)} className="inline-flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={selected.includes(o.value)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value),
              )
            }
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
