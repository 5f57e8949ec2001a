"use client";

import { Button } from "@boomerang/ui";
import { saveCsv, toCsv, type CsvCell } from "./csv";

/**
 * Downloads a chart's data as CSV, built in the browser from the rows already on screen: every
 * chart in the app carries one, next to its title (hidden when printing).
 */
export function CsvDownload({
  filename,
  header,
  rows,
  label = "Download CSV",
  compact = false,
}: {
  filename: string;
  header: string[];
  rows: CsvCell[][];
  /** Names the chart for screen readers when a page has several downloads. */
  label?: string;
  /** A small "CSV" button for a chart inside a table row (the label is then its accessible name). */
  compact?: boolean;
}) {
  return (
    <Button
      type="button"
      variant={compact ? "ghost" : "secondary"}
      className={compact ? "no-print px-1.5 py-0.5 text-xs" : "no-print"}
      disabled={rows.length === 0}
      title={rows.length === 0 ? "Nothing to download: the chart has no data" : undefined}
      aria-label={label === "Download CSV" && !compact ? undefined : label}
      onClick={() => saveCsv(filename, toCsv(header, rows))}
    >
      {compact ? "CSV" : "Download CSV"}
    </Button>
  );
}
