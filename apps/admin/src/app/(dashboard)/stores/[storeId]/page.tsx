import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseOverviewSearch } from "@/components/overview/period";
import { StoreDetailView } from "@/components/stores/store-detail-view";
import { requirePageAccess } from "@/server/page-access";
import { isValidRange, mayAskForStore } from "@/trpc/prefetch-rules";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Store" };

export default async function StorePage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePageAccess("read:own-store");
  const storeId = Number((await params).storeId);
  if (!Number.isInteger(storeId) || storeId <= 0) notFound();
  const search = parseOverviewSearch(await searchParams, me.today);
  // Another store's id in the URL is refused by the API and shown as an error, never served.
  const input = { range: { from: search.from, to: search.to }, storeId };
  if (mayAskForStore(me.user, storeId) && isValidRange(input.range))
    void getQueryClient().prefetchQuery(trpc.storeKpis.get.queryOptions(input));
  return (
    <HydrateClient>
      <StoreDetailView
        input={input}
        today={me.today}
        business={{
          currency: me.business.currency,
          locale: me.business.locale,
          timezone: me.business.timezone,
        }}
      />
    </HydrateClient>
  );
}
