/**
 * Who may do what, in one place. The API enforces it on every procedure; the app uses the same
 * table only to hide what a role cannot use.
 */
export const roles = ["admin", "marketer", "analyst", "store_manager"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  marketer: "Marketer",
  analyst: "Analyst",
  store_manager: "Store manager",
};

/** Capabilities a procedure or a page asks for. */
export type Capability =
  | "read:own-store" // store KPIs, overview, scoped to the user's store for store managers
  | "read:all" // analytics over the whole business
  | "edit:marketing" // programs, segments
  | "admin"; // users, stores, settings, API keys, audit log

const grants: Record<Role, readonly Capability[]> = {
  admin: ["read:own-store", "read:all", "edit:marketing", "admin"],
  marketer: ["read:own-store", "read:all", "edit:marketing"],
  analyst: ["read:own-store", "read:all"],
  store_manager: ["read:own-store"],
};

export function can(role: Role, capability: Capability): boolean {
  return grants[role].includes(capability);
}

/** Store managers see only their store; everyone else sees the whole business (null = no scope). */
export function storeScopeFor(user: { role: Role; storeId: number | null }): number | null {
  return user.role === "store_manager" ? user.storeId : null;
}
