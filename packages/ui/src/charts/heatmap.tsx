"use client";

export type HeatmapCell = {
  /** 0–1, drives the colour. */
  value: number | null;
  /** What the cell shows. */
  label: string;
  /** Shown on hover and read by screen readers: the counts behind the value. */
  detail: string;
  /** Drawn hatched: e.g. a period that is not over yet. */
  muted?: boolean;
};

export type HeatmapRow = { key: string; label: string; note?: string; cells: HeatmapCell[] };

function colour(value: number): string {
  // Teal scale from near-white to deep: lightness 97% → 30%.
  const v = Math.max(0, Math.min(1, value));
  return `hsl(173 ${40 + 40 * v}% ${97 - 67 * v}%)`;
}

/**
 * A row × column grid coloured by value (a cohort table), as an HTML table so it stays readable,
 * printable and accessible; the legend explains the scale and the hatched cells.
 */
export function Heatmap({
  rows,
  columns,
  rowHeader,
  noteHeader,
  legend,
  ariaLabel,
}: {
  rows: ReadonlyArray<HeatmapRow>;
  columns: ReadonlyArray<string>;
  rowHeader: string;
  noteHeader?: string;
  legend: { low: string; high: string; muted?: string };
  ariaLabel: string;
}) {
  return (
    <div>
      <div className="overflow-x-auto">
        <table
          className="w-full border-separate border-spacing-0.5 text-xs tabular-nums"
          aria-label={ariaLabel}
        >
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium text-slate-600">
                {rowHeader}
              </th>
              {noteHeader ? (
                <th scope="col" className="px-2 py-1 text-right font-medium text-slate-600">
                  {noteHeader}
                </th>
              ) : null}
              {columns.map((c) => (
                <th
                  key={c}
                  scope="col"
                  className="px-1 py-1 text-center font-medium text-slate-600"
                >
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th
                  scope="row"
                  className="whitespace-nowrap px-2 py-1 text-left font-medium text-slate-800"
                >
                  {row.label}
                </th>
                {noteHeader ? (
                  <td className="px-2 py-1 text-right text-slate-600">{row.note}</td>
                ) : null}
                {columns.map((c, i) => {
                  const cell = row.cells[i];
                  if (!cell) return <td key={c} />;
                  return (
                    <td
                      key={c}
                      title={cell.detail}
                      aria-label={cell.detail}
                      className="min-w-12 rounded px-1 py-1 text-center"
                      style={{
                        background: cell.value === null ? "#f8fafc" : colour(cell.value),
                        color: cell.value !== null && cell.value > 0.55 ? "white" : "#0f172a",
                        backgroundImage: cell.muted
                          ? "repeating-linear-gradient(45deg, rgba(255,255,255,0.55) 0 3px, transparent 3px 7px)"
                          : undefined,
                      }}
                    >
                      {cell.label}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div
        className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600"
        aria-hidden="true"
      >
        <span className="flex items-center gap-1">
          {legend.low}
          <span
            className="inline-block h-3 w-24 rounded"
            style={{
              background: `linear-gradient(to right, ${colour(0)}, ${colour(0.5)}, ${colour(1)})`,
            }}
          />
          {legend.high}
        </span>
        {legend.muted ? (
          <span className="flex items-center gap-1">
            <span
              className="inline-block size-3 rounded"
              style={{
                background: colour(0.4),
                backgroundImage:
                  "repeating-linear-gradient(45deg, rgba(255,255,255,0.55) 0 3px, transparent 3px 7px)",
              }}
            />
            {legend.muted}
          </span>
        ) : null}
      </div>
    </div>
  );
}
