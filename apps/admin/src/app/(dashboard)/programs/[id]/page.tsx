import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@boomerang/domain";
import { Card, CardHeader } from "@boomerang/ui";
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
      {can(me.user.role, "read:all") && detail.program.status !== "draft" ? (
        <Card className="mt-6">
          <CardHeader
            title="Measured lift"
            description={
              detail.program.controlShareBp > 0
                ? "Members against the control group: repeat purchases, orders and revenue, with 95% intervals."
                : "No control group: an estimate against comparable customers, weaker evidence."
            }
            actions={
              <Link
                href={`/compare/lift#program-${id}`}
                className="text-sm font-medium text-teal-800 hover:underline"
              >
                See the measured lift
              </Link>
            }
          />
        </Card>
      ) : null}
    </HydrateClient>
  );
}
