import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Programs" };

export default async function Page() {
  await requirePageAccess("read:all");
  return (
    <NotBuilt
      title="Programs"
      issue={4}
      what="Design points, cashback, tiered discounts, stamp cards, referral, VIP tiers and more; preview them on your own customers; run them with a control group."
    />
  );
}
