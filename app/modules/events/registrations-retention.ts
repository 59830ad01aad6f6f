// Erasing registrations' personal data on the retention date the organizer set for the event.
// Runs hourly as a maintenance task of the job worker (app/platform/startup.ts), like the
// meetings' due-tomorrow reminders: an event whose retention date has come (in its own time zone)
// has its registrations' names, addresses, invoice details, answers and agenda picks erased and
// their links voided. The rows stay with their ticket type, status and dates, so the event keeps
// its anonymous counts per ticket type and per day. Safe to run concurrently on several
// instances: each event is erased under its row lock, and erased rows are skipped.
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { todayIn } from "../../i18n/format.ts";
import { auditUpdate } from "../../platform/audit/service.ts";
import { timeZones } from "../directory/schema.ts";
import { registrationAgenda, registrationAnswers, registrations } from "./registrations-schema.ts";
import { events } from "./schema.ts";

/** Erases the registrations of every event whose retention date has come; returns how many. */
export async function eraseDueRegistrations(db: Db, now = new Date()): Promise<number> {
  // The latest "today" of any zone the platform knows: candidates, checked per event below.
  const latestToday = timeZones
    .map((zone) => todayIn(zone, now))
    .sort()
    .at(-1)!;
  const due = await db
    .selectDistinct({ id: events.id })
    .from(events)
    .innerJoin(registrations, eq(registrations.eventId, events.id))
    .where(and(lte(events.retentionDate, latestToday), isNull(registrations.erasedAt)));
  let erased = 0;
  for (const { id } of due) erased += await eraseEvent(db, id, now);
  return erased;
}

async function eraseEvent(db: Db, eventId: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .select()
      .from(events)
      .where(eq(events.id, eventId))
      .for("no key update");
    if (!event?.retentionDate || event.retentionDate > todayIn(event.timeZone, now)) return 0;
    const rows = await tx
      .update(registrations)
      .set({
        name: "",
        email: "",
        phone: "",
        organizationName: "",
        organizationId: null,
        school: "",
        invoiceOrganizationNumber: "",
        invoiceReference: "",
        invoiceAddress: "",
        // The link dies: no token hashes to this.
        manageTokenHash: sql`'erased:' || ${registrations.id}::text`,
        erasedAt: now,
        updatedAt: now,
      })
      .where(and(eq(registrations.eventId, eventId), isNull(registrations.erasedAt)))
      .returning({ id: registrations.id });
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    await tx.delete(registrationAnswers).where(inArray(registrationAnswers.registrationId, ids));
    await tx.delete(registrationAgenda).where(inArray(registrationAgenda.registrationId, ids));
    await auditUpdate(tx, {
      actor: null,
      entityType: "event",
      entityId: event.id,
      entityLabel: event.name,
      before: { registrationsErased: 0 },
      after: { registrationsErased: rows.length, retentionDate: event.retentionDate },
    });
    return rows.length;
  });
}
