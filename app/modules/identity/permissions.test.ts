import { describe, expect, it } from "vitest";
import type { Actor, OrgRole } from "../../platform/actor.ts";
import {
  administeredOrganizations,
  canInvite,
  canManageAccounts,
  canManageRolesIn,
  canOpenUserAdministration,
} from "./permissions.ts";

function actor(isPlatformAdmin: boolean, roles: [string, OrgRole][] = []): Actor {
  return {
    userId: "u",
    label: "u@example.org",
    isPlatformAdmin,
    personId: null,
    orgRoles: new Map(roles),
    via: "session",
  };
}

describe("identity permissions", () => {
  const platformAdmin = actor(true);
  const orgAdmin = actor(false, [
    ["org-a", "admin"],
    ["org-b", "editor"],
  ]);
  const editor = actor(false, [["org-a", "editor"]]);

  it("lets platform admins do everything", () => {
    expect(canInvite(platformAdmin, null)).toBe(true);
    expect(canManageRolesIn(platformAdmin, ["org-x"])).toBe(true);
    expect(canManageAccounts(platformAdmin)).toBe(true);
    expect(administeredOrganizations(platformAdmin)).toBeNull();
  });

  it("lets organization admins invite and give roles only in their own organization and inside it", () => {
    expect(canInvite(orgAdmin, ["org-a"])).toBe(true);
    expect(canInvite(orgAdmin, ["org-a-sub", "org-a"])).toBe(true);
    expect(canInvite(orgAdmin, ["org-b"])).toBe(false);
    expect(canInvite(orgAdmin, ["org-b-sub", "org-b"])).toBe(false);
    expect(canInvite(orgAdmin, null)).toBe(false);
    expect(canManageRolesIn(orgAdmin, ["org-a"])).toBe(true);
    expect(canManageRolesIn(orgAdmin, ["org-a-sub", "org-a"])).toBe(true);
    expect(canManageRolesIn(orgAdmin, ["org-b"])).toBe(false);
    expect(canManageAccounts(orgAdmin)).toBe(false);
    expect([...administeredOrganizations(orgAdmin)!]).toEqual(["org-a"]);
    expect(canOpenUserAdministration(orgAdmin)).toBe(true);
  });

  it("gives editors and the public nothing here", () => {
    for (const who of [editor, null]) {
      expect(canInvite(who, ["org-a"])).toBe(false);
      expect(canManageRolesIn(who, ["org-a"])).toBe(false);
      expect(canManageAccounts(who)).toBe(false);
      expect(canOpenUserAdministration(who)).toBe(false);
    }
  });
});
