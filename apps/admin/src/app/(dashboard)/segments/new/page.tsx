import type { Metadata } from "next";
import { can } from "@boomerang/domain";
import { SegmentBuilder } from "@/components/segments/segment-builder";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage() {
  const me = await requirePageAccess("edit:marketing");
  void getQueryClient().prefetchQuery(trpc.segments.options.queryOptions());
  return (
    <HydrateClient>
      <SegmentBuilder
        saved={null}
        business={{ currency: me.business.currency, locale: me.business.locale }}
        canEdit
        canSeeSql={can(me.user.role, "read:all")}
      />
    </HydrateClient>
  );
}
