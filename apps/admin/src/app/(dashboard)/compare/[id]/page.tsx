import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ComparisonView } from "@/components/compare/comparison-view";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Comparison" };

export default async function ComparisonPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read:all");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  void getQueryClient().prefetchQuery(trpc.compare.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <ComparisonView
        id={id}
        format={{ currency: me.business.currency, locale: me.business.locale }}
      />
    </HydrateClient>
  );
}
