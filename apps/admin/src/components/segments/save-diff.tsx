"use client";

import { useQuery } from "@tanstack/react-query";
import { Button, ErrorNotice, Skeleton } from "@boomerang/ui";
import type { SegmentNode } from "@boomerang/domain/segments";
import { useTRPC } from "@/trpc/react";

/** Before an edit is saved: how many customers it adds and removes compared with the saved version. */
export function SaveDiff({
  segmentId,
  rules,
  busy,
  onCancel,
  onConfirm,
}: {
  segmentId: number;
  rules: SegmentNode;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.segments.diff.queryOptions({ id: segmentId, rules }));
  return (
    <section
      className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm"
      aria-label="Changes in members"
    >
      {diff.error ? (
        <ErrorNotice>{diff.error.message}</ErrorNotice>
      ) : !diff.data ? (
        <Skeleton className="h-8" />
      ) : (
        <p>
          Compared with the saved version: <strong>+{diff.data.added}</strong> joining,{" "}
          <strong>−{diff.data.removed}</strong> leaving, {diff.data.kept} staying.
        </p>
      )}
      <div className="flex gap-2">
        <Button onClick={onConfirm} disabled={busy || !diff.data}>
          Save new version
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Keep editing
        </Button>
      </div>
    </section>
  );
}
