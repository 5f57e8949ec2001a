"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Badge, Button, ErrorNotice, formatNumber } from "@boomerang/ui";
import { importedSummary } from "./import-summary";
import { saveCsv } from "@/components/charts/csv";
import { useTRPC } from "@/trpc/react";

/** The server keeps at most this many problems per import (run-import.ts, MAX_REPORTED_ERRORS). */
const REPORTED_PROBLEMS = 1000;
const SHOWN_PROBLEMS = 50;

const phaseLabel = {
  waiting: "Waiting for the import started before it to finish",
  reading: "Reading the file",
  checking: "Checking against the database",
  saving: "Saving",
  programs: "Applying programs to the new orders",
} as const;

/** Follows one import until it ends: a progress bar while it runs, then its counts or its problems. */
export function ImportProgress({ jobId, locale }: { jobId: number; locale: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(
    trpc.data.importStatus.queryOptions(
      { id: jobId },
      {
        refetchInterval: (query) =>
          query.state.data === undefined ||
          query.state.data.status === "pending" ||
          query.state.data.status === "running"
            ? 1000
            : false,
      },
    ),
  );
  const job = status.data;
  const finished = job?.status === "succeeded" || job?.status === "failed";
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.data.imports.queryKey() });
  }, [finished, queryClient, trpc]);

  const report = useQuery(
    trpc.data.importReport.queryOptions({ id: jobId }, { enabled: job?.status === "failed" }),
  );
  const download = () => {
    if (report.data !== undefined) saveCsv(report.data.fileName, report.data.csv);
  };

  if (status.error)
    return <ErrorNotice title="Could not follow the import">{status.error.message}</ErrorNotice>;
  if (job === undefined) return <p className="text-sm text-slate-500">Starting the import…</p>;
  const progress = job.progress;
  const share =
    progress === null || progress.bytesTotal === 0
      ? null
      : Math.min(1, progress.bytesRead / progress.bytesTotal);

  return (
    <section
      aria-label="Import progress"
      className="space-y-3 rounded-md border border-slate-200 p-4"
    >
      <div className="flex items-center gap-2 text-sm">
        <span className="font-medium">{job.fileName}</span>
        <Badge
          tone={job.status === "succeeded" ? "teal" : job.status === "failed" ? "rose" : "sky"}
        >
          {job.status}
        </Badge>
      </div>
      {!finished ? (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={share === null ? undefined : Math.round(share * 100)}
            className="h-2 w-full overflow-hidden rounded bg-slate-100"
          >
            <div
              className="h-full bg-teal-600 transition-all"
              style={{ width: `${Math.round((share ?? 0) * 100)}%` }}
            />
          </div>
          <p className="text-xs text-slate-500">
            {progress === null
              ? "Waiting to start"
              : `${phaseLabel[progress.phase]} · ${formatNumber(progress.rowsRead, locale)} rows read`}
            . You can leave this page; the import keeps running.
          </p>
        </div>
      ) : null}
      {job.status === "succeeded" ? (
        <p className="text-sm text-slate-700">{importedSummary(job, locale)}</p>
      ) : null}
      {job.status === "failed" && job.errors.length > 0 && job.errors.every((e) => e.line === 0) ? (
        // The import as a whole failed (the server stopped, something unexpected): no row to fix.
        <p className="text-sm text-rose-800" role="alert">
          Nothing was imported: {job.errors[0]!.message}. Choose the file again and import it.
        </p>
      ) : job.status === "failed" ? (
        <div className="space-y-2">
          <p className="text-sm text-rose-800">
            Nothing was imported: {formatNumber(job.rowsFailed, locale)} of{" "}
            {formatNumber(job.rowsTotal, locale)} rows have problems. Fix them and upload the file
            again.
          </p>
          <table className="w-full text-left text-sm" aria-label="Problems in the file">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">Line</th>
                <th className="py-1 pr-3">Column</th>
                <th className="py-1">Problem</th>
              </tr>
            </thead>
            <tbody>
              {job.errors.slice(0, SHOWN_PROBLEMS).map((e, i) => (
                <tr key={`${e.line}-${e.column}-${i}`} className="border-t border-slate-100">
                  <td className="py-1 pr-3 tabular-nums">{e.line}</td>
                  <td className="py-1 pr-3">{e.column}</td>
                  <td className="py-1">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {job.errors.length >= REPORTED_PROBLEMS ? (
            <p className="text-xs text-slate-500">
              The downloadable report lists the first {formatNumber(job.errors.length, locale)}{" "}
              problems; the file may have more. Fix these and import it again to see the rest.
            </p>
          ) : job.errors.length > SHOWN_PROBLEMS ? (
            <p className="text-xs text-slate-500">
              The downloadable report lists all {formatNumber(job.errors.length, locale)} problems.
            </p>
          ) : null}
          <Button variant="secondary" onClick={download} disabled={report.data === undefined}>
            Download the report (CSV)
          </Button>
        </div>
      ) : null}
    </section>
  );
}
