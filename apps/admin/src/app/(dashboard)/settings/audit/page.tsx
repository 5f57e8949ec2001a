import type { Metadata } from "next";
import { z } from "zod";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Audit log" };

const text = z.string().trim().min(1).max(80);
const id = z.coerce.number().int().positive();
const day = z.iso.date();

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requirePageAccess("admin");
  const params = await searchParams;
  const entity = text.safeParse(params.entity);
  const actor = id.safeParse(params.actor);
  const action = text.safeParse(params.action);
  const from = day.safeParse(params.from);
  const to = day.safeParse(params.to);
  // A reversed range would be refused: keep only its start, so the page still shows entries.
  const reversed = from.success && to.success && from.data > to.data;
  const search = {
    entityType: entity.success ? entity.data : null,
    actorId: actor.success ? actor.data : null,
    action: action.success ? action.data : null,
    from: from.success ? from.data : null,
    to: to.success && !reversed ? to.data : null,
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <SettingsTabs current="/settings/audit" />
      <AuditLogView
        key={JSON.stringify(search)}
        search={search}
        business={{ locale: me.business.locale, timezone: me.business.timezone }}
      />
    </div>
  );
}
