import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Customers" };

export default async function Page() {
  await requirePageAccess("read:all");
  return (
    <NotBuilt
      title="Customers"
      issue={8}
      what="Search customers, see their orders, events, program memberships and points balance."
    />
  );
}
