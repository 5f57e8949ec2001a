"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart as RechartsLineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type LineSeries = { key: string; label: string; color: string; dashed?: boolean };

/**
 * Lines over a shared x axis, with axes, legend and a tooltip listing every series. A missing or
 * null value leaves a gap (e.g. a cohort whose later periods have not happened yet).
 */
export function LineChart({
  data,
  xKey,
  series,
  formatX,
  formatY,
  yDomain,
  height = 300,
  ariaLabel,
}: {
  data: ReadonlyArray<Record<string, string | number | null>>;
  xKey: string;
  series: ReadonlyArray<LineSeries>;
  formatX: (x: string | number) => string;
  formatY: (y: number) => string;
  yDomain?: [number, number];
  height?: number;
  ariaLabel: string;
}) {
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <RechartsLineChart
          data={data as Array<Record<string, string | number | null>>}
          margin={{ top: 8, right: 16, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey={xKey}
            tickFormatter={(v: string | number) => formatX(v)}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
          />
          <YAxis
            tickFormatter={(v: number) => formatY(v)}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
            axisLine={false}
            width={72}
            {...(yDomain ? { domain: yDomain } : {})}
          />
          <Tooltip
            content={({ active, payload, label }) => {
              if (!active || !payload?.length) return null;
              return (
                <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                  <p className="mb-1 font-medium text-slate-900">
                    {formatX(label as string | number)}
                  </p>
                  {payload.map((p) => (
                    <p key={String(p.dataKey)} className="flex items-center gap-2 text-slate-700">
                      <span
                        className="inline-block size-2 rounded-sm"
                        style={{ background: p.color }}
                      />
                      {p.name}:{" "}
                      <span className="font-medium tabular-nums">
                        {formatY(Number(p.value ?? 0))}
                      </span>
                    </p>
                  ))}
                </div>
              );
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "5 4" : undefined}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </RechartsLineChart>
      </ResponsiveContainer>
    </div>
  );
}
