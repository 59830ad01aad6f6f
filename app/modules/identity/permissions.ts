import type { Actor } from "../../platform/actor.ts";

// Who may do what with accounts and roles. Pure; the services call these before every change.

/** Organizations whose roles the actor administers (all of them for platform admins: null). */
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
 * organization they administer (so every invitee they bring in belongs to their organization).
 */
export function canInvite(actor: Actor | null, organizationId: string | null): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return organizationId !== null && actor.orgRoles.get(organizationId) === "admin";
}

/** Giving or taking a role in an organization. */
export function canManageRolesIn(actor: Actor | null, organizationId: string): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return actor.orgRoles.get(organizationId) === "admin";
}

/** Disabling and enabling accounts and granting platform admin: platform admins only. */
export function canManageAccounts(actor: Actor | null): boolean {
  return Boolean(actor?.isPlatformAdmin);
}
