import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Stores" };

export default async function Page() {
  await requirePageAccess("read:own-store");
  return (
    <NotBuilt
      title="Stores"
      issue={8}
      what="Every store's KPIs against the previous period and the chain average; store managers see their own store here."
    />
  );
}
