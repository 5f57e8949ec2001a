import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { CustomerDetailView } from "@/components/customers/customer-detail-view";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("read:own-store");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  // Another store's customer is NOT_FOUND in the API, and so a missing page here.
  try {
    await getQueryClient().fetchQuery(trpc.customers.get.queryOptions({ id }));
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : (error as { code?: unknown }).code;
    if (code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <CustomerDetailView
        customerId={id}
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
