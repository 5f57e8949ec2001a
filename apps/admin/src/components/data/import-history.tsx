"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatNumber,
  Skeleton,
} from "@boomerang/ui";
import { saveCsv } from "@/components/charts/csv";
import { useTRPC } from "@/trpc/react";

/** Downloads a failed import's report of problems, fetched when asked for. */
function ReportButton({ jobId, fileName }: { jobId: number; fileName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState<string | null>(null);
  const download = async () => {
    setFailed(null);
    try {
      const report = await queryClient.fetchQuery(
        trpc.data.importReport.queryOptions({ id: jobId }),
      );
      saveCsv(report.fileName, report.csv);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : "The report could not be loaded.");
    }
  };
  return (
    <>
      <Button
        variant="ghost"
        className="px-1.5 py-0.5 text-xs"
        aria-label={`Download the problems of ${fileName} (CSV)`}
        onClick={() => void download()}
      >
        Problems (CSV)
      </Button>
      {failed ? (
        <span role="alert" className="block text-xs text-rose-700">
          {failed}
        </span>
      ) : null}
    </>
  );
}

export function ImportHistory({ locale, timeZone }: { locale: string; timeZone: string }) {
  const trpc = useTRPC();
  // While an import is pending or running (here or started elsewhere), the list follows it.
  const imports = useQuery(
    trpc.data.imports.queryOptions(undefined, {
      refetchInterval: (query) =>
        query.state.data?.some((job) => job.status === "pending" || job.status === "running")
          ? 2000
          : false,
    }),
  );
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  return (
    <Card>
      <CardHeader
        title="Import history"
        description="Every import, who ran it and what it changed."
      />
      <CardBody>
        {imports.error ? (
          <ErrorNotice title="Could not load the history">{imports.error.message}</ErrorNotice>
        ) : null}
        {imports.isPending ? <Skeleton className="h-24 w-full" /> : null}
        {imports.data?.length === 0 ? (
          <EmptyState title="No imports yet">
            Upload a CSV file above to bring in customers, orders or events.
          </EmptyState>
        ) : null}
        {imports.data !== undefined && imports.data.length > 0 ? (
          <table className="w-full text-left text-sm" aria-label="Import history">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">When</th>
                <th className="py-1 pr-3">File</th>
                <th className="py-1 pr-3">Kind</th>
                <th className="py-1 pr-3">Status</th>
                <th className="py-1 pr-3 text-right">Rows</th>
                <th className="py-1 pr-3 text-right">New</th>
                <th className="py-1 pr-3 text-right">Updated</th>
                <th className="py-1 pr-3 text-right">Bad rows</th>
                <th className="py-1">By</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.map((job) => (
                <tr key={job.id} className="border-t border-slate-100">
                  <td className="py-1 pr-3">{when.format(job.createdAt)}</td>
                  <td className="py-1 pr-3">{job.fileName}</td>
                  <td className="py-1 pr-3">{job.kind}</td>
                  <td className="py-1 pr-3">
                    <Badge
                      tone={
                        job.status === "succeeded"
                          ? "teal"
                          : job.status === "failed"
                            ? "rose"
                            : "sky"
                      }
                    >
                      {job.status}
                    </Badge>
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">
                    {formatNumber(job.rowsTotal, locale)}
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">
                    {formatNumber(job.rowsInserted, locale)}
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">
                    {formatNumber(job.rowsUpdated, locale)}
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">
                    {formatNumber(job.rowsFailed, locale)}
                    {job.status === "failed" && job.rowsFailed > 0 ? (
                      <ReportButton jobId={job.id} fileName={job.fileName} />
                    ) : null}
                  </td>
                  <td className="py-1">{job.createdBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </CardBody>
    </Card>
  );
}
