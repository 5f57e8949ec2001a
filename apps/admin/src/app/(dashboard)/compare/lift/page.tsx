import type { Metadata } from "next";
import Link from "next/link";
import { LiftFilters } from "@/components/lift/lift-filters";
import { LiftView } from "@/components/lift/lift-view";
import { parseLiftSearch } from "@/components/lift/search";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Measured lift" };

/** After launch: what the programs that have run actually changed, measured against control groups. */
export default async function LiftPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePageAccess("read:all");
  const input = parseLiftSearch(await searchParams);
  void getQueryClient().prefetchQuery(trpc.lift.report.queryOptions(input));
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div className="space-y-3">
          <p className="text-sm">
            <Link href="/compare" className="text-teal-800 hover:underline">
              Compare
            </Link>
          </p>
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Measured lift</h1>
            <p className="text-sm text-slate-500">
              What the programs that have run changed: members against the customers held out as
              control, in the same weeks after enrolling.
            </p>
          </div>
          <LiftFilters input={input} />
        </div>
        <LiftView
          input={input}
          business={{ currency: me.business.currency, locale: me.business.locale }}
        />
      </div>
    </HydrateClient>
  );
}
