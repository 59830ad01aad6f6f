// Places of an event, counted safely. Everything that takes a place (a registration, a move up
// from the waiting list) first locks the event's row and then the rows of the ticket types
// involved, in that fixed order (ticket types by id), with SELECT … FOR NO KEY UPDATE; only then
// it counts the confirmed places and writes, in the same transaction. Two registrations for the
// last place are so serialized: the second one counts after the first one has committed and goes
// on the waiting list. Releasing a place (a cancellation) needs no lock of its own, but moving
// the next in line up does, and it happens in the cancellation's transaction.
//
// NO KEY UPDATE rather than UPDATE: it conflicts with itself and with the event core's
// FOR UPDATE (lockEvent), but not with the KEY SHARE locks of foreign-key checks, so writing
// other rows of the event (sessions, bookings) is not held up by a registration rush.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../directory/db-helpers.ts";
import { registrations } from "./registrations-schema.ts";
import { emptyOccupancy, type Occupancy } from "./registrations-rules.ts";
import { events } from "./schema.ts";
import { ticketTypes } from "./tickets-schema.ts";

let lockingEnabled = true;

/**
 * Test-only: switches the capacity lock off, to show that the concurrency test catches the
 * oversell it guards against. Refused in production.
 */
export function setCapacityLockingForTests(enabled: boolean): void {
  if (process.env.NODE_ENV === "production")
    throw new Error("The capacity lock cannot be switched off in production");
  lockingEnabled = enabled;
}

/**
 * Locks the event's row, then the given ticket types' rows (all of the event's when "all"), in
 * id order. Call it first in the transaction, before counting.
 */
export async function lockCapacity(
  tx: DbOrTx,
  eventId: string,
  ticketTypeIds: readonly string[] | "all",
): Promise<void> {
  if (!lockingEnabled) return;
  await tx
    .select({ id: events.id })
    .from(events)
    .where(eq(events.id, eventId))
    .for("no key update");
  if (ticketTypeIds !== "all" && ticketTypeIds.length === 0) return;
  await tx
    .select({ id: ticketTypes.id })
    .from(ticketTypes)
    .where(
      ticketTypeIds === "all"
        ? eq(ticketTypes.eventId, eventId)
        : and(eq(ticketTypes.eventId, eventId), inArray(ticketTypes.id, [...ticketTypeIds])),
    )
    .orderBy(asc(ticketTypes.id))
    .for("no key update");
}

/** Confirmed places per ticket type and per one-day date ("" for whole-event tickets). */
export async function occupancyOf(db: DbOrTx, eventId: string): Promise<Occupancy> {
  const rows = await queryRows<{ ticket_type_id: string; valid_date: string | null; n: number }>(
    db,
    sql`SELECT r.ticket_type_id, tt.valid_date::text AS valid_date, count(*)::int AS n
          FROM ${registrations} r
          JOIN ${ticketTypes} tt ON tt.id = r.ticket_type_id
         WHERE r.event_id = ${eventId} AND r.status = 'confirmed'
         GROUP BY r.ticket_type_id, tt.valid_date`,
  );
  const occupancy = emptyOccupancy();
  for (const row of rows) {
    const n = Number(row.n);
    occupancy.byType.set(row.ticket_type_id, (occupancy.byType.get(row.ticket_type_id) ?? 0) + n);
    const key = row.valid_date ?? "";
    occupancy.byValidDate.set(key, (occupancy.byValidDate.get(key) ?? 0) + n);
  }
  return occupancy;
}
