"use client";

import {
  BarChart3,
  Boxes,
  Database,
  Gift,
  LayoutDashboard,
  Scale,
  Settings,
  Store,
  Users,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@boomerang/ui";
import type { NavIcon, NavItem } from "./nav-items";

const icons: Record<NavIcon, LucideIcon> = {
  overview: LayoutDashboard,
  programs: Gift,
  segments: Boxes,
  compare: Scale,
  retention: BarChart3,
  stores: Store,
  customers: Users,
  data: Database,
  settings: Settings,
};

export function SidebarNav({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="space-y-0.5">
      {items.map((item) => {
        const Icon = icons[item.icon];
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600",
              active
                ? "bg-teal-800 text-white"
                : "text-teal-50/90 hover:bg-teal-800/60 hover:text-white",
            )}
          >
            <Icon aria-hidden className="size-4" />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
