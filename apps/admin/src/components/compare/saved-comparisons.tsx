"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import {
  Badge,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatDay,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";

const tone = { done: "teal", running: "sky", queued: "slate", failed: "rose" } as const;

/** Saved comparisons, newest first; each opens at its shareable address. */
export function SavedComparisons({ locale }: { locale: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.compare.list.queryOptions());
  return (
    <Card>
      <CardHeader title="Saved comparisons" description="Share one by its link." />
      <CardBody>
        {list.error ? (
          <ErrorNotice title="Saved comparisons could not be loaded">
            {list.error.message}
          </ErrorNotice>
        ) : !list.data ? (
          <Skeleton className="h-24" />
        ) : list.data.length === 0 ? (
          <EmptyState title="No comparisons yet">Run the first one with the form.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {list.data.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <Link
                  href={`/compare/${c.id}`}
                  className="font-medium text-teal-800 hover:underline"
                >
                  {c.name}
                </Link>
                <span className="flex items-center gap-2 text-slate-500">
                  {formatDay(c.createdAt.toISOString().slice(0, 10), locale)}
                  <Badge tone={tone[c.status as keyof typeof tone] ?? "slate"}>{c.status}</Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
