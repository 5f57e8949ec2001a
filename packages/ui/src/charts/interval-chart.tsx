"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type IntervalPoint = {
  /** Category label on the x axis. */
  label: string;
  /** Which series the estimate belongs to (e.g. control group or difference-in-differences). */
  series: string;
  estimate: number;
  low: number;
  high: number;
};

export type IntervalSeries = { key: string; label: string; color: string };

/**
 * Estimates with their confidence intervals as bars and error bars around a zero line, one colour
 * per series, with axes, legend and a tooltip that gives the estimate and its interval.
 */
export function IntervalChart({
  points,
  series,
  formatY,
  height = 320,
  ariaLabel,
}: {
  points: readonly IntervalPoint[];
  series: readonly IntervalSeries[];
  formatY: (y: number) => string;
  height?: number;
  ariaLabel: string;
}) {
  // One row per category; each series has its own value and [below, above] error columns.
  const data = points.map((p) => ({
    label: p.label,
    ...Object.fromEntries(
      series.flatMap((s): [string, number | number[] | null][] =>
        s.key === p.series
          ? [
              [s.key, p.estimate],
              [`${s.key}Error`, [p.estimate - p.low, p.high - p.estimate]],
              [`${s.key}Low`, p.low],
              [`${s.key}High`, p.high],
            ]
          : [[s.key, null]],
      ),
    ),
  }));
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} />
          <YAxis
            tickFormatter={(v: number) => formatY(v)}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
            axisLine={false}
            width={72}
          />
          <ReferenceLine y={0} stroke="#94a3b8" />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            content={({ active, payload, label }) => {
              if (!active || !payload?.length) return null;
              const row = payload[0]?.payload as Record<string, unknown>;
              return (
                <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                  <p className="mb-1 font-medium text-slate-900">{String(label)}</p>
                  {series
                    .filter((s) => typeof row[s.key] === "number")
                    .map((s) => (
                      <p key={s.key} className="flex items-center gap-2 text-slate-700">
                        <span
                          className="inline-block size-2 rounded-sm"
                          style={{ background: s.color }}
                        />
                        {s.label}:{" "}
                        <span className="font-medium tabular-nums">
                          {formatY(row[s.key] as number)}
                        </span>
                        <span className="tabular-nums text-slate-500">
                          (95% CI {formatY(row[`${s.key}Low`] as number)} to{" "}
                          {formatY(row[`${s.key}High`] as number)})
                        </span>
                      </p>
                    ))}
                </div>
              );
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              isAnimationActive={false}
              maxBarSize={48}
            >
              <ErrorBar
                dataKey={`${s.key}Error`}
                width={8}
                strokeWidth={1.5}
                stroke="#0f172a"
                isAnimationActive={false}
              />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
