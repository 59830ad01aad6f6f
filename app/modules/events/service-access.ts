// Who may act on an event, for the services: load the event the actor may see, then refuse unless
// the policy allows the act (the public is asked to log in first).
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { forbidden, requireActor } from "../../platform/errors.ts";
import { loadEventAccess } from "./access.ts";
import * as policy from "./policy.ts";
import type { EventAccess } from "./policy.ts";
import type { EventRow } from "./schema.ts";

/** Refusal for the public first (so they are asked to log in), else forbidden. */
export function refuse(actor: Actor | null): never {
  requireActor(actor);
  throw forbidden();
}

/** Loads the event (visible to the actor) and refuses unless `may` allows the actor. */
export async function requireEventRight(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  may: (access: EventAccess) => boolean,
): Promise<{ event: EventRow; access: EventAccess; acting: Actor }> {
  const { event, access } = await loadEventAccess(db, actor, eventId);
  if (!may(access)) refuse(actor);
  return { event, access, acting: requireActor(actor) };
}

/** Organizers and committee members: facts, rooms, tracks, speakers, sessions, tickets. */
export function requireEventEditor(db: DbOrTx, actor: Actor | null, eventId: string) {
  return requireEventRight(db, actor, eventId, policy.canEditEvent);
}

/** Organizers: publish, cancel, delete, organizers, partners and committees. */
export function requireEventOrganizer(db: DbOrTx, actor: Actor | null, eventId: string) {
  return requireEventRight(db, actor, eventId, policy.canManageOrganizers);
}
