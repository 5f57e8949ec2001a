import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Data" };

export default async function Page() {
  await requirePageAccess("edit:marketing");
  return (
    <NotBuilt
      title="Data"
      issue={9}
      what="Import customers, orders and events from CSV, manage API keys for the ingest API, and export data."
    />
  );
}
