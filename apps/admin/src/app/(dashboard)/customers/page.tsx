import type { Metadata } from "next";
import { can } from "@boomerang/domain";
import { CustomersView } from "@/components/customers/customers-view";
import { parseCustomerSearch, toListInput } from "@/components/customers/customer-search";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePageAccess("read:own-store");
  const canChooseStore = can(me.user.role, "read:all");
  const parsed = parseCustomerSearch(await searchParams);
  // A store manager's list is their store's whatever the URL says, so a store in it is dropped.
  const search = canChooseStore ? parsed : { ...parsed, store: null };
  const queryClient = getQueryClient();
  void queryClient.prefetchQuery(trpc.customers.list.queryOptions(toListInput(search)));
  if (canChooseStore) void queryClient.prefetchQuery(trpc.stores.list.queryOptions());
  return (
    <HydrateClient>
      <CustomersView
        initialSearch={search}
        canChooseStore={canChooseStore}
        canImport={can(me.user.role, "edit:marketing")}
        business={{
          currency: me.business.currency,
          locale: me.business.locale,
          timezone: me.business.timezone,
        }}
        now={new Date().toISOString()}
      />
    </HydrateClient>
  );
}
