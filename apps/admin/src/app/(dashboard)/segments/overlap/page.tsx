import type { Metadata } from "next";
import Link from "next/link";
import { OverlapExplorer } from "@/components/segments/overlap-explorer";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Segment overlap" };

export default async function SegmentOverlapPage() {
  const me = await requirePageAccess("read:own-store");
  void getQueryClient().prefetchQuery(trpc.segments.list.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div>
          <Link href="/segments" className="text-sm text-teal-700 underline">
            ← Segments
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">Segment overlap</h1>
          <p className="text-sm text-slate-500">
            How many customers two or three saved segments share, counted in the database
            {me.user.role === "store_manager" ? " (your store's customers only)" : ""}.
          </p>
        </div>
        <OverlapExplorer locale={me.business.locale} storeOnly={me.user.role === "store_manager"} />
      </div>
    </HydrateClient>
  );
}
