"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ChartSeries<K extends string> = { key: K; label: string; color: string };

/**
 * Stacked bars with axes, legend and a tooltip that shows every series and the total. Formatting
 * is passed in so money and dates follow the business's locale.
 */
export function StackedBarChart<K extends string, X extends string>({
  data,
  xKey,
  series,
  formatX,
  formatY,
  height = 300,
  ariaLabel,
}: {
  data: ReadonlyArray<Record<X, string> & Record<K, number>>;
  xKey: X;
  series: ReadonlyArray<ChartSeries<K>>;
  formatX: (x: string) => string;
  formatY: (y: number) => string;
  height?: number;
  ariaLabel: string;
}) {
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data as Array<Record<string, string | number>>}
          margin={{ top: 8, right: 8, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey={xKey}
            tickFormatter={(v: string) => formatX(v)}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
          />
          <YAxis
            tickFormatter={(v: number) => formatY(v)}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
            axisLine={false}
            width={72}
          />
          <Tooltip
            cursor={{ fill: "rgba(148,163,184,0.15)" }}
            content={({ active, payload, label }) => {
              if (!active || !payload?.length) return null;
              const total = payload.reduce((sum, p) => sum + Number(p.value ?? 0), 0);
              return (
                <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
                  <p className="mb-1 font-medium text-slate-900">{formatX(String(label))}</p>
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
                  <p className="mt-1 border-t border-slate-100 pt-1 text-slate-900">
                    Total: <span className="font-medium tabular-nums">{formatY(total)}</span>
                  </p>
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
              stackId="stack"
              fill={s.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
