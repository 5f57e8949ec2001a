import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { editorValuesOf } from "@/components/programs/editor-state";
import { ProgramEditor } from "@/components/programs/program-editor";
import { requirePageAccess } from "@/server/page-access";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Edit program" };

export default async function EditProgramPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageAccess("edit:marketing");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const api = await serverApi();
  const detail = await api.programs.get({ id }).catch(() => null);
  if (!detail) notFound();
  const [catalog, stores, segments] = await Promise.all([
    api.programs.catalog(),
    api.stores.list(),
    api.programs.segmentOptions(),
  ]);
  const type = catalog.find((t) => t.id === detail.program.type);
  if (!type) notFound();
  const { program } = detail;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Edit {program.name}</h1>
      <ProgramEditor
        type={type}
        initial={editorValuesOf(program, type)}
        existing={{ id: program.id, revision: program.revision, status: program.status }}
        stores={stores}
        segments={segments}
        currency={me.business.currency}
        locale={me.business.locale}
      />
    </div>
  );
}
