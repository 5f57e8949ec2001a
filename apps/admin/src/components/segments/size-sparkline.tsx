"use client";

import { useQuery } from "@tanstack/react-query";
import { Sparkline } from "@boomerang/ui/charts/sparkline";
import { formatDay, formatNumber, Skeleton } from "@boomerang/ui";
import { CsvDownload } from "@/components/charts/csv-download";
import { useTRPC } from "@/trpc/react";

/**
 * A saved segment's members at each of the last 12 week ends, as a small line with a tooltip per
 * week; the first and last figures are written out so the trend reads without hovering.
 */
export function SizeSparkline({
  segmentId,
  name,
  locale,
}: {
  segmentId: number;
  name: string;
  locale: string;
}) {
  const trpc = useTRPC();
  const trend = useQuery(trpc.segments.sizeTrend.queryOptions({ id: segmentId }));
  if (trend.error)
    return (
      <span className="text-xs text-red-700" title={trend.error.message}>
        Trend unavailable: reload to retry
      </span>
    );
  if (!trend.data) return <Skeleton className="h-8 w-32" />;
  const points = trend.data.map((p) => ({ label: p.at.slice(0, 10), value: p.members }));
  const first = points[0]?.value ?? 0;
  const last = points.at(-1)?.value ?? 0;
  return (
    <span className="inline-flex items-center gap-2" data-testid={`trend-${segmentId}`}>
      <Sparkline
        data={points}
        valueName="Members"
        formatValue={(v) => formatNumber(v, locale)}
        formatLabel={(day) => `Week ending ${formatDay(day, locale)}`}
        ariaLabel={`${name}: ${formatNumber(first, locale)} members 12 weeks ago, ${formatNumber(last, locale)} now`}
      />
      <span className="text-xs text-slate-500">
        {formatNumber(first, locale)} → {formatNumber(last, locale)}
      </span>
      <CsvDownload
        compact
        filename={`segment-${segmentId}-size-by-week.csv`}
        header={["week_ending", "members"]}
        rows={points.map((p) => [p.label, p.value])}
        label={`Download CSV of ${name}'s size by week`}
      />
    </span>
  );
}
