"use client";

import { Input, Select } from "@boomerang/ui";
import type { ActivityWindow } from "@boomerang/domain/segments";

const day = (iso: string) => iso.slice(0, 10);
const startOf = (d: string) => `${d}T00:00:00.000Z`;

/** All time, the last N days, or between two dates (UTC days). */
export function WindowField({
  value,
  onChange,
}: {
  value: ActivityWindow;
  onChange: (w: ActivityWindow) => void;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Select
        aria-label="Window"
        value={value.kind}
        onChange={(e) => {
          const kind = e.target.value;
          if (kind === "allTime") onChange({ kind: "allTime" });
          else if (kind === "lastDays") onChange({ kind: "lastDays", days: 90 });
          else
            onChange({ kind: "between", from: startOf("2025-01-01"), to: startOf("2025-07-01") });
        }}
      >
        <option value="allTime">ever</option>
        <option value="lastDays">in the last … days</option>
        <option value="between">between dates</option>
      </Select>
      {value.kind === "lastDays" ? (
        <Input
          type="number"
          min={1}
          aria-label="Days"
          className="w-20"
          value={value.days}
          onChange={(e) => onChange({ kind: "lastDays", days: Number(e.target.value) })}
        />
      ) : null}
      {value.kind === "between" ? (
        <>
          <Input
            type="date"
            aria-label="From"
            value={day(value.from)}
            onChange={(e) =>
              e.target.value && onChange({ ...value, from: startOf(e.target.value) })
            }
          />
          <Input
            type="date"
            aria-label="To"
            value={day(value.to)}
            onChange={(e) => e.target.value && onChange({ ...value, to: startOf(e.target.value) })}
          />
        </>
      ) : null}
    </span>
  );
}
