import type { Metadata } from "next";
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
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Segments</h1>
          <p className="text-sm text-slate-500">
            Groups of customers by attributes, behaviour, RFM and predicted value, counted live in
            the database
            {me.user.role === "store_manager" ? " (your store's customers only)" : ""}.
          </p>
        </div>
        <SegmentsList locale={me.business.locale} canEdit={can(me.user.role, "edit:marketing")} />
      </div>
    </HydrateClient>
  );
}
