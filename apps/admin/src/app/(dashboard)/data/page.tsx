import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/data/api-keys-panel";
import { ExportLinks } from "@/components/data/export-links";
import { ImportHistory } from "@/components/data/import-history";
import { ImportPanel } from "@/components/data/import-panel";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Data" };

/** Imports for marketers and admins; API keys for admins only (they let other systems spend points). */
export default async function Page() {
  const me = await requirePageAccess("edit:marketing");
  const isAdmin = me.user.role === "admin";
  void getQueryClient().prefetchQuery(trpc.data.imports.queryOptions());
  if (isAdmin) void getQueryClient().prefetchQuery(trpc.apiKeys.list.queryOptions());
  const { locale, timezone } = me.business;
  return (
    <HydrateClient>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Data</h1>
          <p className="text-sm text-slate-500">
            Bring in customers, orders and events; connect the systems that sell; take data out.
          </p>
        </div>
        <ImportPanel locale={locale} />
        <ImportHistory locale={locale} timeZone={timezone} />
        <ExportLinks />
        {isAdmin ? <ApiKeysPanel locale={locale} timeZone={timezone} /> : null}
      </div>
    </HydrateClient>
  );
}
