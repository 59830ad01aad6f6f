import type { Actor } from "../../platform/actor.ts";
import { roleInChain, type OrgChain } from "../directory/policy.ts";

// Who may do what with accounts and roles. Pure; the services call these before every change.

/**
 * Organizations where the actor holds the admin role (all of them for platform admins: null); the
 * service adds their sub-organizations.
 */
export function administeredOrganizations(actor: Actor | null): Set<string> | null {
  if (!actor) return new Set();
  if (actor.isPlatformAdmin) return null;
  const result = new Set<string>();
  for (const [organizationId, role] of actor.orgRoles) {
    if (role === "admin") result.add(organizationId);
  }
  return result;
}

/** The user administration page: platform admins, and organization admins for their organizations. */
export function canOpenUserAdministration(actor: Actor | null): boolean {
  const organizations = administeredOrganizations(actor);
  return organizations === null || organizations.size > 0;
}

/**
 * Inviting: platform admins invite anyone; an organization admin invites only with a role in an
 * organization they administer, or one inside it (so every invitee they bring in belongs to
 * their organization). `organizationChain` is the organization and its ancestors, null for none.
 */
export function canInvite(actor: Actor | null, organizationChain: OrgChain | null): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return roleInChain(actor, organizationChain) === "admin";
}

/** Giving or taking a role in an organization: as in the directory, an admin role covers sub-organizations. */
export function canManageRolesIn(actor: Actor | null, organizationChain: OrgChain): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return roleInChain(actor, organizationChain) === "admin";
}

/** Disabling and enabling accounts and granting platform admin: platform admins only. */
export function canManageAccounts(actor: Actor | null): boolean {
  return Boolean(actor?.isPlatformAdmin);
}
