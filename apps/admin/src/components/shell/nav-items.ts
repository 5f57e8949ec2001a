import type { Capability } from "@boomerang/domain";

export type NavItem = { href: string; label: string; capability: Capability; icon: NavIcon };
export type NavIcon =
  | "overview"
  | "programs"
  | "segments"
  | "compare"
  | "retention"
  | "stores"
  | "customers"
  | "data"
  | "settings";

/** The sidebar, in order; each entry is shown only to roles with its capability. */
export const navItems: NavItem[] = [
  { href: "/", label: "Overview", capability: "read:own-store", icon: "overview" },
  { href: "/programs", label: "Programs", capability: "read:own-store", icon: "programs" },
  { href: "/segments", label: "Segments", capability: "read:own-store", icon: "segments" },
  { href: "/compare", label: "Compare", capability: "read:all", icon: "compare" },
  { href: "/retention", label: "Retention", capability: "read:own-store", icon: "retention" },
  { href: "/stores", label: "Stores", capability: "read:own-store", icon: "stores" },
  { href: "/customers", label: "Customers", capability: "read:own-store", icon: "customers" },
  { href: "/data", label: "Data", capability: "edit:marketing", icon: "data" },
  { href: "/settings", label: "Settings", capability: "admin", icon: "settings" },
];
