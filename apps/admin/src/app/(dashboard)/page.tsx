import type { Metadata } from "next";
import { OverviewView } from "@/components/overview/overview-view";
import { parseOverviewSearch } from "@/components/overview/period";
import { isValidRange, mayAskForStore } from "@/trpc/prefetch-rules";
import { getQueryClient, HydrateClient, serverApi, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const api = await serverApi();
  const me = await api.session.me();
  const search = parseOverviewSearch(await searchParams, me.today);
  const input = { range: { from: search.from, to: search.to }, storeId: search.storeId };
  // What the API would refuse (another store, a reversed period) the browser asks itself.
  if (mayAskForStore(me.user, input.storeId) && isValidRange(input.range))
    void getQueryClient().prefetchQuery(trpc.overview.get.queryOptions(input));
  void getQueryClient().prefetchQuery(trpc.stores.list.queryOptions());
  return (
    <HydrateClient>
      <OverviewView
        input={input}
        today={me.today}
        business={{
          currency: me.business.currency,
          locale: me.business.locale,
          timezone: me.business.timezone,
        }}
        canChooseStore={me.user.role !== "store_manager"}
      />
    </HydrateClient>
  );
}
