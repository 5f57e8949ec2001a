import type { Metadata } from "next";
import { roleLabels } from "@boomerang/domain";
import { demoLogins } from "@boomerang/db/seed/demo-users";
import { serverApi } from "@/trpc/server";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  const api = await serverApi();
  const business = await api.session.business();
  // Demo accounts are listed only on a database the demo seed created.
  const demos = business.demoData
    ? demoLogins.map((d) => ({
        email: d.email,
        password: d.password,
        role: roleLabels[d.role],
        name: d.name,
        store: d.storeCode,
      }))
    : [];
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-2xl font-semibold tracking-tight text-teal-800">Boomerang</p>
          <h1 className="mt-1 text-sm text-slate-600">Sign in to {business.businessName}</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm demoLogins={demos} />
        </div>
      </div>
    </main>
  );
}
