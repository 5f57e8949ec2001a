"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
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
import { useTRPC } from "@/trpc/react";

const timeFormat = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

/**
 * Every saved version of a segment: who saved it and when, its rules in words, its size when saved
 * and with today's data. A marketer can put an older version's rules back; that saves a new version.
 */
export function VersionHistory({
  segmentId,
  locale,
  canEdit,
}: {
  segmentId: number;
  locale: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.segments.versions.queryOptions({ id: segmentId }));
  const [error, setError] = useState<string | null>(null);
  const restore = useMutation(
    trpc.segments.restoreVersion.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await queryClient.invalidateQueries({ queryKey: trpc.segments.pathKey() });
        // The builder above shows the saved rules: reload them from the server.
        router.refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const current = versions.data?.find((v) => v.current);
  const format = timeFormat(locale);

  return (
    <Card>
      <CardHeader title="Version history" />
      <CardBody>
        {error ? <ErrorNotice title="Not restored">{error}</ErrorNotice> : null}
        {versions.error ? (
          <ErrorNotice title="The versions could not be loaded">
            {versions.error.message}
          </ErrorNotice>
        ) : !versions.data ? (
          <Skeleton className="h-24" />
        ) : versions.data.length === 0 ? (
          <EmptyState title="No versions saved">Save the segment to start its history.</EmptyState>
        ) : (
          <table className="w-full text-sm" aria-label="Versions">
            <thead className="text-left text-slate-500">
              <tr>
                <th>Version</th>
                <th>Saved</th>
                <th>By</th>
                <th>Rules</th>
                <th className="text-right">Members then</th>
                <th className="text-right">Members now</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap">
                    v{v.version} {v.current ? <Badge tone="teal">current</Badge> : null}
                  </td>
                  <td className="whitespace-nowrap">{format.format(v.createdAt)}</td>
                  <td>{v.author ?? "—"}</td>
                  <td className="max-w-md text-slate-700">{v.summary}</td>
                  <td className="text-right">
                    {v.membersThen === null ? (
                      <span title="Counted over every store when saved">—</span>
                    ) : (
                      formatNumber(v.membersThen, locale)
                    )}
                  </td>
                  <td className="text-right">{formatNumber(v.membersNow, locale)}</td>
                  <td className="text-right">
                    {canEdit && !v.current && current ? (
                      <Button
                        variant="ghost"
                        className="px-2 py-1 text-xs"
                        disabled={restore.isPending}
                        onClick={() =>
                          restore.mutate({
                            id: segmentId,
                            version: current.version,
                            restore: v.version,
                          })
                        }
                      >
                        Restore v{v.version}
                      </Button>
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
