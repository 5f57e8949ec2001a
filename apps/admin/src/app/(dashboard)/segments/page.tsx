import type { Metadata } from "next";
import { NotBuilt } from "@/components/shell/not-built";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Segments" };

export default async function Page() {
  await requirePageAccess("read:all");
  return (
    <NotBuilt
      title="Segments"
      issue={5}
      what="Build customer segments from attributes, behaviour, RFM scores and predicted value, with live counts and the SQL behind them."
    />
  );
}
