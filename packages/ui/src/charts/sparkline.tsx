"use client";

import { Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from "recharts";

/**
 * A small line for a table cell: no axes (the caller writes the first and last figures beside it),
 * a tooltip naming each point, and an accessible label saying what it shows.
 */
export function Sparkline({
  data,
  formatLabel,
  formatValue,
  valueName,
  ariaLabel,
  width = 112,
  height = 32,
}: {
  data: ReadonlyArray<{ label: string; value: number }>;
  formatLabel: (label: string) => string;
  formatValue: (value: number) => string;
  /** What the values are, for the tooltip ("Members"). */
  valueName: string;
  ariaLabel: string;
  width?: number;
  height?: number;
}) {
  return (
    <span role="img" aria-label={ariaLabel} style={{ display: "inline-block", width, height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data as Array<{ label: string; value: number }>}
          margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
        >
          <YAxis hide domain={["dataMin", "dataMax"]} />
          <Tooltip
            formatter={(value) => [formatValue(Number(value)), valueName]}
            labelFormatter={(_, payload) => {
              const label = (payload?.[0]?.payload as { label?: string } | undefined)?.label;
              return label ? formatLabel(label) : "";
            }}
            wrapperStyle={{ zIndex: 10, fontSize: 12 }}
          />
          <Line
            type="monotone"
            dataKey="value"
            stroke="#0f766e"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </span>
  );
}
