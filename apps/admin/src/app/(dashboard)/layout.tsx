import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { can, roleLabels } from "@boomerang/domain";
import { AppShell } from "@/components/shell/app-shell";
import { navItems } from "@/components/shell/nav-items";
import { auth, signOut } from "@/server/auth";
import { serverApi } from "@/trpc/server";

export const dynamic = "force-dynamic";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user) redirect("/login");
  const api = await serverApi();
  const me = await api.session.me().catch(() => null);
  if (!me) {
    // The token is valid but the account was deactivated or removed, or its password was reset,
    // since it was issued (or it predates session keys).
    return (
      <main className="mx-auto max-w-md px-6 py-24 text-center">
        <h1 className="text-xl font-semibold">Please sign in again</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your session has ended: since you signed in, your password was reset, your account was
          deactivated, or the app was updated. Sign in with your current password; if that fails,
          ask an administrator.
        </p>
        <form action={signOutAction} className="mt-6">
          <button type="submit" className="text-sm font-medium text-teal-700 underline">
            Sign in again
          </button>
        </form>
      </main>
    );
  }
  const stores = me.user.storeId ? await api.stores.list() : [];
  const items = navItems.filter((item) => can(me.user.role, item.capability));
  return (
    <AppShell
      items={items}
      businessName={me.business.businessName}
      user={{
        name: me.user.name,
        email: me.user.email,
        roleLabel: roleLabels[me.user.role],
        storeName: stores[0]?.name ?? null,
      }}
      signOutAction={signOutAction}
    >
      {children}
    </AppShell>
  );
}
