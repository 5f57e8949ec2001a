"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatDay,
  formatNumber,
  formatPercent,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { SizeSparkline } from "./size-sparkline";

/** Saved segments with size, its trend over 12 weeks, owner and the programs that use them. */
export function SegmentsList({ locale, canEdit }: { locale: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.segments.list.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.segments.list.queryKey() });
  const duplicate = useMutation(
    trpc.segments.duplicate.mutationOptions({
      onSuccess: refresh,
      onError: (e) => setError(e.message),
    }),
  );
  const remove = useMutation(
    trpc.segments.delete.mutationOptions({
      onSuccess: refresh,
      onError: (e) => setError(e.message),
    }),
  );

  return (
    <Card>
      <CardHeader
        title="Saved segments"
        actions={
          canEdit ? (
            <Link
              href="/segments/new"
              className="rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white"
            >
              New segment
            </Link>
          ) : null
        }
      />
      <CardBody>
        {error ? <ErrorNotice title="Not done">{error}</ErrorNotice> : null}
        {list.error ? (
          <ErrorNotice title="The segments could not be loaded">{list.error.message}</ErrorNotice>
        ) : !list.data ? (
          <Skeleton className="h-32" />
        ) : list.data.length === 0 ? (
          <EmptyState title="No saved segments yet">
            {canEdit
              ? "Build one from a template or from scratch."
              : "Marketers have not saved any segment yet."}
          </EmptyState>
        ) : (
          <table className="w-full text-sm" aria-label="Saved segments">
            <thead className="text-left text-slate-500">
              <tr>
                <th>Name</th>
                <th className="text-right">Members</th>
                <th className="text-right">Share</th>
                <th>Last 12 weeks</th>
                <th>Owner</th>
                <th>Updated</th>
                <th>Used by</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td>
                    <Link
                      className="font-medium text-teal-800 hover:underline"
                      href={`/segments/${s.id}`}
                    >
                      {s.name}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">v{s.version}</span>
                  </td>
                  <td className="text-right">{formatNumber(s.members, locale)}</td>
                  <td className="text-right">
                    {formatPercent(s.base === 0 ? 0 : s.members / s.base, locale)}
                  </td>
                  <td>
                    <SizeSparkline segmentId={s.id} name={s.name} locale={locale} />
                  </td>
                  <td>{s.owner ?? "—"}</td>
                  <td>{formatDay(s.updatedAt.toISOString().slice(0, 10), locale)}</td>
                  <td>
                    {s.programs.length === 0
                      ? "—"
                      : s.programs.map((p) => (
                          <Badge key={p.id} tone={p.status === "active" ? "teal" : "slate"}>
                            {p.name}
                          </Badge>
                        ))}
                  </td>
                  <td className="whitespace-nowrap text-right">
                    {canEdit ? (
                      <>
                        <Button
                          variant="ghost"
                          className="px-2 py-1 text-xs"
                          onClick={() => duplicate.mutate({ id: s.id })}
                        >
                          Duplicate
                        </Button>
                        <Button
                          variant="ghost"
                          className="px-2 py-1 text-xs"
                          onClick={() => {
                            setError(null);
                            remove.mutate({ id: s.id });
                          }}
                        >
                          Delete
                        </Button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardBody>
    </Card>
  );
}
