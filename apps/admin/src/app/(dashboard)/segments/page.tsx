import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@boomerang/domain";
import { SegmentsList } from "@/components/segments/segments-list";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage() {
  const me = await requirePageAccess("read:own-store");
  void getQueryClient().prefetchQuery(trpc.segments.list.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Segments</h1>
            <p className="text-sm text-slate-500">
              Groups of customers by attributes, behaviour, RFM and predicted value, counted live in
              the database
              {me.user.role === "store_manager" ? " (your store's customers only)" : ""}.
            </p>
          </div>
          <Link
            href="/segments/overlap"
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Compare overlap
          </Link>
        </div>
        <SegmentsList locale={me.business.locale} canEdit={can(me.user.role, "edit:marketing")} />
      </div>
    </HydrateClient>
  );
}
