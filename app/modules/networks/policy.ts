// Who may do what in a network and its meetings. Pure functions of a NetworkAccess, which
// access.ts loads for an actor and a network; services call these before every read and write.
//
// Roles: the owning organization's admins and editors (and platform admins) manage the network;
// its chair, vice chair and secretary run it (members, meetings, minutes); every current member,
// whatever the role, reads members-only content and keeps their own attendance and actions; the
// public reads public networks and published public minutes only.
import type { Actor } from "../../platform/actor.ts";
import { roleInChain, type OrgChain } from "../directory/policy.ts";
import type { MemberRole, NetworkVisibility } from "./schema.ts";

export type NetworkAccess = {
  networkId: string;
  visibility: NetworkVisibility;
  /** The actor's strongest current role in the network; null for non-members and the public. */
  memberRole: MemberRole | null;
  /** Platform admin, or admin or editor of the owning organization or one of its ancestors. */
  managesOwner: boolean;
  /** The actor's person in the directory (for their own attendance and actions). */
  personId: string | null;
};

const runningRoles: readonly MemberRole[] = ["chair", "vice_chair", "secretary"];

/** The order in which roles count as "strongest" when a person holds several. */
export const memberRoleRank: Record<MemberRole, number> = {
  chair: 0,
  vice_chair: 1,
  secretary: 2,
  member: 3,
  adjunct: 4,
  observer: 5,
};

export function strongestRole(roles: readonly MemberRole[]): MemberRole | null {
  let best: MemberRole | null = null;
  for (const role of roles)
    if (best === null || memberRoleRank[role] < memberRoleRank[best]) best = role;
  return best;
}

export function managesOrganization(actor: Actor | null, ownerChain: OrgChain): boolean {
  if (!actor) return false;
  return actor.isPlatformAdmin || roleInChain(actor, ownerChain) !== null;
}

/** Creating a network for an organization: platform admins, its admins and editors. */
export function canCreateNetwork(actor: Actor | null, ownerChain: OrgChain): boolean {
  return managesOrganization(actor, ownerChain);
}

export function isMember(access: NetworkAccess): boolean {
  return access.memberRole !== null;
}

/** Seeing the network at all: public networks for everyone, members-only ones for insiders. */
export function canReadNetwork(access: NetworkAccess): boolean {
  return access.visibility === "public" || isMember(access) || access.managesOwner;
}

/** Members-only content: meetings' agendas and unpublished minutes past draft, open actions… */
export function canReadMembersContent(access: NetworkAccess): boolean {
  return isMember(access) || access.managesOwner;
}

/**
 * Running the network: its settings, members and seat rules, its series, meetings, agendas,
 * attendance and minutes. Chairs, vice chairs, secretaries, and the owner's managers.
 */
export function canEditNetwork(access: NetworkAccess): boolean {
  return (
    access.managesOwner || (access.memberRole !== null && runningRoles.includes(access.memberRole))
  );
}

/** Deleting a network is for the owning organization's managers only. */
export function canDeleteNetwork(access: NetworkAccess): boolean {
  return access.managesOwner;
}

/** A member updates their own attendance and their own actions; editors update anyone's. */
export function canUpdateOwn(access: NetworkAccess, personId: string | null): boolean {
  if (canEditNetwork(access)) return true;
  return isMember(access) && personId !== null && access.personId === personId;
}
