// Cancelling an event tells everyone who expects to come: confirmed and waitlisted registrants
// (in their registration's language; the confirmed with a METHOD:CANCEL .ics that takes back the
// confirmation's, read back with ical.js) and the side meetings' invited guests. Registrations
// keep their data, and the registrant's page says the event is cancelled.
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { MailMessage } from "../../platform/mail/outbox.ts";
import { mailsTo, tokenFromMail } from "../identity/testing.ts";
import { insertNetworkWithRoles } from "../networks/factories.ts";
import {
  at,
  insertBookings,
  insertReservation,
  insertSlots,
  insertTestEvent,
} from "./bookings-factories.ts";
import { eventBookings } from "./bookings-schema.ts";
import { inviteGuest } from "./bookings-service.ts";
import { insertTicket, registrationInput } from "./registrations-factories.ts";
import { registrations } from "./registrations-schema.ts";
import { events } from "./schema.ts";
import { getOwnRegistration, register, saveOwnAgenda } from "./registrations-service.ts";
import { changeEventStatus } from "./service.ts";
import { failure } from "../../../tests/support/outcomes.ts";

const now = new Date("2031-02-01T10:00:00Z");

function vevent(mail: MailMessage | undefined) {
  const calendar = new ICAL.Component(ICAL.parse(mail!.icalEvent!.content));
  return {
    method: calendar.getFirstPropertyValue("method"),
    event: new ICAL.Event(calendar.getFirstSubcomponent("vevent")!),
  };
}

describeDatabases("cancelling an event", (ctx) => {
  it("mails the confirmed, the waitlisted and the invited guests; registrations stay", async () => {
    const s = await insertTestEvent(ctx.db, { name: "Vårdforum Syd" });
    const ticket = await insertTicket(ctx.db, s.event.id, { name: "Ordinarie", capacity: 1 });
    const confirmed = await register(
      ctx.db,
      null,
      s.event.id,
      registrationInput(ticket.id, { email: "eva@example.se", locale: "en" }),
      now,
    );
    const waiting = await register(
      ctx.db,
      null,
      s.event.id,
      registrationInput(ticket.id, { email: "ola@example.no", locale: "nb" }),
      now,
    );
    expect([confirmed.registration.status, waiting.registration.status]).toEqual([
      "confirmed",
      "waitlisted",
    ]);
    const gone = await register(
      ctx.db,
      null,
      s.event.id,
      registrationInput(ticket.id, { email: "borta@example.se" }),
      now,
    );
    await ctx.db
      .update(registrations)
      .set({ status: "cancelled", cancelledAt: now })
      .where(eq(registrations.id, gone.registration.id));
    const network = await insertNetworkWithRoles(ctx.db);
    const reservation = await insertReservation(ctx.db, {
      eventId: s.event.id,
      roomId: s.rooms[1]!.id,
      networkId: network.network.id,
      startsAt: at(s.event, "2031-05-20", "08:00"),
      endsAt: at(s.event, "2031-05-20", "17:00"),
    });
    const [slot] = await insertSlots(ctx.db, reservation.id, [
      { startsAt: at(s.event, "2031-05-20", "10:00"), endsAt: at(s.event, "2031-05-20", "10:30") },
    ]);
    const [booking] = await insertBookings(ctx.db, [
      {
        slotId: slot!.id,
        topic: "Nationell infrastruktur",
        guestName: "Lena Ek",
        guestEmail: "lena@example.se",
        guestKind: "agency",
        language: "en",
      },
    ]);
    const confirmation = vevent((await mailsTo(ctx.db, "eva@example.se"))[0]);

    await changeEventStatus(ctx.db, s.organizer, s.event.id, {
      status: "cancelled",
      version: s.event.version,
    });

    // The confirmed registrant: in English, with a CANCEL .ics for the confirmation's entry.
    const [toEva] = await mailsTo(ctx.db, "eva@example.se");
    expect(toEva?.subject).toBe("Cancelled: Vårdforum Syd");
    expect(toEva?.text).toContain("The organizers have cancelled Vårdforum Syd");
    expect(toEva?.icalEvent?.method).toBe("CANCEL");
    const cancel = vevent(toEva);
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.event.uid).toBe(confirmation.event.uid);
    expect(cancel.event.sequence).toBeGreaterThan(confirmation.event.sequence);
    expect(cancel.event.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(tokenFromMail(toEva, "/registrations/")).toBe(confirmed.token);

    // The waitlisted registrant: in Norwegian, no calendar entry to take back.
    const [toOla] = await mailsTo(ctx.db, "ola@example.no");
    expect(toOla?.subject).toBe("Avlyst: Vårdforum Syd");
    expect(toOla?.icalEvent).toBeUndefined();

    // The cancelled registrant hears nothing more; the guest is told and the booking ends.
    expect((await mailsTo(ctx.db, "borta@example.se")).map((mail) => mail.subject)).not.toContain(
      "Inställt: Vårdforum Syd",
    );
    const [toLena] = await mailsTo(ctx.db, "lena@example.se");
    expect(toLena?.subject).toBe("Cancelled: Vårdforum Syd (Nationell infrastruktur)");
    const [after] = await ctx.db
      .select({ status: eventBookings.status })
      .from(eventBookings)
      .where(eq(eventBookings.id, booking!.id));
    expect(after?.status).toBe("cancelled");

    // No new guest can be invited to a talk at the cancelled event.
    const invite = await failure(
      inviteGuest(ctx.db, network.members.member.actor, s.event.id, reservation.id, slot!.id, {
        topic: "Nytt samtal",
        guestName: "Kim Berg",
        guestEmail: "kim@example.se",
        guestKind: "supplier",
      }),
    );
    expect(invite.message).toBe("bookings.error.eventCancelledInvite");

    // The registrations keep their status and data; their page says the event is cancelled.
    const own = await getOwnRegistration(ctx.db, confirmed.token, now);
    expect(own.registration).toMatchObject({ status: "confirmed", email: "eva@example.se" });
    expect(own.event.status).toBe("cancelled");
    expect(own.canChange).toBe(false);
    const agenda = await failure(saveOwnAgenda(ctx.db, confirmed.token, { sessionIds: [] }));
    expect(agenda.message).toBe("registrations.own.eventCancelled");

    // A cancelled event stays cancelled: nobody's calendar or booking would follow it back.
    const [cancelled] = await ctx.db.select().from(events).where(eq(events.id, s.event.id));
    for (const status of ["published", "draft"] as const) {
      const refused = await failure(
        changeEventStatus(ctx.db, s.organizer, s.event.id, { status, version: cancelled!.version }),
      );
      expect(refused.fieldErrors.status).toEqual(["events.error.cancelledIsFinal"]);
    }
  });
});
