import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@boomerang/domain";
import { ExportMembers } from "@/components/segments/export-members";
import { SegmentBuilder } from "@/components/segments/segment-builder";
import { SnapshotPanel } from "@/components/segments/snapshot-panel";
import { VersionHistory } from "@/components/segments/version-history";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, serverApi, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Segment" };

export default async function SegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read:own-store");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const api = await serverApi();
  const segment = await api.segments.get({ id }).catch(() => null);
  if (segment === null) notFound();
  void getQueryClient().prefetchQuery(trpc.segments.options.queryOptions());
  return (
    <HydrateClient>
      <SegmentBuilder
        key={`${segment.id}-${segment.version}`}
        saved={{
          id: segment.id,
          version: segment.version,
          name: segment.name,
          description: segment.description,
          rules: segment.rules,
        }}
        business={{ currency: me.business.currency, locale: me.business.locale }}
        canEdit={can(me.user.role, "edit:marketing")}
        canSeeSql={can(me.user.role, "read:all")}
      />
      <div className="mt-6 space-y-6">
        <VersionHistory
          segmentId={segment.id}
          locale={me.business.locale}
          canEdit={can(me.user.role, "edit:marketing")}
        />
        <SnapshotPanel
          segmentId={segment.id}
          locale={me.business.locale}
          canEdit={can(me.user.role, "edit:marketing")}
          storeOnly={me.user.role === "store_manager"}
        />
        <ExportMembers segmentId={segment.id} storeOnly={me.user.role === "store_manager"} />
      </div>
    </HydrateClient>
  );
}
