import type { Metadata } from "next";
import { can } from "@boomerang/domain";
import { ProgramsList, type ProgramsListInput } from "@/components/programs/programs-list";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Programs" };

const statuses = ["draft", "active", "paused", "ended", "archived"] as const;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProgramsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePageAccess("read:own-store");
  const params = await searchParams;
  const status = statuses.find((s) => s === one(params.status)) ?? null;
  const input: ProgramsListInput = {
    status,
    type: one(params.type) || null,
    search: one(params.q)?.trim() || null,
  };
  void getQueryClient().prefetchQuery(trpc.programs.list.queryOptions(input));
  void getQueryClient().prefetchQuery(trpc.programs.catalog.queryOptions());
  return (
    <HydrateClient>
      <ProgramsList
        input={input}
        canEdit={can(me.user.role, "edit:marketing")}
        currency={me.business.currency}
        locale={me.business.locale}
      />
    </HydrateClient>
  );
}
