// Who may do what in the directory. Pure functions of the actor and the organization chains
// involved; the service looks the chains up and calls these before every write.
//
// A chain is an organization followed by its ancestors (parent, grandparent, …), so a role in a
// region also covers the administrations inside it.
import type { Actor, OrgRole } from "../../platform/actor.ts";

export type OrgChain = readonly string[];

/** The strongest role the actor holds on any organization of the chain. */
export function roleInChain(actor: Actor | null, chain: OrgChain | null): OrgRole | null {
  if (!actor || !chain) return null;
  let best: OrgRole | null = null;
  for (const id of chain) {
    const role = actor.orgRoles.get(id);
    if (role === "admin") return "admin";
    if (role === "editor") best = "editor";
  }
  return best;
}

/** The directory is public: anyone, logged in or not, reads organizations and people. */
export function canReadDirectory(_actor: Actor | null): boolean {
  return true;
}

/** Email and phone of people are shown to logged-in users only (kept out of the public web). */
export function canSeeContactDetails(actor: Actor | null): boolean {
  return actor !== null;
}

/**
 * Creating an organization: platform admins anywhere (also top-level); admins and editors of an
 * organization create sub-organizations under it or under anything below it. `parentChain` is
 * null for a top-level organization.
 */
export function canCreateOrganization(actor: Actor | null, parentChain: OrgChain | null): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return roleInChain(actor, parentChain) !== null;
}

/** Updating: platform admins, and admins or editors of the organization or of an ancestor. */
export function canUpdateOrganization(actor: Actor | null, chain: OrgChain): boolean {
  if (!actor) return false;
  return actor.isPlatformAdmin || roleInChain(actor, chain) !== null;
}

/** Deleting: platform admins, and admins (not editors) of the organization or of an ancestor. */
export function canDeleteOrganization(actor: Actor | null, chain: OrgChain): boolean {
  if (!actor) return false;
  return actor.isPlatformAdmin || roleInChain(actor, chain) === "admin";
}

/** Whether the actor can create anything at all (to offer "new" buttons). */
export function canCreateSomething(actor: Actor | null): boolean {
  return Boolean(actor && (actor.isPlatformAdmin || actor.orgRoles.size > 0));
}

/**
 * Creating a person: platform admins; admins and editors when every organization the person is
 * affiliated to on creation is theirs (so at least one affiliation is needed).
 */
export function canCreatePerson(actor: Actor | null, affiliationChains: OrgChain[]): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return (
    affiliationChains.length > 0 &&
    affiliationChains.every((chain) => roleInChain(actor, chain) !== null)
  );
}

/**
 * Updating a person: platform admins, and admins or editors of an organization the person is
 * currently affiliated to. `currentChains` are the chains of those organizations.
 */
export function canUpdatePerson(actor: Actor | null, currentChains: OrgChain[]): boolean {
  if (!actor) return false;
  return actor.isPlatformAdmin || currentChains.some((chain) => roleInChain(actor, chain) !== null);
}

/**
 * Deleting a person: platform admins, and admins of EVERY organization the person currently
 * belongs to — one organization must not remove someone another organization still has.
 */
export function canDeletePerson(actor: Actor | null, currentChains: OrgChain[]): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return (
    currentChains.length > 0 &&
    currentChains.every((chain) => roleInChain(actor, chain) === "admin")
  );
}

/**
 * Affiliating a person to an organization: the actor manages that organization, and may already
 * update the person (or the person belongs nowhere yet). Otherwise an editor could affiliate
 * anybody to their own organization and so gain the right to edit them.
 */
export function canAddAffiliation(
  actor: Actor | null,
  organizationChain: OrgChain,
  personCurrentChains: OrgChain[],
): boolean {
  if (!canManageAffiliation(actor, organizationChain)) return false;
  return personCurrentChains.length === 0 || canUpdatePerson(actor, personCurrentChains);
}

/** Adding, changing, ending or removing an affiliation to an organization. */
export function canManageAffiliation(actor: Actor | null, organizationChain: OrgChain): boolean {
  if (!actor) return false;
  return actor.isPlatformAdmin || roleInChain(actor, organizationChain) !== null;
}
