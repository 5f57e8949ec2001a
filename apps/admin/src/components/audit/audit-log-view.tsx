"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  Input,
  Select,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { AuditChanges } from "./audit-changes";

export type AuditSearch = {
  entityType: string | null;
  actorId: number | null;
  action: string | null;
  /** First and last day to show (inclusive, business time zone); either may be open. */
  from: string | null;
  to: string | null;
};

/** Who changed what and when, newest first, filtered by what changed, who changed it and the action. */
export function AuditLogView({
  search,
  business,
}: {
  search: AuditSearch;
  business: { locale: string; timezone: string };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const options = useQuery(trpc.audit.filterOptions.queryOptions());
  const input = { ...search, limit: 50 };
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextBefore,
    }),
  );
  const go = (next: AuditSearch) => {
    const params = new URLSearchParams();
    if (next.entityType) params.set("entity", next.entityType);
    if (next.actorId) params.set("actor", String(next.actorId));
    if (next.action) params.set("action", next.action);
    if (next.from) params.set("from", next.from);
    if (next.to) params.set("to", next.to);
    router.push(`${pathname}?${params.toString()}`);
  };
  const when = new Intl.DateTimeFormat(business.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: business.timezone,
  });
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <Card>
      <CardHeader
        title="Audit log"
        description="Changes to programs, segments, users, imports and settings."
      />
      <CardBody className="space-y-4">
        <form
          className="flex flex-wrap items-end gap-2"
          aria-label="Filter the audit log"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const actor = String(form.get("actor") ?? "");
            go({
              entityType: String(form.get("entity") ?? "") || null,
              actorId: actor ? Number(actor) : null,
              action: String(form.get("action") ?? "").trim() || null,
              from: String(form.get("from") ?? "") || null,
              to: String(form.get("to") ?? "") || null,
            });
          }}
        >
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">What</span>
            <Select name="entity" aria-label="What changed" defaultValue={search.entityType ?? ""}>
              <option value="">Everything</option>
              {(options.data?.entityTypes ?? []).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">Who</span>
            <Select name="actor" aria-label="Who changed it" defaultValue={search.actorId ?? ""}>
              <option value="">Anyone</option>
              {(options.data?.actors ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">
              Action starts with
            </span>
            <Input
              name="action"
              aria-label="Action"
              placeholder="user.deactivated"
              defaultValue={search.action ?? ""}
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">From</span>
            <Input
              type="date"
              name="from"
              aria-label="From"
              defaultValue={search.from ?? ""}
              max={search.to ?? undefined}
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">To</span>
            <Input
              type="date"
              name="to"
              aria-label="To"
              defaultValue={search.to ?? ""}
              min={search.from ?? undefined}
            />
          </label>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {Object.values(search).some((v) => v !== null) ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() =>
                go({ entityType: null, actorId: null, action: null, from: null, to: null })
              }
            >
              Clear filters
            </Button>
          ) : null}
        </form>
        {entries.error ? (
          <ErrorNotice title="The audit log could not be loaded">
            {entries.error.message}
          </ErrorNotice>
        ) : !entries.data ? (
          <Skeleton className="h-48" />
        ) : rows.length === 0 ? (
          <EmptyState title="No changes match these filters">
            Widen the dates or clear the filters to see more of the log.
          </EmptyState>
        ) : (
          <>
            <table className="w-full text-sm" aria-label="Audit entries">
              <thead className="text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    When
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Who
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Action
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    On
                  </th>
                  <th scope="col" className="py-1">
                    Changes
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-3 whitespace-nowrap">{when.format(new Date(e.at))}</td>
                    <td className="py-1 pr-3">{e.actorName ?? "System"}</td>
                    <td className="py-1 pr-3 font-mono text-xs">{e.action}</td>
                    <td className="py-1 pr-3">
                      {e.entityType}
                      {e.entityId ? ` #${e.entityId}` : null}
                    </td>
                    <td className="py-1">
                      <AuditChanges changes={e.changes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {entries.hasNextPage ? (
              <Button
                type="button"
                variant="secondary"
                disabled={entries.isFetchingNextPage}
                onClick={() => void entries.fetchNextPage()}
              >
                Show older changes
              </Button>
            ) : null}
          </>
        )}
      </CardBody>
    </Card>
  );
}
