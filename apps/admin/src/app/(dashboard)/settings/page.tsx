import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  await requirePageAccess("admin");
  return (
    <NotBuilt
      title="Settings"
      issue={8}
      what="Business name, currency, locale and time zone, default churn window, users and roles, and the audit log."
    />
  );
}
