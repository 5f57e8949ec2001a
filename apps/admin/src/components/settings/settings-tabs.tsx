import Link from "next/link";
import { cn } from "@boomerang/ui";

const tabs = [
  { href: "/settings", label: "Business" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/audit", label: "Audit log" },
] as const;

/** The Settings area's sub-pages, each with its own URL. */
export function SettingsTabs({ current }: { current: (typeof tabs)[number]["href"] }) {
  return (
    <nav aria-label="Settings" className="flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.href === current
              ? "border-teal-700 text-teal-800"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
