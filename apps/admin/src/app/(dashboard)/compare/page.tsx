import type { Metadata } from "next";
import Link from "next/link";
import { CompareBuilder } from "@/components/compare/compare-builder";
import { lastTwelveMonths } from "@/components/compare/default-period";
import { SampleSizeCard } from "@/components/compare/sample-size-card";
import { SavedComparisons } from "@/components/compare/saved-comparisons";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Compare" };

export default async function ComparePage() {
  const me = await requirePageAccess("read:all");
  void getQueryClient().prefetchQuery(trpc.compare.list.queryOptions());
  void getQueryClient().prefetchQuery(trpc.stores.list.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Compare program types</h1>
            <p className="text-sm text-slate-500">
              Which program would work best for your customers, and what would it cost? Simulated on
              your own order history.
            </p>
          </div>
          <Link
            href="/compare/lift"
            className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-teal-800 hover:bg-slate-50"
          >
            Measured lift after launch
          </Link>
        </div>
        <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
          <CompareBuilder
            currency={me.business.currency}
            defaultRange={lastTwelveMonths(me.today)}
          />
          <div className="space-y-6">
            <SavedComparisons locale={me.business.locale} />
            <SampleSizeCard locale={me.business.locale} />
          </div>
        </div>
      </div>
    </HydrateClient>
  );
}
