"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  ErrorNotice,
  formatMoney,
  formatNumber,
  formatPercent,
  Skeleton,
} from "@boomerang/ui";
import { segmentRules, type SegmentNode } from "@boomerang/domain/segments";
import { useTRPC } from "@/trpc/react";
import { useDebounced } from "../programs/use-debounced";
import { MemberExplanation } from "./member-explanation";

export type BusinessFormat = { currency: string; locale: string };

/** Live size, share, contact advice, a sample of members and the SQL, following the rules as they change. */
export function SegmentPreview({
  rules,
  business,
  canSeeSql,
}: {
  rules: SegmentNode;
  business: BusinessFormat;
  canSeeSql: boolean;
}) {
  const trpc = useTRPC();
  const settled = useDebounced(rules, 400);
  const valid = segmentRules.safeParse(settled);
  const input = { rules: settled };
  const preview = useQuery({
    ...trpc.segments.preview.queryOptions(input, { placeholderData: keepPreviousData }),
    enabled: valid.success,
  });
  const [showSql, setShowSql] = useState(false);
  const query = useQuery({
    ...trpc.segments.sql.queryOptions(input),
    enabled: valid.success && showSql && canSeeSql,
  });
  const [explaining, setExplaining] = useState<number | null>(null);
  const data = preview.data;

  return (
    <Card>
      <CardHeader title="Members" description="Counted in the database as you edit." />
      <CardBody className="space-y-4">
        {!valid.success ? (
          <ErrorNotice title="Finish the conditions to count members">
            {valid.error.issues[0]?.message}
          </ErrorNotice>
        ) : preview.error ? (
          <ErrorNotice title="The count failed">{preview.error.message}</ErrorNotice>
        ) : !data ? (
          <Skeleton className="h-16" />
        ) : (
          <>
            <div aria-live="polite">
              <p className="text-3xl font-semibold" data-testid="member-count">
                {formatNumber(data.members, business.locale)}
              </p>
              <p className="text-sm text-slate-500">
                {formatPercent(data.share, business.locale)} of{" "}
                {formatNumber(data.base, business.locale)} customers{" "}
                {preview.isFetching ? "· updating…" : ""}
              </p>
            </div>
            {data.recommendation ? (
              <p className="text-sm">
                Recommended: <Badge tone="teal">{data.recommendation.channel}</Badge>{" "}
                {data.recommendation.cadence} (most members are {data.recommendation.band});{" "}
                {formatPercent(data.recommendation.consentShare, business.locale)} of members
                consent to {data.recommendation.channel}.
              </p>
            ) : (
              <p className="text-sm text-slate-500">
                No member has a known adult age, so there is no channel recommendation.
              </p>
            )}
            <div>
              <h3 className="mb-1 text-sm font-medium">Sample of members</h3>
              {data.sample.length === 0 ? (
                <p className="text-sm text-slate-500">No customer matches these rules.</p>
              ) : (
                <table className="w-full text-sm" aria-label="Sample of members">
                  <thead className="text-left text-slate-500">
                    <tr>
                      <th>Name</th>
                      <th>City</th>
                      <th className="text-right">Orders</th>
                      <th className="text-right">Spent</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {data.sample.map((m) => (
                      <tr key={m.id} className="border-t border-slate-100">
                        <td>{m.name}</td>
                        <td>{m.city ?? "—"}</td>
                        <td className="text-right">{m.ordersCount}</td>
                        <td className="text-right">
                          {formatMoney(m.revenue, business.currency, business.locale)}
                        </td>
                        <td className="text-right">
                          <Button
                            variant="ghost"
                            className="px-2 py-1 text-xs"
                            onClick={() => setExplaining(m.id)}
                          >
                            Why?
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
            {explaining !== null ? (
              <MemberExplanation
                rules={settled}
                customerId={explaining}
                onClose={() => setExplaining(null)}
              />
            ) : null}
          </>
        )}
        {canSeeSql ? (
          <div>
            <Button variant="secondary" onClick={() => setShowSql((s) => !s)}>
              {showSql ? "Hide SQL" : "Show SQL"}
            </Button>
            {showSql && query.data ? (
              <pre
                className="mt-2 max-h-64 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
                aria-label="Generated SQL"
              >
                {query.data.sql}
                {"\n-- parameters: "}
                {JSON.stringify(query.data.params)}
              </pre>
            ) : null}
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
