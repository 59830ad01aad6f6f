// Demo side meetings, called by app/db/demo.ts with the demo conference's id after the networks,
// meetings and events demos: the national network of the regions' IT and digitalization
// directors holds a group room for the whole conference, has published half-hour slots on each
// day, has invited three guests (one accepted, one waiting, one declined) and plans its spring
// meeting in the room on the last afternoon. Written directly in a few batch inserts (no mails
// go out for demo data); people and organizations are fictional.
import { and, asc, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { todayIn } from "../../i18n/format.ts";
import { timeZones, type TimeZone } from "../directory/schema.ts";
import { insertMeeting } from "../meetings/factories.ts";
import { meetingParticipants } from "../meetings/schema.ts";
import { networkMembers, networks } from "../networks/schema.ts";
import {
  at,
  insertBookings,
  insertReservation,
  insertSlots,
  linkReservationMeeting,
} from "./bookings-factories.ts";
import { meetingPlace, splitIntoSlots } from "./bookings-rules.ts";
import { eventRooms, events, eventSessions } from "./schema.ts";

export const nationalNetworkName = "Nätverket för IT- och digitaliseringschefer i regionerna";

export type BookingsDemo = { reservationId: string; meetingId: string } | null;

/** A room without sessions (the smallest), or a group room added to the venue for the network. */
async function quietRoom(db: DbOrTx, eventId: string) {
  const rooms = await db
    .select()
    .from(eventRooms)
    .where(eq(eventRooms.eventId, eventId))
    .orderBy(asc(eventRooms.position));
  const used = new Set(
    (
      await db
        .selectDistinct({ roomId: eventSessions.roomId })
        .from(eventSessions)
        .where(eq(eventSessions.eventId, eventId))
    ).map((row) => row.roomId),
  );
  const free = rooms
    .filter((room) => !used.has(room.id))
    .sort((a, b) => (a.capacity ?? 1000) - (b.capacity ?? 1000));
  if (free[0]) return free[0];
  const [added] = await db
    .insert(eventRooms)
    .values({ eventId, name: "Grupprum Kronan", capacity: 24, position: rooms.length })
    .returning();
  if (!added) throw new Error("insert returned nothing");
  return added;
}

/**
 * Writes the national network's room, slots, guests and spring meeting at the event. Returns
 * null (and writes nothing) when the networks demo has no national network.
 */
export async function loadBookingsDemo(db: DbOrTx, eventId: string): Promise<BookingsDemo> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) throw new Error(`demo event ${eventId} not found`);
  const [network] = await db.select().from(networks).where(eq(networks.name, nationalNetworkName));
  if (!network) return null;
  const today = todayIn("Europe/Stockholm");
  const members = await db
    .select({
      personId: networkMembers.personId,
      organizationId: networkMembers.organizationId,
      role: networkMembers.role,
    })
    .from(networkMembers)
    .where(
      and(
        eq(networkMembers.networkId, network.id),
        lte(networkMembers.startDate, today),
        or(isNull(networkMembers.endDate), gte(networkMembers.endDate, today)),
      ),
    )
    .orderBy(asc(networkMembers.startDate), asc(networkMembers.id));
  const byRole = (role: string) => members.find((member) => member.role === role)?.personId;
  const chair = byRole("chair") ?? null;
  const secretary = byRole("secretary") ?? chair;

  const room = await quietRoom(db, event.id);
  const firstDay = event.startDate;
  const lastDay = event.endDate;
  const reservation = await insertReservation(db, {
    eventId: event.id,
    roomId: room.id,
    networkId: network.id,
    startsAt: at(event, firstDay, "08:00"),
    endsAt: at(event, lastDay, "17:00"),
    note: "Styrelsebord för 14 personer, skärm med HDMI och en flipchart. Vi ställer i ordning själva.",
    requestedByLabel: "anders.wahlstrom@skr.example",
  });

  // Half-hour talks on the mornings of each day, the first day's afternoon too.
  const slotTimes = [
    ...splitIntoSlots(
      { startsAt: at(event, firstDay, "10:00"), endsAt: at(event, firstDay, "12:00") },
      30,
    ),
    ...splitIntoSlots(
      { startsAt: at(event, firstDay, "14:00"), endsAt: at(event, firstDay, "15:30") },
      30,
    ),
    ...(lastDay !== firstDay
      ? splitIntoSlots(
          { startsAt: at(event, lastDay, "09:00"), endsAt: at(event, lastDay, "11:00") },
          30,
        )
      : []),
  ];
  const slots = await insertSlots(db, reservation.id, slotTimes);

  await insertBookings(db, [
    {
      slotId: slots[0]!.id,
      topic:
        "Nationell tjänsteplattform: tidplan för nästa version och vad regionerna behöver förbereda",
      guestName: "Helena Strand",
      guestEmail: "helena.strand@ehalsomyndigheten.example",
      guestOrganization: "E-hälsomyndigheten",
      guestKind: "agency",
      status: "accepted",
      response: "Jag tar med vår arkitekt för plattformen.",
      invitedByPersonId: secretary,
    },
    {
      slotId: slots[1]!.id,
      topic: "Driftstörningar i journalsystemet i vintras: åtgärder och avtalsvite",
      guestName: "Marcus Lind",
      guestEmail: "marcus.lind@nordjournal.example",
      guestOrganization: "Nordjournal AB",
      guestKind: "supplier",
      status: "invited",
      invitedByPersonId: chair,
    },
    {
      slotId: slots[2]!.id,
      topic: "Gemensam upphandling av molntjänster: erfarenheter från Norge",
      guestName: "Ingrid Solberg",
      guestEmail: "ingrid.solberg@helseplattform.example",
      guestOrganization: "Helseplattformen",
      guestKind: "speaker",
      language: "nb",
      status: "declined",
      response: "Dessverre opptatt med egen sesjon da. Gjerne en annen gang!",
      invitedByPersonId: secretary,
    },
  ]);

  // The spring meeting on the last afternoon, in the room, with the members invited.
  const timeZone: TimeZone = (timeZones as readonly string[]).includes(event.timeZone)
    ? (event.timeZone as TimeZone)
    : "Europe/Stockholm";
  const meeting = await insertMeeting(db, network.id, {
    title: `Nätverkets vårmöte ${lastDay.slice(0, 4)}`,
    date: lastDay,
    startTime: "13:00",
    endTime: "16:00",
    timeZone,
    place: meetingPlace(room.name, event.venueName, event.venueAddress),
    chairPersonId: chair,
    secretaryPersonId: secretary,
  });
  await linkReservationMeeting(db, reservation.id, meeting.id);
  const seen = new Set<string>();
  const invitees = members.filter((member) =>
    seen.has(member.personId) ? false : (seen.add(member.personId), true),
  );
  if (invitees.length)
    await db.insert(meetingParticipants).values(
      invitees.map((member) => ({
        meetingId: meeting.id,
        personId: member.personId,
        organizationId: member.organizationId,
        kind: "member" as const,
      })),
    );
  return { reservationId: reservation.id, meetingId: meeting.id };
}
