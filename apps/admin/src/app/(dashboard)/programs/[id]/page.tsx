import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@boomerang/domain";
import { ProgramDetail } from "@/components/programs/program-detail";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, serverApi, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Program" };

export default async function ProgramPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read:own-store");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const api = await serverApi();
  const detail = await api.programs.get({ id }).catch(() => null);
  if (!detail) notFound();
  const catalog = await api.programs.catalog();
  void getQueryClient().prefetchQuery(trpc.programs.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <ProgramDetail
        id={id}
        canEdit={can(me.user.role, "edit:marketing")}
        typeName={catalog.find((t) => t.id === detail.program.type)?.name ?? detail.program.type}
      />
    </HydrateClient>
  );
}
