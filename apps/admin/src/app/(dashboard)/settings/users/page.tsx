import type { Metadata } from "next";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { UsersAdmin } from "@/components/users/users-admin";
import { requirePageAccess } from "@/server/page-access";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePageAccess("admin");
  void getQueryClient().prefetchQuery(trpc.users.list.queryOptions());
  void getQueryClient().prefetchQuery(trpc.stores.list.queryOptions());
  return (
    <HydrateClient>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <SettingsTabs current="/settings/users" />
        <UsersAdmin />
      </div>
    </HydrateClient>
  );
}
