import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { AppError } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { roleInChain } from "../directory/policy.ts";
import { organizationChains } from "../directory/service.ts";
import { canReadEvent, type EventAccess } from "./policy.ts";
import { eventCommitteeMembers, eventOrganizations, events, type EventRow } from "./schema.ts";

/**
 * What the actor may do with an event, with the event itself. An event the actor may not see
 * (a draft) is "not found", so its existence does not leak.
 */
export async function loadEventAccess(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<{ event: EventRow; access: EventAccess }> {
  const event = isUuid(eventId)
    ? (await db.select().from(events).where(eq(events.id, eventId)))[0]
    : undefined;
  if (!event) throw new AppError("not_found", "events.error.notFound");
  const access = await accessTo(db, actor, event);
  if (!canReadEvent(access)) throw new AppError("not_found", "events.error.notFound");
  return { event, access };
}

/** The actor's access to an event row already read (no visibility check). */
export async function accessTo(
  db: DbOrTx,
  actor: Actor | null,
  event: Pick<EventRow, "id" | "status">,
): Promise<EventAccess> {
  const personId = actor?.personId ?? null;
  const committees = personId
    ? (
        await db
          .selectDistinct({ committee: eventCommitteeMembers.committee })
          .from(eventCommitteeMembers)
          .where(
            and(
              eq(eventCommitteeMembers.eventId, event.id),
              eq(eventCommitteeMembers.personId, personId),
            ),
          )
      ).map((row) => row.committee)
    : [];
  let organizes = Boolean(actor?.isPlatformAdmin);
  if (actor && !organizes && actor.orgRoles.size > 0) {
    const organizers = await db
      .select({ organizationId: eventOrganizations.organizationId })
      .from(eventOrganizations)
      .where(
        and(
          eq(eventOrganizations.eventId, event.id),
          inArray(eventOrganizations.role, ["lead", "deputy_lead"]),
        ),
      );
    const chains = await organizationChains(
      db,
      organizers.map((row) => row.organizationId),
    );
    organizes = [...chains.values()].some((chain) => roleInChain(actor, chain) !== null);
  }
  return { eventId: event.id, status: event.status, organizes, committees, personId };
}
