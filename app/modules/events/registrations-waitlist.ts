// The waiting list: who moves up when a place frees (a cancellation, a higher capacity), under
// the capacity lock and in the transaction that freed the place, each with a mail. Also the
// registrants' secret links, derived from the registration's id with a key the app keeps, so a
// mail written later (the move up) can carry the same link as the confirmation.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditUpdate } from "../../platform/audit/service.ts";
import { hmac } from "../identity/crypto.ts";
import { appSecret } from "../identity/secrets.ts";
import { lockCapacity, occupancyOf } from "./registrations-capacity.ts";
import { mailRegistrant } from "./registrations-mail.ts";
import { promotions } from "./registrations-rules.ts";
import { registrations } from "./registrations-schema.ts";
import { events } from "./schema.ts";
import { ticketTypes } from "./tickets-schema.ts";

/**
 * The key of the registrants' links. Read it with the outer database handle before a
 * transaction: its first use writes it, which must not wait inside a transaction holding locks.
 */
export function linkSecret(db: DbOrTx): Promise<string> {
  return appSecret(db, "registration-links");
}

/** The secret in a registrant's link (its SHA-256 is stored to find the registration). */
export function tokenFor(secret: string, registrationId: string): string {
  return hmac(secret, `registration:${registrationId}`);
}

/** What the audit log keeps of a registration: no personal data (it outlives the erasure). */
export function auditRecordOf(row: {
  status: string;
  ticketTypeId: string;
  price: number;
  vatRate: number;
  invitationCodeId: string | null;
}) {
  return {
    status: row.status,
    ticketTypeId: row.ticketTypeId,
    price: row.price,
    vatRate: row.vatRate,
    invitationCodeId: row.invitationCodeId,
  };
}

/**
 * Moves up, in the order they joined the waiting list, everyone whose ticket now fits, and mails
 * them. Takes the capacity lock (event, then every ticket type of it) if the caller has not;
 * returns the ids moved up.
 */
export async function promoteWaitingInTx(
  tx: DbOrTx,
  eventId: string,
  actor: Actor | null,
  secret: string,
): Promise<string[]> {
  await lockCapacity(tx, eventId, "all");
  const waiting = await tx
    .select({ id: registrations.id, ticketTypeId: registrations.ticketTypeId })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, "waitlisted")))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.createdAt), asc(registrations.id));
  if (waiting.length === 0) return [];
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event || event.status !== "published") return [];
  const types = await tx.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId));
  const byId = new Map(types.map((type) => [type.id, type]));
  const chosen = promotions(waiting, byId, event, await occupancyOf(tx, eventId));
  if (chosen.length === 0) return [];
  const now = new Date();
  const before = await tx
    .select()
    .from(registrations)
    .where(
      inArray(
        registrations.id,
        chosen.map((row) => row.id),
      ),
    );
  for (const row of before) {
    const [after] = await tx
      .update(registrations)
      .set({ status: "confirmed", confirmedAt: now, version: row.version + 1, updatedAt: now })
      .where(and(eq(registrations.id, row.id), eq(registrations.status, "waitlisted")))
      .returning();
    if (!after) continue;
    const type = byId.get(row.ticketTypeId)!;
    await auditUpdate(tx, {
      actor,
      entityType: "registration",
      entityId: row.id,
      entityLabel: `${event.name} · ${type.name}`,
      before: auditRecordOf(row),
      after: auditRecordOf(after),
    });
    await mailRegistrant(tx, {
      kind: "promoted",
      registration: after,
      event,
      ticket: type,
      token: tokenFor(secret, row.id),
    });
  }
  return chosen.map((row) => row.id);
}
