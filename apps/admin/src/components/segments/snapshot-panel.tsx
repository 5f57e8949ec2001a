"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  Field,
  Input,
  formatNumber,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { ExportChannelField, type ExportChoice } from "./export-members";

const timeFormat = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

/**
 * Frozen member lists of a segment: when, from which version, by whom and how many members, each
 * downloadable as CSV, so an experiment or an export can be reproduced later.
 */
export function SnapshotPanel({
  segmentId,
  locale,
  canEdit,
  storeOnly,
}: {
  segmentId: number;
  locale: string;
  canEdit: boolean;
  storeOnly: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.segments.snapshots.queryOptions({ id: segmentId }));
  const [note, setNote] = useState("");
  const [channel, setChannel] = useState<ExportChoice>("email");
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: trpc.segments.snapshots.queryKey({ id: segmentId }),
    });
  const freeze = useMutation(
    trpc.segments.freezeSnapshot.mutationOptions({
      onSuccess: () => {
        setNote("");
        setError(null);
        return refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const remove = useMutation(
    trpc.segments.deleteSnapshot.mutationOptions({
      onSuccess: () => {
        setError(null);
        return refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const format = timeFormat(locale);

  return (
    <Card>
      <CardHeader
        title="Snapshots"
        description="A snapshot freezes the segment's members at a moment, so a campaign or an experiment can be reproduced from the same list later, whatever the customers do next."
      />
      <CardBody>
        {canEdit ? (
          <form
            className="mb-4 flex flex-wrap items-end gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              freeze.mutate({ id: segmentId, note });
            }}
          >
            <div className="min-w-64 flex-1">
              <Field
                label="Note for the snapshot"
                htmlFor="snapshot-note"
                hint="Optional: what the list is for, e.g. “June newsletter”."
              >
                <Input
                  id="snapshot-note"
                  value={note}
                  maxLength={200}
                  onChange={(e) => setNote(e.target.value)}
                />
              </Field>
            </div>
            <Button type="submit" disabled={freeze.isPending}>
              {freeze.isPending ? "Freezing…" : "Freeze members now"}
            </Button>
          </form>
        ) : null}
        {error ? <ErrorNotice title="Not done">{error}</ErrorNotice> : null}
        {list.error ? (
          <ErrorNotice title="The snapshots could not be loaded">{list.error.message}</ErrorNotice>
        ) : !list.data ? (
          <Skeleton className="h-24" />
        ) : list.data.length === 0 ? (
          <EmptyState title="No snapshots yet">
            {canEdit
              ? "Freeze the members now to keep today's list for a campaign or an experiment."
              : "A marketer can freeze this segment's members; the snapshots will be listed here."}
          </EmptyState>
        ) : (
          <div className="space-y-3 overflow-x-auto">
            <div className="max-w-md">
              <ExportChannelField
                id="snapshot-channel"
                label="CSV of a snapshot"
                value={channel}
                onChange={setChannel}
              />
            </div>
            <table className="w-full text-sm" aria-label="Snapshots">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-4">Frozen at</th>
                  <th className="py-2 pr-4">Version</th>
                  <th className="py-2 pr-4">By</th>
                  <th className="py-2 pr-4 text-right">
                    {storeOnly ? "Members (your store)" : "Members"}
                  </th>
                  <th className="py-2 pr-4">Note</th>
                  <th className="py-2" />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.data.map((s) => (
                  <tr key={s.id}>
                    <td className="py-2 pr-4 whitespace-nowrap">{format.format(s.asOf)}</td>
                    <td className="py-2 pr-4">{s.segmentVersion}</td>
                    <td className="py-2 pr-4">{s.createdByName ?? "—"}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {formatNumber(s.membersInScope, locale)}
                    </td>
                    <td className="py-2 pr-4 text-slate-600">{s.note || "—"}</td>
                    <td className="py-2 text-right whitespace-nowrap">
                      <a
                        className="mr-3 text-teal-700 underline"
                        href={`/api/exports/segment-members?segmentId=${segmentId}&snapshotId=${s.id}&channel=${channel}`}
                        download
                      >
                        CSV
                      </a>
                      {canEdit ? (
                        <Button
                          variant="ghost"
                          aria-label={`Delete the snapshot of ${format.format(s.asOf)}`}
                          disabled={remove.isPending}
                          onClick={() => {
                            if (
                              window.confirm(
                                "Delete this snapshot? Its frozen member list cannot be recovered.",
                              )
                            )
                              remove.mutate({ id: segmentId, snapshotId: s.id });
                          }}
                        >
                          Delete
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
