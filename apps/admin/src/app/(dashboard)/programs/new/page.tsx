import type { Metadata } from "next";
import { TypeCatalog } from "@/components/programs/type-catalog";
import { requirePageAccess } from "@/server/page-access";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New program" };

export default async function NewProgramPage() {
  await requirePageAccess("edit:marketing");
  const catalog = await (await serverApi()).programs.catalog();
  return <TypeCatalog types={catalog} />;
}
