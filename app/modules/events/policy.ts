// Who may do what with an event. Pure functions of an EventAccess, which access.ts loads for an
// actor and an event; services call these before every read and write.
//
// Roles: the admins and editors of an organizing organization (lead or deputy lead, or one of its
// ancestors) and platform admins organize the event; members of its program and organizing
// committees edit it too. The public reads published (and cancelled) events. Attendees see and
// change their own registration through its secret link, which needs no EventAccess.
import type { Actor } from "../../platform/actor.ts";
import { roleInChain, type OrgChain } from "../directory/policy.ts";
import type { CommitteeKind, EventStatus } from "./schema.ts";

export type EventAccess = {
  eventId: string;
  status: EventStatus;
  /** Platform admin, or admin or editor of a lead or deputy lead organizer (or its ancestors). */
  organizes: boolean;
  /** The committees the actor's person sits on. */
  committees: readonly CommitteeKind[];
  personId: string | null;
};

/** Creating an event for a lead organization: platform admins, its admins and editors. */
export function canCreateEvent(actor: Actor | null, leadChain: OrgChain): boolean {
  if (!actor) return false;
  return actor.isPlatformAdmin || roleInChain(actor, leadChain) !== null;
}

/** Organizers and committee members edit everything of the event: program, tickets, budget. */
export function canEditEvent(access: EventAccess): boolean {
  return access.organizes || access.committees.length > 0;
}

/** Published and cancelled events are public; drafts are for the people who edit them. */
export function canReadEvent(access: EventAccess): boolean {
  return access.status !== "draft" || canEditEvent(access);
}

/** Registrations hold personal data: organizers and committee members only. */
export function canReadRegistrations(access: EventAccess): boolean {
  return canEditEvent(access);
}

/** Deleting an event, its organizers and its partners is for the organizers themselves. */
export function canManageOrganizers(access: EventAccess): boolean {
  return access.organizes;
}
