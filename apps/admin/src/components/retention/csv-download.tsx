"use client";

import { Button } from "@boomerang/ui";

type Cell = string | number | null;

function csvCell(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Downloads a chart's rows as CSV, built in the browser from the data already on screen. */
export function CsvDownload({
  filename,
  header,
  rows,
}: {
  filename: string;
  header: string[];
  rows: Cell[][];
}) {
  return (
    <Button
      type="button"
      variant="secondary"
      className="no-print"
      disabled={rows.length === 0}
      onClick={() => {
        const text = [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n");
        const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = filename;
        link.click();
        URL.revokeObjectURL(url);
      }}
    >
      Download CSV
    </Button>
  );
}
