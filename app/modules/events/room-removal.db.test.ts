// Removing a room that the program or a network's side meeting uses is refused with a message
// naming what uses it; nothing is lost (the sessions keep their room, the reservation its slots
// and guests). A room nothing live uses is removed.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { translator } from "../../i18n/translate.ts";
import { insertNetworkWithRoles } from "../networks/factories.ts";
import {
  at,
  insertBookings,
  insertReservation,
  insertSlots,
  insertTestEvent,
} from "./bookings-factories.ts";
import { eventBookings, eventBookingSlots, eventRoomReservations } from "./bookings-schema.ts";
import { insertSession } from "./factories.ts";
import { eventRooms, eventSessions } from "./schema.ts";
import { listRooms, removeRoom } from "./service.ts";
import { failure } from "../../../tests/support/outcomes.ts";

describeDatabases("removing a room", (ctx) => {
  it("refuses a room with sessions or live reservations, naming them, and loses nothing", async () => {
    const s = await insertTestEvent(ctx.db);
    const [hall, g2, g3] = s.rooms;
    const network = await insertNetworkWithRoles(ctx.db, { name: "Digitaliseringsnätverket" });

    // Sal A: a session of the program.
    const keynote = await insertSession(ctx.db, s.event, {
      title: "Öppningstal",
      roomId: hall!.id,
    });
    const sessionsRefused = await failure(removeRoom(ctx.db, s.organizer, s.event.id, hall!.id));
    expect(sessionsRefused.code).toBe("conflict");
    expect(translator("sv")(sessionsRefused.message, sessionsRefused.params)).toBe(
      "Rummet Sal A kan inte tas bort: programmet har punkter i det (”Öppningstal”). Flytta dem till ett annat rum eller ta bort dem först.",
    );
    const [session] = await ctx.db
      .select({ roomId: eventSessions.roomId })
      .from(eventSessions)
      .where(eq(eventSessions.id, keynote.id));
    expect(session?.roomId).toBe(hall!.id);

    // Rum G2: the network's accepted reservation, with a slot and an invited guest.
    const reservation = await insertReservation(ctx.db, {
      eventId: s.event.id,
      roomId: g2!.id,
      networkId: network.network.id,
      startsAt: at(s.event, "2031-05-20", "08:00"),
      endsAt: at(s.event, "2031-05-20", "17:00"),
    });
    const [slot] = await insertSlots(ctx.db, reservation.id, [
      { startsAt: at(s.event, "2031-05-20", "10:00"), endsAt: at(s.event, "2031-05-20", "10:30") },
    ]);
    await insertBookings(ctx.db, [
      {
        slotId: slot!.id,
        topic: "Journaldata",
        guestName: "Lena Ek",
        guestEmail: "lena@example.se",
        guestKind: "agency",
      },
    ]);
    const reservedRefused = await failure(removeRoom(ctx.db, s.organizer, s.event.id, g2!.id));
    expect(reservedRefused.code).toBe("conflict");
    expect(translator("en")(reservedRefused.message, reservedRefused.params)).toBe(
      "The room Rum G2 cannot be removed: it is reserved for side meetings (”Digitaliseringsnätverket”). The reservations must be cancelled first.",
    );
    expect(
      await ctx.db
        .select({ id: eventRoomReservations.id })
        .from(eventRoomReservations)
        .where(eq(eventRoomReservations.id, reservation.id)),
    ).toHaveLength(1);
    expect(
      await ctx.db
        .select({ id: eventBookings.id })
        .from(eventBookings)
        .innerJoin(eventBookingSlots, eq(eventBookingSlots.id, eventBookings.slotId))
        .where(eq(eventBookingSlots.reservationId, reservation.id)),
    ).toHaveLength(1);

    // A session and a reservation in one room: both named.
    await insertSession(ctx.db, s.event, { title: "Panelsamtal", roomId: g2!.id });
    const both = await failure(removeRoom(ctx.db, s.organizer, s.event.id, g2!.id));
    expect(both.message).toBe("events.error.roomInUse.both");
    expect(both.params).toMatchObject({ sessions: "”Panelsamtal”" });

    // A cancelled reservation holds the room no more: Rum G3 goes.
    await insertReservation(ctx.db, {
      eventId: s.event.id,
      roomId: g3!.id,
      networkId: network.network.id,
      startsAt: at(s.event, "2031-05-21", "08:00"),
      endsAt: at(s.event, "2031-05-21", "12:00"),
      status: "cancelled",
    });
    await removeRoom(ctx.db, s.organizer, s.event.id, g3!.id);
    expect((await listRooms(ctx.db, s.organizer, s.event.id)).map((room) => room.name)).toEqual([
      "Sal A",
      "Rum G2",
    ]);
    const [left] = await ctx.db
      .select({ id: eventRooms.id })
      .from(eventRooms)
      .where(eq(eventRooms.id, g3!.id));
    expect(left).toBeUndefined();
  });
});
