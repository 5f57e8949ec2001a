import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { parseOverviewSearch } from "@/components/overview/period";
import { StoresView } from "@/components/stores/stores-view";
import { requirePageAccess } from "@/server/page-access";
import { isValidRange } from "@/trpc/prefetch-rules";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Stores" };

export default async function StoresPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePageAccess("read:own-store");
  const search = parseOverviewSearch(await searchParams, me.today);
  // A store manager has one store: their page is the store's own.
  if (me.user.role === "store_manager" && me.user.storeId !== null) {
    redirect(`/stores/${me.user.storeId}?from=${search.from}&to=${search.to}`);
  }
  const input = { range: { from: search.from, to: search.to } };
  if (isValidRange(input.range))
    void getQueryClient().prefetchQuery(trpc.storeKpis.list.queryOptions(input));
  return (
    <HydrateClient>
      <StoresView
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
