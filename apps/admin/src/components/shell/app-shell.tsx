"use client";

import { LogOut, Menu, X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Badge, Button } from "@boomerang/ui";
import type { NavItem } from "./nav-items";
import { SidebarNav } from "./sidebar";

export function AppShell({
  items,
  user,
  businessName,
  signOutAction,
  children,
}: {
  items: NavItem[];
  user: { name: string; email: string; roleLabel: string; storeName: string | null };
  businessName: string;
  signOutAction: () => Promise<void>;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const sidebar = (
    <div className="flex h-full flex-col gap-6 bg-teal-900 px-3 py-5">
      <div className="px-3">
        <p className="text-lg font-semibold tracking-tight text-white">Boomerang</p>
        <p className="truncate text-xs text-teal-200">{businessName}</p>
      </div>
      <SidebarNav items={items} onNavigate={() => setOpen(false)} />
    </div>
  );
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <aside className="no-print hidden lg:block">{sidebar}</aside>
      {open ? (
        <div
          className="fixed inset-0 z-40 lg:hidden"
          role="dialog"
          aria-modal="true"
          aria-label="Navigation"
        >
          <div className="absolute inset-0 bg-slate-900/40" onClick={() => setOpen(false)} />
          <div className="absolute inset-y-0 left-0 w-64">{sidebar}</div>
        </div>
      ) : null}
      <div className="flex min-w-0 flex-col">
        <header className="no-print flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 py-3 lg:px-8">
          <Button
            variant="ghost"
            className="lg:hidden"
            aria-label={open ? "Close navigation" : "Open navigation"}
            onClick={() => setOpen(!open)}
          >
            {open ? <X className="size-5" /> : <Menu className="size-5" />}
          </Button>
          <div className="ml-auto flex items-center gap-3">
            <div className="text-right" data-testid="current-user">
              <p className="text-sm font-medium text-slate-900">{user.name}</p>
              <p className="text-xs text-slate-500">
                <Badge tone="teal">{user.roleLabel}</Badge>
                {user.storeName ? <span className="ml-1">{user.storeName}</span> : null}
              </p>
            </div>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary" aria-label="Sign out">
                <LogOut aria-hidden className="size-4" />
                <span className="hidden sm:inline">Sign out</span>
              </Button>
            </form>
          </div>
        </header>
        <main className="flex-1 px-4 py-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
