import { formatMoney, formatMonth } from "@boomerang/ui";
import type { BusinessFormat } from "./store-kpis";

/**
 * A word-sized trend line of monthly revenue. Too small for axes by design: its scale is said in the
 * accessible name and the tooltip (first and last month, low and high), and the store page has the
 * full chart.
 */
export function Sparkline({
  points,
  business,
  label,
}: {
  points: { month: string; revenue: number }[];
  business: BusinessFormat;
  label: string;
}) {
  const width = 96;
  const height = 24;
  const values = points.map((p) => p.revenue);
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const step = points.length > 1 ? width / (points.length - 1) : width;
  const path = points
    .map(
      (p, i) =>
        `${(i * step).toFixed(1)},${(height - 2 - ((p.revenue - min) / span) * (height - 4)).toFixed(1)}`,
    )
    .join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  const money = (v: number) => formatMoney(v, business.currency, business.locale, true);
  const summary =
    first && last
      ? `${label}: monthly revenue ${formatMonth(first.month, business.locale)} to ${formatMonth(last.month, business.locale)}, low ${money(Math.min(...values))}, high ${money(Math.max(...values))}, last ${money(last.revenue)}`
      : `${label}: no revenue`;
  return (
    <svg
      role="img"
      aria-label={summary}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="overflow-visible"
    >
      <title>{summary}</title>
      <polyline
        points={path}
        fill="none"
        stroke="#0f766e"
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
    </svg>
  );
}
