// A reservation's cancellation and what hangs on it: an invitation racing the cancellation never
// stays live on a cancelled reservation (the reservation is locked and checked in the
// invitation's transaction), and the network's own meeting planned in the freed room is
// cancelled through the meetings module, which mails its participants.
import { and, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { people } from "../directory/schema.ts";
import { mailsTo } from "../identity/testing.ts";
import { meetings } from "../meetings/schema.ts";
import { insertNetworkWithRoles } from "../networks/factories.ts";
import { at, insertReservation, insertSlots, insertTestEvent } from "./bookings-factories.ts";
import { eventBookings, eventBookingSlots, eventRoomReservations } from "./bookings-schema.ts";
import { cancelReservation, inviteGuest, planReservationMeeting } from "./bookings-service.ts";
import { failure } from "../../../tests/support/outcomes.ts";

describeDatabases("cancelling a side meeting reservation", (ctx) => {
  async function setup() {
    const event = await insertTestEvent(ctx.db);
    const network = await insertNetworkWithRoles(ctx.db);
    const reservation = await insertReservation(ctx.db, {
      eventId: event.event.id,
      roomId: event.rooms[1]!.id,
      networkId: network.network.id,
      startsAt: at(event.event, "2031-05-20", "08:00"),
      endsAt: at(event.event, "2031-05-21", "17:00"),
    });
    return { ...event, ...network, reservation };
  }

  it("leaves no live invitation on a reservation cancelled while the guest is invited", async () => {
    const s = await setup();
    const [slot] = await insertSlots(ctx.db, s.reservation.id, [
      { startsAt: at(s.event, "2031-05-20", "09:00"), endsAt: at(s.event, "2031-05-20", "09:30") },
    ]);
    const guestEmail = "kapplopning@leverantor.example";
    // The invitation reads the reservation as accepted, then the cancellation goes first.
    const [invited, cancelled] = await Promise.allSettled([
      inviteGuest(ctx.db, s.members.member.actor, s.event.id, s.reservation.id, slot!.id, {
        topic: "Vårdens data",
        guestName: "Kim Berg",
        guestEmail,
        guestKind: "supplier",
      }),
      cancelReservation(ctx.db, s.members.chair.actor, s.event.id, s.reservation.id, {
        version: s.reservation.version,
      }),
    ]);
    expect(cancelled.status).toBe("fulfilled");
    const [reservation] = await ctx.db
      .select({ status: eventRoomReservations.status })
      .from(eventRoomReservations)
      .where(eq(eventRoomReservations.id, s.reservation.id));
    expect(reservation?.status).toBe("cancelled");
    const live = await ctx.db
      .select({ id: eventBookings.id })
      .from(eventBookings)
      .innerJoin(eventBookingSlots, eq(eventBookingSlots.id, eventBookings.slotId))
      .where(
        and(
          eq(eventBookingSlots.reservationId, s.reservation.id),
          inArray(eventBookings.status, ["invited", "accepted"]),
        ),
      );
    expect(live).toEqual([]);
    if (invited.status === "rejected")
      expect((invited.reason as Error).message).toBe("bookings.error.notAccepted");
    // Invited first and cancelled after: the guest was told it is off.
    else expect((await mailsTo(ctx.db, guestEmail))[0]?.subject).toMatch(/^Inställt:/);
  });

  it("cancels the network's meeting planned in the freed room, and its participants hear", async () => {
    const s = await setup();
    const email = "medlem.vardmote@region.example";
    await ctx.db.update(people).set({ email }).where(eq(people.id, s.members.member.person.id));
    const planned = await planReservationMeeting(
      ctx.db,
      s.members.chair.actor,
      s.event.id,
      s.reservation.id,
      { title: "Vårmöte", date: "2031-05-21", startTime: "13:00", endTime: "16:00" },
    );

    // The event's organizer does not run the network: asked to have the network do it.
    const refused = await failure(
      cancelReservation(ctx.db, s.organizer, s.event.id, s.reservation.id, {
        version: s.reservation.version,
      }),
    );
    expect(refused.message).toBe("bookings.error.meetingPlannedInRoom");
    expect(refused.params).toEqual({ title: "Vårmöte", network: s.network.name });

    await cancelReservation(ctx.db, s.members.chair.actor, s.event.id, s.reservation.id, {
      version: s.reservation.version,
    });
    const [meeting] = await ctx.db.select().from(meetings).where(eq(meetings.id, planned.id));
    expect(meeting?.status).toBe("cancelled");
    const [mail] = await mailsTo(ctx.db, email);
    expect(mail?.subject).toBe(`Inställt: Vårmöte (${s.network.name})`);
    expect(mail?.icalEvent?.method).toBe("CANCEL");
  });

  it("leaves a meeting that already took place in the room as it was", async () => {
    const s = await setup();
    const planned = await planReservationMeeting(
      ctx.db,
      s.members.chair.actor,
      s.event.id,
      s.reservation.id,
      { title: "Vårmöte", date: "2031-05-21", startTime: "13:00", endTime: "16:00" },
    );
    const hourAgo = new Date(Date.now() - 3600_000);
    await ctx.db
      .update(meetings)
      .set({ startsAt: new Date(hourAgo.getTime() - 3600_000), endsAt: hourAgo })
      .where(eq(meetings.id, planned.id));
    await cancelReservation(ctx.db, s.organizer, s.event.id, s.reservation.id, {
      version: s.reservation.version,
    });
    const [meeting] = await ctx.db.select().from(meetings).where(eq(meetings.id, planned.id));
    expect(meeting?.status).toBe("planned");
  });
});
