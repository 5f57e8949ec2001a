import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Compare" };

export default async function Page() {
  await requirePageAccess("read:all");
  return (
    <NotBuilt
      title="Compare"
      issue={7}
      what="Simulate program types side by side on your own order history, then measure real lift against control groups."
    />
  );
}
