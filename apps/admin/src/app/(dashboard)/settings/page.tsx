import type { Metadata } from "next";
import { BusinessSettingsForm } from "@/components/settings/business-settings-form";
import { DemoResetCard } from "@/components/settings/demo-reset-card";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { requirePageAccess } from "@/server/page-access";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePageAccess("admin");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <SettingsTabs current="/settings" />
      <BusinessSettingsForm />
      <DemoResetCard />
    </div>
  );
}
