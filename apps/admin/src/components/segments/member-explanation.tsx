"use client";

import { useQuery } from "@tanstack/react-query";
import { Button, ErrorNotice, Skeleton } from "@boomerang/ui";
import type { Explanation, SegmentNode } from "@boomerang/domain/segments";
import { useTRPC } from "@/trpc/react";

function ExplanationTree({ node }: { node: Explanation }) {
  return (
    <li>
      <span className={node.holds ? "text-teal-800" : "text-rose-700"}>
        {node.holds ? "✓" : "✗"} {node.label}
      </span>
      {node.observed ? <span className="text-slate-500"> — {node.observed}</span> : null}
      {node.children.length > 0 ? (
        <ul className="ml-4 list-none">
          {node.children.map((c, i) => (
            <ExplanationTree key={i} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Why one sample member is in the segment: each condition, whether it held, and the customer's figure. */
export function MemberExplanation({
  rules,
  customerId,
  onClose,
}: {
  rules: SegmentNode;
  customerId: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const why = useQuery(trpc.segments.explain.queryOptions({ rules, customerId }));
  return (
    <section
      className="rounded-md border border-slate-200 p-3 text-sm"
      aria-label="Why this customer is in the segment"
    >
      <div className="mb-2 flex items-center justify-between">
        <h3 className="font-medium">Why is customer #{customerId} in the segment?</h3>
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={onClose}>
          Close
        </Button>
      </div>
      {why.error ? (
        <ErrorNotice>{why.error.message}</ErrorNotice>
      ) : !why.data ? (
        <Skeleton className="h-12" />
      ) : (
        <ul className="list-none">
          <ExplanationTree node={why.data} />
        </ul>
      )}
    </section>
  );
}
