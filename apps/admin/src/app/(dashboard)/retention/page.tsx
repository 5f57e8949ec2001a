import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Retention" };

export default async function Page() {
  await requirePageAccess("read:all");
  return (
    <NotBuilt
      title="Retention"
      issue={6}
      what="Cohort tables and curves, repeat rate, churn, customer lifetime value and revenue churn, filtered by store, segment and program."
    />
  );
}
