// When an event is cancelled: every confirmed and waitlisted registrant is told, in their own
// language, in the transaction that cancels the event (through the durable mail queue). The
// confirmed get a METHOD:CANCEL .ics that takes back the confirmation's calendar entry. The
// registrations themselves keep their status and data: the organizer may still need them, and
// the registrant's page says the event is cancelled.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { mailRegistrant } from "./registrations-mail.ts";
import { registrations } from "./registrations-schema.ts";
import { tokenFor } from "./registrations-waitlist.ts";
import type { EventRow } from "./schema.ts";
import { ticketTypes } from "./tickets-schema.ts";

/**
 * Mails every live registrant of a cancelled event. `event` is the row after the cancellation
 * (its version is the .ics SEQUENCE); `secret` is linkSecret's, read before the transaction.
 */
export async function mailEventCancelledInTx(
  tx: DbOrTx,
  event: EventRow,
  secret: string,
): Promise<number> {
  const rows = await tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, event.id),
        inArray(registrations.status, ["confirmed", "waitlisted"]),
        isNull(registrations.erasedAt),
      ),
    )
    .orderBy(asc(registrations.createdAt), asc(registrations.id));
  if (rows.length === 0) return 0;
  const types = await tx.select().from(ticketTypes).where(eq(ticketTypes.eventId, event.id));
  const byId = new Map(types.map((type) => [type.id, type]));
  for (const row of rows)
    await mailRegistrant(tx, {
      kind: "eventCancelled",
      registration: row,
      event,
      ticket: byId.get(row.ticketTypeId) ?? { name: "", validDate: null },
      token: tokenFor(secret, row.id),
    });
  return rows.length;
}
