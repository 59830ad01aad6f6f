import { describe, expect, it } from "vitest";
import { actorFor } from "./factories.ts";
import {
  canCreateOrganization,
  canCreatePerson,
  canDeleteOrganization,
  canAddAffiliation,
  canDeletePerson,
  canManageAffiliation,
  canReadDirectory,
  canSeeContactDetails,
  canUpdateOrganization,
  canUpdatePerson,
  roleInChain,
} from "./policy.ts";

// A region "r" with an administration "a" inside it; "o" is another region.
const chainOfA = ["a", "r"];
const chainOfR = ["r"];
const chainOfO = ["o"];

const platformAdmin = actorFor({ isPlatformAdmin: true });
const regionAdmin = actorFor({ roles: { r: "admin" } });
const regionEditor = actorFor({ roles: { r: "editor" } });
const adminOfA = actorFor({ roles: { a: "admin" } });
const otherEditor = actorFor({ roles: { o: "editor" } });
const nobody = actorFor();

describe("directory policy", () => {
  it("takes the strongest role along the chain", () => {
    expect(roleInChain(actorFor({ roles: { a: "editor", r: "admin" } }), chainOfA)).toBe("admin");
    expect(roleInChain(regionEditor, chainOfA)).toBe("editor");
    expect(roleInChain(otherEditor, chainOfA)).toBeNull();
    expect(roleInChain(null, chainOfA)).toBeNull();
  });

  it("lets everyone read, and logged-in users see contact details", () => {
    expect(canReadDirectory(null)).toBe(true);
    expect(canSeeContactDetails(null)).toBe(false);
    expect(canSeeContactDetails(nobody)).toBe(true);
  });

  it.each([
    ["platform admin", platformAdmin, [true, true, true, true]],
    ["region admin", regionAdmin, [false, true, true, true]],
    ["region editor", regionEditor, [false, true, true, false]],
    ["admin of the administration", adminOfA, [false, false, true, true]],
    ["other region's editor", otherEditor, [false, false, false, false]],
    ["user without roles", nobody, [false, false, false, false]],
    ["anonymous", null, [false, false, false, false]],
  ] as const)(
    "%s: top-level, create in region, update and delete the administration",
    (_name, actor, expected) => {
      expect([
        canCreateOrganization(actor, null),
        canCreateOrganization(actor, chainOfR),
        canUpdateOrganization(actor, chainOfA),
        canDeleteOrganization(actor, chainOfA),
      ]).toEqual(expected);
    },
  );

  it("lets organization editors create people only inside their organizations", () => {
    expect(canCreatePerson(platformAdmin, [])).toBe(true);
    expect(canCreatePerson(regionEditor, [])).toBe(false);
    expect(canCreatePerson(regionEditor, [chainOfA])).toBe(true);
    expect(canCreatePerson(regionEditor, [chainOfA, chainOfO])).toBe(false);
    expect(canCreatePerson(null, [chainOfA])).toBe(false);
  });

  it("lets people be changed through a current organization", () => {
    expect(canUpdatePerson(regionEditor, [chainOfO, chainOfA])).toBe(true);
    expect(canUpdatePerson(regionEditor, [chainOfO])).toBe(false);
    expect(canUpdatePerson(regionEditor, [])).toBe(false);
    expect(canUpdatePerson(platformAdmin, [])).toBe(true);
    expect(canDeletePerson(regionEditor, [chainOfA])).toBe(false);
    expect(canDeletePerson(regionAdmin, [chainOfA])).toBe(true);
    // Someone another organization still has is not one organization's to delete.
    expect(canDeletePerson(regionAdmin, [chainOfA, chainOfO])).toBe(false);
    expect(canDeletePerson(regionAdmin, [])).toBe(false);
    expect(canDeletePerson(platformAdmin, [chainOfA, chainOfO])).toBe(true);
    expect(canManageAffiliation(regionEditor, chainOfA)).toBe(true);
    expect(canManageAffiliation(otherEditor, chainOfA)).toBe(false);
    expect(canManageAffiliation(null, chainOfA)).toBe(false);
  });

  it("lets an organization affiliate only people it may already edit, or nobody's people", () => {
    expect(canAddAffiliation(regionEditor, chainOfA, [])).toBe(true);
    expect(canAddAffiliation(regionEditor, chainOfA, [chainOfA])).toBe(true);
    expect(canAddAffiliation(regionEditor, chainOfA, [chainOfO])).toBe(false);
    expect(canAddAffiliation(otherEditor, chainOfA, [])).toBe(false);
    expect(canAddAffiliation(platformAdmin, chainOfA, [chainOfO])).toBe(true);
  });
});
