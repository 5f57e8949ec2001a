import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { newEditorValues } from "@/components/programs/editor-state";
import { ProgramEditor } from "@/components/programs/program-editor";
import { requirePageAccess } from "@/server/page-access";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New program" };

export default async function NewProgramOfTypePage({
  params,
}: {
  params: Promise<{ type: string }>;
}) {
  const me = await requirePageAccess("edit:marketing");
  const api = await serverApi();
  const { type: typeId } = await params;
  const [catalog, stores, segments] = await Promise.all([
    api.programs.catalog(),
    api.stores.list(),
    api.programs.segmentOptions(),
  ]);
  const type = catalog.find((t) => t.id === typeId);
  if (!type) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">
        New {type.name.toLowerCase()} program
      </h1>
      <ProgramEditor
        type={type}
        initial={newEditorValues(type)}
        existing={null}
        stores={stores}
        segments={segments}
        currency={me.business.currency}
        locale={me.business.locale}
      />
    </div>
  );
}
