import type { Metadata } from "next";
import { RetentionView } from "@/components/retention/retention-view";
import { parseRetentionExtras } from "@/components/retention/extras-search";
import { parseRetentionSearch } from "@/components/retention/search";
import { requirePageAccess } from "@/server/page-access";
import { canPrefetchRetention, mayAskForStore } from "@/trpc/prefetch-rules";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Retention" };

export default async function RetentionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePageAccess("read:own-store");
  const params = await searchParams;
  const input = parseRetentionSearch(params, me.today);
  const extras = parseRetentionExtras(params);
  // What the API would refuse (another store, input the URL made invalid) the browser asks itself.
  if (canPrefetchRetention(me.user, input, me.today))
    void getQueryClient().prefetchQuery(trpc.retention.get.queryOptions(input));
  void getQueryClient().prefetchQuery(trpc.stores.list.queryOptions());
  if (mayAskForStore(me.user, input.storeId))
    void getQueryClient().prefetchQuery(
      trpc.retention.predictedValue.queryOptions({ storeId: input.storeId ?? null }),
    );
  return (
    <HydrateClient>
      <RetentionView
        input={input}
        extras={extras}
        business={{
          currency: me.business.currency,
          locale: me.business.locale,
          timezone: me.business.timezone,
        }}
        canChooseStore={me.user.role !== "store_manager"}
        canRefit={me.user.role === "admin" || me.user.role === "marketer"}
      />
    </HydrateClient>
  );
}
