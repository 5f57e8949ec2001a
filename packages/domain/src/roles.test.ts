import { describe, expect, it } from "vitest";
import { can, roles, storeScopeFor } from "./roles";

describe("roles", () => {
  it("gives store managers only their own store's figures", () => {
    expect(can("store_manager", "read:own-store")).toBe(true);
    expect(can("store_manager", "read:all")).toBe(false);
    expect(can("store_manager", "edit:marketing")).toBe(false);
    expect(storeScopeFor({ role: "store_manager", storeId: 3 })).toBe(3);
  });

  it("lets analysts read everything and change nothing", () => {
    expect(can("analyst", "read:all")).toBe(true);
    expect(can("analyst", "edit:marketing")).toBe(false);
    expect(can("analyst", "admin")).toBe(false);
  });

  it("keeps administration to admins", () => {
    expect(roles.filter((r) => can(r, "admin"))).toEqual(["admin"]);
    expect(roles.filter((r) => can(r, "edit:marketing"))).toEqual(["admin", "marketer"]);
  });

  it("never scopes roles other than store manager", () => {
    for (const role of ["admin", "marketer", "analyst"] as const) {
      expect(storeScopeFor({ role, storeId: 9 })).toBeNull();
    }
  });
});
