import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { cn } from "./cn";

/** A headline figure with its change against the previous period. */
export function Stat({
  label,
  value,
  change,
  changeLabel,
  hint,
  testId,
}: {
  label: string;
  value: string;
  /** Relative change (0.1 = +10%); null when there is nothing to compare. */
  change: number | null;
  changeLabel: string;
  hint?: string;
  testId?: string;
}) {
  const direction =
    change === null || Math.abs(change) < 0.0005 ? "flat" : change > 0 ? "up" : "down";
  const Icon = direction === "up" ? ArrowUpRight : direction === "down" ? ArrowDownRight : Minus;
  return (
    <div
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={testId}
      title={hint}
    >
      <p className="text-sm text-slate-500">{label}</p>
      <p
        className="mt-1 text-xl font-semibold tabular-nums text-slate-900 sm:text-2xl"
        data-testid={testId ? `${testId}-value` : undefined}
      >
        {value}
      </p>
      <p
        className={cn(
          "mt-1 inline-flex items-center gap-1 text-xs font-medium",
          direction === "up" && "text-teal-700",
          direction === "down" && "text-rose-700",
          direction === "flat" && "text-slate-500",
        )}
      >
        <Icon aria-hidden className="size-3.5" />
        <span>{changeLabel}</span>
      </p>
    </div>
  );
}
