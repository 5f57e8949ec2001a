"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  Button,
  Card,
  EmptyState,
  ErrorNotice,
  formatDay,
  formatMoney,
  formatNumber,
  Input,
  Select,
  Skeleton,
} from "@boomerang/ui";
import { useTRPC } from "@/trpc/react";
import { StatusBadge } from "./status-badge";

export type ProgramsListInput = {
  status: "draft" | "active" | "paused" | "ended" | "archived" | null;
  type: string | null;
  search: string | null;
};

const statuses = ["draft", "active", "paused", "ended", "archived"] as const;

/** Every program with its figures; filters live in the URL so a view can be shared by link. */
export function ProgramsList({
  input,
  canEdit,
  currency,
  locale,
}: {
  input: ProgramsListInput;
  canEdit: boolean;
  currency: string;
  locale: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [search, setSearch] = useState(input.search ?? "");
  const list = useQuery(
    trpc.programs.list.queryOptions(input, { placeholderData: keepPreviousData }),
  );
  const catalog = useQuery(trpc.programs.catalog.queryOptions());
  const typeName = (id: string) => catalog.data?.find((t) => t.id === id)?.name ?? id;

  const go = (next: ProgramsListInput) => {
    const params = new URLSearchParams();
    if (next.status) params.set("status", next.status);
    if (next.type) params.set("type", next.type);
    if (next.search) params.set("q", next.search);
    startTransition(() => router.push(`${pathname}?${params.toString()}`));
  };
  const day = (d: Date | string | null) =>
    d === null ? null : formatDay(new Date(d).toISOString().slice(0, 10), locale);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Programs</h1>
        {canEdit ? (
          <Link
            href="/programs/new"
            className="rounded-md bg-teal-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-teal-800"
          >
            New program
          </Link>
        ) : null}
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        aria-busy={pending || list.isFetching}
        onSubmit={(e) => {
          e.preventDefault();
          go({ ...input, search: search.trim() || null });
        }}
      >
        <Select
          aria-label="Status"
          className="w-auto min-w-40"
          value={input.status ?? ""}
          onChange={(e) =>
            go({ ...input, status: (e.target.value || null) as ProgramsListInput["status"] })
          }
        >
          <option value="">Every status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Type"
          className="w-auto min-w-48"
          value={input.type ?? ""}
          onChange={(e) => go({ ...input, type: e.target.value || null })}
        >
          <option value="">Every type</option>
          {(catalog.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
        <Input
          aria-label="Search by name"
          placeholder="Search by name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-56"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {list.error ? (
        <ErrorNotice title="The programs could not be loaded">{list.error.message}</ErrorNotice>
      ) : !list.data ? (
        <Skeleton className="h-40" />
      ) : list.data.length === 0 ? (
        <EmptyState
          title={
            input.status || input.type || input.search
              ? "No program matches these filters"
              : "No programs yet"
          }
        >
          {canEdit
            ? "Create one from the catalog with New program."
            : "Marketers create programs; they will appear here."}
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
              <tr>
                {[
                  "Program",
                  "Type",
                  "Status",
                  "Target",
                  "Members",
                  "Period",
                  "Reward cost so far",
                ].map((h) => (
                  <th key={h} className="px-4 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.data.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link
                      href={`/programs/${p.id}`}
                      className="font-medium text-teal-800 hover:underline"
                    >
                      {p.name}
                    </Link>
                    {p.summary ? <p className="text-xs text-slate-500">{p.summary}</p> : null}
                  </td>
                  <td className="px-4 py-2">{typeName(p.type)}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={p.status} />
                  </td>
                  <td className="px-4 py-2">{p.segmentName ?? "All customers"}</td>
                  <td className="px-4 py-2 tabular-nums">
                    {formatNumber(p.members, locale)}
                    {p.control > 0 ? (
                      <span className="text-xs text-slate-500">
                        {" "}
                        + {formatNumber(p.control, locale)} control
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-2">
                    {day(p.startsAt) ?? "From activation"} – {day(p.endsAt) ?? "no end"}
                  </td>
                  <td className="px-4 py-2 tabular-nums">
                    {formatMoney(p.moneyIssued, currency, locale)}
                    {p.pointsIssued !== 0 ? (
                      <span className="text-xs text-slate-500">
                        {" "}
                        + {formatNumber(p.pointsIssued, locale)} points
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
