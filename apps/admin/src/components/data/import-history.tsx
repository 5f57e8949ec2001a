"use client";

import { useQuery } from "@tanstack/react-query";
import {
  Badge,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatNumber,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";

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
