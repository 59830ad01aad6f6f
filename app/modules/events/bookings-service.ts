// Use cases of side meetings: a network reserves a room of an event, publishes slots in it, its
// members invite guests who answer by a secret link, and the network's own meeting is planned
// in the room as a meeting of the meetings module.
//
// Who does what:
// - A network's chair, vice chair and secretary and its owner's admins and editors (networks
//   policy canEditNetwork) request reservations, publish and remove slots, plan the network's
//   meeting in the room and cancel the reservation.
// - The event's organizers and committee members (events policy canEditEvent) accept or decline
//   requests, and may cancel a reservation. A request by someone who may also edit the event is
//   accepted at once.
// - Every current member of the network (and its owner's managers) invites guests to free slots,
//   and sees the slots with their guests and topics; the inviter and the network's runners
//   cancel a booking.
// - The event's editors see every reservation and which slots are taken, not who comes.
// - The public sees accepted reservations of public networks (network, room, time) and the
//   network's meetings planned there, nothing of slots and bookings.
//
// Rooms are never double-booked: a requested or accepted reservation holds its room against
// other reservations and sessions of the program. Every check runs after the row lock of the
// room (reservations) or of the reservation (slots, meetings) or of the slot (bookings) is taken,
// in the same transaction as the write; the database also refuses two live bookings of a slot.
import { and, asc, eq, gt, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { formatDate, todayIn } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import { translator } from "../../i18n/translate.ts";
import type { Actor } from "../../platform/actor.ts";
import {
  auditCreate,
  auditDelete,
  auditInserted,
  auditUpdated,
} from "../../platform/audit/service.ts";
import { AppError, forbidden, invalid, requireActor } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { enqueueMail } from "../../platform/mail/outbox.ts";
import { utcToZoned, zonedToUtc } from "../../platform/time.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { pgErrorOf, withDbErrors } from "../directory/db-helpers.ts";
import { people, timeZones, type TimeZone } from "../directory/schema.ts";
import { subtreeIds } from "../directory/service.ts";
import { randomToken, sha256 } from "../identity/crypto.ts";
import { cancelMeeting, planMeeting } from "../meetings/service.ts";
import { absoluteLink, localesOf } from "../meetings/notifications.ts";
import { meetings, type MeetingStatus } from "../meetings/schema.ts";
import { accessTo as networkAccessTo } from "../networks/access.ts";
import * as networkPolicy from "../networks/policy.ts";
import type { NetworkAccess } from "../networks/policy.ts";
import { networkMembers, networks, type NetworkRow } from "../networks/schema.ts";
import { loadEventAccess } from "./access.ts";
import {
  firstOverlap,
  guestMayAnswer,
  isEventDay,
  liveBookingStatuses,
  meetingPlace,
  roomHoldingStatuses,
  splitIntoSlots,
  within,
  type BookingStatus,
  type GuestKind,
  type GuestLanguage,
  type Interval,
  type ReservationStatus,
} from "./bookings-rules.ts";
import {
  eventBookings,
  eventBookingSlots,
  eventReservationMeetings,
  eventRoomReservations,
  type EventBookingRow,
  type EventBookingSlotRow,
  type EventRoomReservationRow,
} from "./bookings-schema.ts";
import {
  ZGuestAnswerSchema,
  ZInvitationCreateSchema,
  ZReservationDecisionSchema,
  ZReservationMeetingSchema,
  ZReservationRequestSchema,
  ZSlotCreateSchema,
  ZVersionSchema,
  type TGuestAnswerInput,
  type TInvitationCreateInput,
  type TReservationDecisionInput,
  type TReservationMeetingInput,
  type TReservationRequestInput,
  type TSlotCreateInput,
  type TVersionInput,
} from "./bookings-schemas.ts";
import { canEditEvent, type EventAccess } from "./policy.ts";
import { sessionInterval, sessionLocalTimes } from "./rules.ts";
import { eventRooms, events, eventSessions, type EventRow } from "./schema.ts";
import { refuse } from "./service-access.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import { composeMail } from "../../platform/mail/compose.ts";

// ---------------------------------------------------------------------------------------------
// Types handed to routes and the API

export type ReservationCan = {
  /** Accept or decline (a requested reservation): the event's editors. */
  decide: boolean;
  cancel: boolean;
  /** Publish and remove slots, plan the network's meeting: the network's runners. */
  manage: boolean;
  /** Invite guests, see guests and topics: the network's members. */
  invite: boolean;
  /** See the slots (and whether they are taken). */
  seeSlots: boolean;
};

export type Reservation = {
  id: string;
  eventId: string;
  roomId: string;
  roomName: string;
  networkId: string;
  networkName: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** Local dates and times in the event's time zone. */
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  status: ReservationStatus;
  note: string;
  requestedByLabel: string;
  decidedAt: Date | null;
  version: number;
  can: ReservationCan;
};

export type Booking = {
  id: string;
  slotId: string;
  topic: string;
  guestName: string;
  guestEmail: string;
  guestOrganization: string;
  guestKind: GuestKind;
  language: GuestLanguage;
  status: BookingStatus;
  response: string;
  respondedAt: Date | null;
  invitedByLabel: string;
  invitedByName: string | null;
  version: number;
  /** The actor may cancel it: the inviter or the network's runners. */
  canCancel: boolean;
};

export type Slot = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  date: string;
  startTime: string;
  endTime: string;
  /** free, or the state of its live booking. */
  state: "free" | "invited" | "accepted";
  /** Free and still to come: a guest may be invited to it. */
  bookable: boolean;
  /** The live booking with guest and topic: for the network's members only. */
  booking: Booking | null;
  /** Earlier declined or cancelled bookings of the slot: for the network's members only. */
  history: Booking[];
};

export type ReservationMeeting = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  date: string;
  startTime: string;
  endTime: string;
  status: MeetingStatus;
};

export type EventRef = {
  id: string;
  name: string;
  status: EventRow["status"];
  startDate: string;
  endDate: string;
  timeZone: string;
  venueName: string;
  venueAddress: string;
};

export type EventBookingsPage = {
  event: EventRef;
  can: { editEvent: boolean; request: boolean };
  rooms: { id: string; name: string; capacity: number | null }[];
  reservations: Reservation[];
  /** The networks the actor may request a room for. */
  networks: { id: string; name: string }[];
};

export type ReservationPage = {
  event: EventRef;
  reservation: Reservation;
  slots: Slot[];
  meetings: ReservationMeeting[];
};

export type GuestBooking = {
  status: BookingStatus;
  topic: string;
  guestName: string;
  language: GuestLanguage;
  response: string;
  networkName: string;
  eventName: string;
  roomName: string;
  place: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  date: string;
  startTime: string;
  endTime: string;
  invitedByName: string;
  mayAccept: boolean;
  mayDecline: boolean;
};

const entity = {
  reservation: "event_room_reservation",
  slot: "event_booking_slot",
  booking: "event_booking",
  meetingLink: "event_reservation_meeting",
} as const;

// ---------------------------------------------------------------------------------------------
// Shared helpers

function reservationNotFound(): AppError {
  return new AppError("not_found", "bookings.error.reservationNotFound");
}

function slotNotFound(): AppError {
  return new AppError("not_found", "bookings.error.slotNotFound");
}

function bookingNotFound(): AppError {
  return new AppError("not_found", "bookings.error.bookingNotFound");
}

function stale(): AppError {
  return new AppError("conflict", "bookings.error.stale");
}

/** Two people took the last free moment at once: the database's guards, as user messages. */
async function withBookingDbErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withDbErrors(work);
  } catch (error) {
    const { code, constraint } = pgErrorOf(error);
    if (code === "23505" && constraint === "event_bookings_live_slot_key")
      throw new AppError("conflict", "bookings.error.slotTaken", {
        _form: ["bookings.error.slotTaken"],
      });
    throw error;
  }
}

function eventRef(event: EventRow): EventRef {
  return {
    id: event.id,
    name: event.name,
    status: event.status,
    startDate: event.startDate,
    endDate: event.endDate,
    timeZone: event.timeZone,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
  };
}

function meetingTimeZone(timeZone: string): TimeZone {
  return (timeZones as readonly string[]).includes(timeZone)
    ? (timeZone as TimeZone)
    : "Europe/Stockholm";
}

function local(instant: Date, timeZone: string) {
  return utcToZoned(instant, timeZone);
}

/** "2026-05-20 09:00–10:00" or "2026-05-20 09:00 – 2026-05-21 17:00" in the event's zone. */
function describeInterval(interval: Interval, timeZone: string): string {
  const start = local(interval.startsAt, timeZone);
  const end = local(interval.endsAt, timeZone);
  return start.date === end.date
    ? `${start.date} ${start.time}–${end.time}`
    : `${start.date} ${start.time} – ${end.date} ${end.time}`;
}

type NetworkInfo = { network: NetworkRow; access: NetworkAccess };

async function networkInfo(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
): Promise<NetworkInfo | null> {
  const [network] = await db.select().from(networks).where(eq(networks.id, networkId));
  if (!network) return null;
  return { network, access: await networkAccessTo(db, actor, network) };
}

function reservationCan(
  row: Pick<EventRoomReservationRow, "status">,
  eventAccess: EventAccess,
  network: NetworkAccess,
): ReservationCan {
  const editEvent = canEditEvent(eventAccess);
  const runs = networkPolicy.canEditNetwork(network);
  const membersContent = networkPolicy.canReadMembersContent(network);
  const live = row.status === "requested" || row.status === "accepted";
  return {
    decide: editEvent && row.status === "requested",
    cancel: live && (editEvent || runs),
    manage: runs && row.status === "accepted",
    invite: membersContent && row.status === "accepted",
    seeSlots: editEvent || membersContent,
  };
}

/** Whether the actor may see a reservation at all. */
function mayRead(
  row: Pick<EventRoomReservationRow, "status">,
  eventAccess: EventAccess,
  network: NetworkAccess,
): boolean {
  if (canEditEvent(eventAccess) || networkPolicy.canReadMembersContent(network)) return true;
  return row.status === "accepted" && networkPolicy.canReadNetwork(network);
}

function toReservation(
  row: EventRoomReservationRow,
  names: { room: string; network: string },
  event: EventRow,
  can: ReservationCan,
): Reservation {
  const start = local(row.startsAt, event.timeZone);
  const end = local(row.endsAt, event.timeZone);
  return {
    id: row.id,
    eventId: row.eventId,
    roomId: row.roomId,
    roomName: names.room,
    networkId: row.networkId,
    networkName: names.network,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: event.timeZone,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    status: row.status,
    note: can.seeSlots ? row.note : "",
    requestedByLabel: can.seeSlots ? row.requestedByLabel : "",
    decidedAt: row.decidedAt,
    version: row.version,
    can,
  };
}

async function roomName(db: DbOrTx, roomId: string): Promise<string> {
  const [row] = await db
    .select({ name: eventRooms.name })
    .from(eventRooms)
    .where(eq(eventRooms.id, roomId));
  return row?.name ?? "";
}

/**
 * The event (visible to the actor), one of its reservations, and the actor's access to both. A
 * reservation the actor may not see is "not found".
 */
async function loadReservation(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
) {
  const { event, access } = await loadEventAccess(db, actor, eventId);
  const row = isUuid(reservationId)
    ? (
        await db
          .select()
          .from(eventRoomReservations)
          .where(
            and(
              eq(eventRoomReservations.id, reservationId),
              eq(eventRoomReservations.eventId, event.id),
            ),
          )
      )[0]
    : undefined;
  if (!row) throw reservationNotFound();
  const info = await networkInfo(db, actor, row.networkId);
  if (!info || !mayRead(row, access, info.access)) throw reservationNotFound();
  const can = reservationCan(row, access, info.access);
  return {
    event,
    eventAccess: access,
    row,
    network: info.network,
    networkAccess: info.access,
    can,
  };
}

/** Locks a room of the event for the rest of the transaction: its bookings are serialized. */
/**
 * The event's status under a KEY SHARE lock: it waits for a change in flight that holds the row
 * FOR UPDATE (a cancellation, a room's removal) without holding up registrations.
 */
async function eventStatusShared(tx: DbOrTx, eventId: string) {
  const [current] = await tx
    .select({ status: events.status })
    .from(events)
    .where(eq(events.id, eventId))
    .for("key share");
  return current?.status;
}

export async function lockRoom(tx: DbOrTx, eventId: string, roomId: string) {
  const [room] = await tx
    .select()
    .from(eventRooms)
    .where(and(eq(eventRooms.id, roomId), eq(eventRooms.eventId, eventId)))
    .for("update");
  return room;
}

async function lockReservation(tx: DbOrTx, id: string): Promise<EventRoomReservationRow> {
  const [row] = await tx
    .select()
    .from(eventRoomReservations)
    .where(eq(eventRoomReservations.id, id))
    .for("update");
  if (!row) throw reservationNotFound();
  return row;
}

/** Locks a reservation that must still be accepted (its slots and meeting are written). */
async function lockAcceptedReservation(tx: DbOrTx, id: string): Promise<void> {
  const row = await lockReservation(tx, id);
  if (row.status !== "accepted") throw new AppError("conflict", "bookings.error.notAccepted");
}

/** The live (requested or accepted) reservations of a room, with their networks' names. */
export async function reservationsOfRoom(tx: DbOrTx, roomId: string) {
  return tx
    .select({ id: eventRoomReservations.id, networkName: networks.name })
    .from(eventRoomReservations)
    .innerJoin(networks, eq(networks.id, eventRoomReservations.networkId))
    .where(
      and(
        eq(eventRoomReservations.roomId, roomId),
        inArray(eventRoomReservations.status, [...roomHoldingStatuses]),
      ),
    )
    .orderBy(asc(eventRoomReservations.startsAt));
}

/**
 * What already holds a room in an interval: requested or accepted reservations (but `exceptId`)
 * and sessions of the program. Call it after lockRoom, in the transaction that writes. Exported
 * for the program's own room check.
 */
export async function roomConflicts(
  tx: DbOrTx,
  roomId: string,
  interval: Interval,
  exceptReservationId?: string,
): Promise<{
  reservations: { id: string; networkName: string; startsAt: Date; endsAt: Date }[];
  sessions: { id: string; title: string; startsAt: Date; endsAt: Date }[];
}> {
  const reservationRows = await tx
    .select({
      id: eventRoomReservations.id,
      networkName: networks.name,
      startsAt: eventRoomReservations.startsAt,
      endsAt: eventRoomReservations.endsAt,
    })
    .from(eventRoomReservations)
    .innerJoin(networks, eq(networks.id, eventRoomReservations.networkId))
    .where(
      and(
        eq(eventRoomReservations.roomId, roomId),
        inArray(eventRoomReservations.status, [...roomHoldingStatuses]),
        lt(eventRoomReservations.startsAt, interval.endsAt),
        gt(eventRoomReservations.endsAt, interval.startsAt),
        exceptReservationId ? ne(eventRoomReservations.id, exceptReservationId) : undefined,
      ),
    )
    .orderBy(asc(eventRoomReservations.startsAt));
  const sessionRows = await tx
    .select({
      id: eventSessions.id,
      title: eventSessions.title,
      startsAt: eventSessions.startsAt,
      endsAt: eventSessions.endsAt,
    })
    .from(eventSessions)
    .where(
      and(
        eq(eventSessions.roomId, roomId),
        lt(eventSessions.startsAt, interval.endsAt),
        gt(eventSessions.endsAt, interval.startsAt),
      ),
    )
    .orderBy(asc(eventSessions.startsAt));
  return { reservations: reservationRows, sessions: sessionRows };
}

/** Refuses an interval the room is not free for, naming what holds it. */
async function assertRoomFree(
  tx: DbOrTx,
  roomId: string,
  interval: Interval,
  timeZone: string,
  exceptReservationId?: string,
) {
  const { reservations, sessions } = await roomConflicts(tx, roomId, interval, exceptReservationId);
  const reservation = reservations[0];
  if (reservation)
    throw new AppError(
      "conflict",
      "bookings.error.roomReserved",
      { _form: ["bookings.error.roomReserved"], startDate: ["bookings.error.roomTaken"] },
      { network: reservation.networkName, when: describeInterval(reservation, timeZone) },
    );
  const session = sessions[0];
  if (session)
    throw new AppError(
      "conflict",
      "bookings.error.roomHasSession",
      { _form: ["bookings.error.roomHasSession"], startDate: ["bookings.error.roomTaken"] },
      { title: session.title, when: describeInterval(session, timeZone) },
    );
}

/** The networks the actor may request a room for: those they run, or whose owner they manage. */
export async function networksActorRuns(
  db: DbOrTx,
  actor: Actor | null,
  /** Where "today" is for the members' terms: the event's time zone. */
  timeZone: string,
): Promise<{ id: string; name: string }[]> {
  if (!actor) return [];
  const columns = { id: networks.id, name: networks.name };
  if (actor.isPlatformAdmin)
    return db.select(columns).from(networks).orderBy(asc(networks.name)).limit(500);
  const conditions = [];
  if (actor.personId) {
    const today = todayIn(timeZone);
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${networkMembers} WHERE ${networkMembers.networkId} = ${networks.id}
            AND ${networkMembers.personId} = ${actor.personId}
            AND ${networkMembers.role} IN ('chair', 'vice_chair', 'secretary')
            AND ${networkMembers.startDate} <= ${today}
            AND (${networkMembers.endDate} IS NULL OR ${networkMembers.endDate} >= ${today}))`,
    );
  }
  if (actor.orgRoles.size > 0) {
    const managed = await subtreeIds(db, [...actor.orgRoles.keys()]);
    if (managed.length) conditions.push(inArray(networks.ownerOrganizationId, managed));
  }
  if (!conditions.length) return [];
  const rows = await db
    .select(columns)
    .from(networks)
    .where(or(...conditions))
    .orderBy(asc(networks.name))
    .limit(500);
  // The policy (through the network's access) is the judge of each network.
  const checked: { id: string; name: string }[] = [];
  for (const row of rows) {
    const info = await networkInfo(db, actor, row.id);
    if (info && networkPolicy.canEditNetwork(info.access)) checked.push(row);
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The event's side meetings: rooms, the reservations the actor may see, and what they may do. */
export async function getEventBookings(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<EventBookingsPage> {
  const { event, access } = await loadEventAccess(db, actor, eventId);
  const rooms = await db
    .select({ id: eventRooms.id, name: eventRooms.name, capacity: eventRooms.capacity })
    .from(eventRooms)
    .where(eq(eventRooms.eventId, event.id))
    .orderBy(asc(eventRooms.position), asc(eventRooms.name));
  const rows = await db
    .select({ reservation: eventRoomReservations, roomName: eventRooms.name })
    .from(eventRoomReservations)
    .innerJoin(eventRooms, eq(eventRooms.id, eventRoomReservations.roomId))
    .where(eq(eventRoomReservations.eventId, event.id))
    .orderBy(asc(eventRoomReservations.startsAt), asc(eventRooms.name));
  const infos = new Map<string, NetworkInfo | null>();
  const reservations: Reservation[] = [];
  for (const { reservation, roomName: room } of rows) {
    if (!infos.has(reservation.networkId))
      infos.set(reservation.networkId, await networkInfo(db, actor, reservation.networkId));
    const info = infos.get(reservation.networkId);
    if (!info || !mayRead(reservation, access, info.access)) continue;
    reservations.push(
      toReservation(
        reservation,
        { room, network: info.network.name },
        event,
        reservationCan(reservation, access, info.access),
      ),
    );
  }
  const runs =
    event.status === "cancelled" ? [] : await networksActorRuns(db, actor, event.timeZone);
  return {
    event: eventRef(event),
    can: { editEvent: canEditEvent(access), request: runs.length > 0 && rooms.length > 0 },
    rooms,
    reservations,
    networks: runs,
  };
}

function toSlot(
  slot: EventBookingSlotRow,
  timeZone: string,
  use: Pick<Slot, "state" | "bookable" | "booking" | "history">,
): Slot {
  return {
    id: slot.id,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    ...sessionLocalTimes(slot, timeZone),
    ...use,
  };
}

async function bookingsOf(
  db: DbOrTx,
  slotIds: string[],
): Promise<(EventBookingRow & { invitedByName: string | null })[]> {
  if (!slotIds.length) return [];
  const rows = await db
    .select({ booking: eventBookings, invitedByName: people.name })
    .from(eventBookings)
    .leftJoin(people, eq(people.id, eventBookings.invitedByPersonId))
    .where(inArray(eventBookings.slotId, slotIds))
    .orderBy(asc(eventBookings.createdAt));
  return rows.map((row) => ({ ...row.booking, invitedByName: row.invitedByName }));
}

function toBooking(
  row: EventBookingRow & { invitedByName: string | null },
  actor: Actor | null,
  network: NetworkAccess,
): Booking {
  const own =
    (actor?.personId != null && row.invitedByPersonId === actor.personId) ||
    (actor != null && row.invitedByUserId === actor.userId);
  return {
    id: row.id,
    slotId: row.slotId,
    topic: row.topic,
    guestName: row.guestName,
    guestEmail: row.guestEmail,
    guestOrganization: row.guestOrganization,
    guestKind: row.guestKind,
    language: row.language,
    status: row.status,
    response: row.response,
    respondedAt: row.respondedAt,
    invitedByLabel: row.invitedByLabel,
    invitedByName: row.invitedByName,
    version: row.version,
    canCancel:
      (liveBookingStatuses as readonly string[]).includes(row.status) &&
      (networkPolicy.canEditNetwork(network) ||
        (own && networkPolicy.canReadMembersContent(network))),
  };
}

async function meetingsOf(
  db: DbOrTx,
  reservationId: string,
  timeZone: string,
): Promise<ReservationMeeting[]> {
  const rows = await db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      status: meetings.status,
    })
    .from(eventReservationMeetings)
    .innerJoin(meetings, eq(meetings.id, eventReservationMeetings.meetingId))
    .where(eq(eventReservationMeetings.reservationId, reservationId))
    .orderBy(asc(meetings.startsAt));
  return rows.map((row) => ({ ...row, ...sessionLocalTimes(row, timeZone) }));
}

/** One reservation with its slots (as the actor may see them) and the network's meetings. */
export async function getReservation(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
): Promise<ReservationPage> {
  const { event, row, network, networkAccess, can } = await loadReservation(
    db,
    actor,
    eventId,
    reservationId,
  );
  const reservation = toReservation(
    row,
    { room: await roomName(db, row.roomId), network: network.name },
    event,
    can,
  );
  let slots: Slot[] = [];
  if (can.seeSlots) {
    const slotRows = await db
      .select()
      .from(eventBookingSlots)
      .where(eq(eventBookingSlots.reservationId, row.id))
      .orderBy(asc(eventBookingSlots.startsAt));
    const bookings = await bookingsOf(
      db,
      slotRows.map((slot) => slot.id),
    );
    const membersContent = networkPolicy.canReadMembersContent(networkAccess);
    const now = Date.now();
    slots = slotRows.map((slot) => {
      const mine = bookings.filter((booking) => booking.slotId === slot.id);
      const live = mine.find((booking) =>
        (liveBookingStatuses as readonly string[]).includes(booking.status),
      );
      return toSlot(slot, event.timeZone, {
        state: live ? (live.status as "invited" | "accepted") : "free",
        bookable: !live && slot.startsAt.getTime() > now,
        booking: live && membersContent ? toBooking(live, actor, networkAccess) : null,
        history: membersContent
          ? mine
              .filter((booking) => booking !== live)
              .map((booking) => toBooking(booking, actor, networkAccess))
          : [],
      });
    });
  }
  return {
    event: eventRef(event),
    reservation,
    slots,
    meetings: await meetingsOf(db, row.id, event.timeZone),
  };
}

// ---------------------------------------------------------------------------------------------
// Reservations

/**
 * A network asks for a room of the event for a time range within the event's days. The room is
 * locked, then checked against other reservations and the program, in one transaction. Accepted
 * at once when the actor may also edit the event.
 */
export async function requestReservation(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TReservationRequestInput,
): Promise<Reservation> {
  const acting = requireActor(actor);
  const { event, access } = await loadEventAccess(db, actor, eventId);
  const data = parseOrThrow(ZReservationRequestSchema, input);
  const info = await networkInfo(db, actor, data.networkId);
  if (!info || !networkPolicy.canReadNetwork(info.access))
    throw invalid({ networkId: ["bookings.error.networkNotFound"] });
  if (!networkPolicy.canEditNetwork(info.access)) throw forbidden();
  if (event.status === "cancelled") throw new AppError("conflict", "bookings.error.eventCancelled");
  const dayErrors: Record<string, string[]> = {};
  if (!isEventDay(data.startDate, event)) dayErrors.startDate = ["bookings.error.notEventDay"];
  if (!isEventDay(data.endDate, event)) dayErrors.endDate = ["bookings.error.notEventDay"];
  if (Object.keys(dayErrors).length) throw invalid(dayErrors);
  const interval = {
    startsAt: zonedToUtc(data.startDate, data.startTime, event.timeZone),
    endsAt: zonedToUtc(data.endDate, data.endTime, event.timeZone),
  };
  if (interval.endsAt <= interval.startsAt)
    throw invalid({ endTime: ["bookings.error.endBeforeStart"] });
  const accepted = canEditEvent(access);
  return withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      // The event's row before the room's, as removing a room takes them (no deadlock); a
      // cancellation that committed meanwhile is seen here.
      if ((await eventStatusShared(tx, event.id)) === "cancelled")
        throw new AppError("conflict", "bookings.error.eventCancelled");
      const room = await lockRoom(tx, event.id, data.roomId);
      if (!room) throw invalid({ roomId: ["bookings.error.roomNotFound"] });
      await assertRoomFree(tx, room.id, interval, event.timeZone);
      const row = await auditInserted(
        tx,
        await tx
          .insert(eventRoomReservations)
          .values({
            eventId: event.id,
            roomId: room.id,
            networkId: info.network.id,
            ...interval,
            status: accepted ? "accepted" : "requested",
            note: data.note ?? "",
            requestedByUserId: acting.userId,
            requestedByLabel: acting.label,
            decidedAt: accepted ? new Date() : null,
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.reservation,
          label: () => `${info.network.name}: ${room.name}`,
        },
      );
      return toReservation(
        row,
        { room: room.name, network: info.network.name },
        event,
        reservationCan(row, access, info.access),
      );
    }),
  );
}

type LoadedReservation = Awaited<ReturnType<typeof loadReservation>>;

/**
 * Changes a loaded reservation against the version read, under the lock of its room and then of
 * the reservation (the fixed order): `change` refuses what may not change and names the new
 * columns; `afterwards` follows in the same transaction.
 */
async function changeReservation(
  db: DbOrTx,
  acting: Actor,
  loaded: LoadedReservation,
  version: number,
  change: (
    tx: DbOrTx,
    before: EventRoomReservationRow,
  ) => Promise<Pick<EventRoomReservationRow, "status"> & { decidedAt?: Date }>,
  afterwards?: (tx: DbOrTx, after: EventRoomReservationRow) => Promise<void>,
): Promise<Reservation> {
  const { event, eventAccess, row, network, networkAccess } = loaded;
  return withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      const room = await lockRoom(tx, event.id, row.roomId);
      const before = await lockReservation(tx, row.id);
      assertVersion(before, version, stale);
      const after = await auditUpdated(
        tx,
        await tx
          .update(eventRoomReservations)
          .set({ ...(await change(tx, before)), ...nextVersion(before) })
          .where(eq(eventRoomReservations.id, before.id))
          .returning(),
        {
          actor: acting,
          entityType: entity.reservation,
          before,
          label: () => `${network.name}: ${room?.name ?? ""}`,
          missing: reservationNotFound,
        },
      );
      await afterwards?.(tx, after);
      return toReservation(
        after,
        { room: room?.name ?? "", network: network.name },
        event,
        reservationCan(after, eventAccess, networkAccess),
      );
    }),
  );
}

/**
 * The event's editors accept or decline a requested reservation. Accepting checks the room again
 * under its lock (the program may have put a session there meanwhile).
 */
export async function decideReservation(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
  input: TReservationDecisionInput,
): Promise<Reservation> {
  const loaded = await loadReservation(db, actor, eventId, reservationId);
  if (!canEditEvent(loaded.eventAccess)) refuse(actor);
  const acting = requireActor(actor);
  const data = parseOrThrow(ZReservationDecisionSchema, input);
  return changeReservation(db, acting, loaded, data.version, async (tx, before) => {
    if (before.status !== "requested")
      throw new AppError("conflict", "bookings.error.alreadyDecided");
    if (data.decision === "accept")
      await assertRoomFree(tx, before.roomId, before, loaded.event.timeZone, before.id);
    return {
      status: data.decision === "accept" ? "accepted" : "declined",
      decidedAt: new Date(),
    };
  });
}

/**
 * The network's runners or the event's editors cancel a reservation: the room is free again,
 * guests with a live booking are told the meeting is off, and the network's own meeting planned
 * in the room is cancelled (its participants told by the meetings module).
 */
export async function cancelReservation(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
  input: TVersionInput,
): Promise<Reservation> {
  const loaded = await loadReservation(db, actor, eventId, reservationId);
  if (!canEditEvent(loaded.eventAccess) && !networkPolicy.canEditNetwork(loaded.networkAccess))
    refuse(actor);
  const acting = requireActor(actor);
  const data = parseOrThrow(ZVersionSchema, input);
  return changeReservation(
    db,
    acting,
    loaded,
    data.version,
    async (_tx, before) => {
      if (before.status !== "requested" && before.status !== "accepted")
        throw new AppError("conflict", "bookings.error.notLive");
      return { status: "cancelled" };
    },
    async (tx, after) => {
      // The network's own meeting ahead in the freed room is cancelled with it, through the meetings
      // module (its permission check; it mails the participants the cancellation). Only those
      // who run the network may cancel its meeting: anyone else is told to ask them first.
      const planned = await tx
        .select({ id: meetings.id, title: meetings.title, version: meetings.version })
        .from(eventReservationMeetings)
        .innerJoin(meetings, eq(meetings.id, eventReservationMeetings.meetingId))
        .where(
          and(
            eq(eventReservationMeetings.reservationId, after.id),
            ne(meetings.status, "cancelled"),
            gt(meetings.endsAt, new Date()),
          ),
        )
        .orderBy(asc(meetings.startsAt));
      if (planned.length && !networkPolicy.canEditNetwork(loaded.networkAccess))
        throw new AppError(
          "conflict",
          "bookings.error.meetingPlannedInRoom",
          { _form: ["bookings.error.meetingPlannedInRoom"] },
          { title: planned[0]!.title, network: loaded.network.name },
        );
      for (const meeting of planned)
        await cancelMeeting(tx, acting, meeting.id, { version: meeting.version });
      const live = await tx
        .select({ booking: eventBookings })
        .from(eventBookings)
        .innerJoin(eventBookingSlots, eq(eventBookingSlots.id, eventBookings.slotId))
        .where(
          and(
            eq(eventBookingSlots.reservationId, after.id),
            inArray(eventBookings.status, [...liveBookingStatuses]),
          ),
        );
      for (const { booking } of live) await cancelBookingRow(tx, acting, booking);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Slots and the network's meeting: both use the reserved room, so neither overlaps the other.

/** What already uses a reservation's room time: its slots and its network's planned meetings. */
async function usesOf(tx: DbOrTx, reservationId: string) {
  const slots = await tx
    .select({
      id: eventBookingSlots.id,
      startsAt: eventBookingSlots.startsAt,
      endsAt: eventBookingSlots.endsAt,
    })
    .from(eventBookingSlots)
    .where(eq(eventBookingSlots.reservationId, reservationId));
  const linked = await tx
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
    })
    .from(eventReservationMeetings)
    .innerJoin(meetings, eq(meetings.id, eventReservationMeetings.meetingId))
    .where(
      and(
        eq(eventReservationMeetings.reservationId, reservationId),
        ne(meetings.status, "cancelled"),
      ),
    );
  return { slots, meetings: linked };
}

/** Refuses an interval that overlaps a slot or the network's meeting in the reserved room. */
function assertTimeUnused(
  interval: Interval,
  uses: Awaited<ReturnType<typeof usesOf>>,
  timeZone: string,
) {
  const slotClash = firstOverlap(interval, uses.slots);
  if (slotClash)
    throw new AppError(
      "conflict",
      "bookings.error.slotOverlaps",
      { _form: ["bookings.error.slotOverlaps"], startTime: ["bookings.error.timeTaken"] },
      { when: describeInterval(slotClash, timeZone) },
    );
  const meetingClash = firstOverlap(interval, uses.meetings);
  if (meetingClash)
    throw new AppError(
      "conflict",
      "bookings.error.meetingThen",
      { _form: ["bookings.error.meetingThen"], startTime: ["bookings.error.timeTaken"] },
      { title: meetingClash.title, when: describeInterval(meetingClash, timeZone) },
    );
}

/** A day's time range in the event's zone, refused unless it lies within the reservation. */
function intervalWithin(
  reservation: Interval,
  range: { date: string; startTime: string; endTime: string },
  timeZone: string,
): Interval {
  const interval = sessionInterval(range.date, range.startTime, range.endTime, timeZone);
  if (!within(interval, reservation))
    throw invalid({ date: ["bookings.error.outsideReservation"] });
  return interval;
}

/** The network's runners, on an accepted reservation. */
function requireManage(network: NetworkAccess, status: ReservationStatus, actor: Actor | null) {
  if (!networkPolicy.canEditNetwork(network)) refuse(actor);
  if (status !== "accepted") throw new AppError("conflict", "bookings.error.notAccepted");
}

/**
 * The network's runners publish slots on one day of an accepted reservation: one slot, or the
 * range cut into slots of `slotMinutes`. Under the reservation's lock, no slot may overlap
 * another slot or the network's meeting in the room.
 */
export async function addSlots(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
  input: TSlotCreateInput,
): Promise<Slot[]> {
  const { event, row, networkAccess } = await loadReservation(db, actor, eventId, reservationId);
  requireManage(networkAccess, row.status, actor);
  const acting = requireActor(actor);
  const data = parseOrThrow(ZSlotCreateSchema, input);
  const range = intervalWithin(row, data, event.timeZone);
  const wanted = splitIntoSlots(range, data.slotMinutes, data.gapMinutes ?? 0);
  if (!wanted.length) throw invalid({ slotMinutes: ["bookings.error.noSlotFits"] });
  return withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockAcceptedReservation(tx, row.id);
      const uses = await usesOf(tx, row.id);
      for (const slot of wanted) assertTimeUnused(slot, uses, event.timeZone);
      const rows = await tx
        .insert(eventBookingSlots)
        .values(wanted.map((slot) => ({ reservationId: row.id, ...slot })))
        .returning();
      for (const slot of rows)
        await auditCreate(tx, {
          actor: acting,
          entityType: entity.slot,
          entityId: slot.id,
          entityLabel: describeInterval(slot, event.timeZone),
          record: slot,
        });
      return rows.map((slot) =>
        toSlot(slot, event.timeZone, {
          state: "free",
          bookable: slot.startsAt.getTime() > Date.now(),
          booking: null,
          history: [],
        }),
      );
    }),
  );
}

/** The network's runners remove a slot that has no live booking (cancel the booking first). */
export async function removeSlot(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
  slotId: string,
): Promise<void> {
  const { event, row, networkAccess } = await loadReservation(db, actor, eventId, reservationId);
  requireManage(networkAccess, row.status, actor);
  const acting = requireActor(actor);
  if (!isUuid(slotId)) throw slotNotFound();
  await withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockReservation(tx, row.id);
      const slot = await lockSlot(tx, row.id, slotId);
      if (await hasLiveBooking(tx, slot.id))
        throw new AppError("conflict", "bookings.error.slotHasBooking");
      await tx.delete(eventBookingSlots).where(eq(eventBookingSlots.id, slot.id));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.slot,
        entityId: slot.id,
        entityLabel: describeInterval(slot, event.timeZone),
        record: slot,
      });
    }),
  );
}

async function hasLiveBooking(tx: DbOrTx, slotId: string): Promise<boolean> {
  const [live] = await tx
    .select({ id: eventBookings.id })
    .from(eventBookings)
    .where(
      and(
        eq(eventBookings.slotId, slotId),
        inArray(eventBookings.status, [...liveBookingStatuses]),
      ),
    );
  return live !== undefined;
}

async function lockSlot(
  tx: DbOrTx,
  reservationId: string,
  slotId: string,
): Promise<EventBookingSlotRow> {
  const [slot] = await tx
    .select()
    .from(eventBookingSlots)
    .where(
      and(eq(eventBookingSlots.id, slotId), eq(eventBookingSlots.reservationId, reservationId)),
    )
    .for("update");
  if (!slot) throw slotNotFound();
  return slot;
}

/**
 * The network's runners plan the network's own meeting (say, its spring meeting) in the reserved
 * room: a meeting of the meetings module, with the room and the venue as its place, invitations
 * to the members as usual. It must lie within the reservation and overlap no slot.
 */
export async function planReservationMeeting(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
  input: TReservationMeetingInput,
): Promise<ReservationMeeting> {
  const { event, row, network, networkAccess } = await loadReservation(
    db,
    actor,
    eventId,
    reservationId,
  );
  requireManage(networkAccess, row.status, actor);
  const acting = requireActor(actor);
  const data = parseOrThrow(ZReservationMeetingSchema, input);
  const interval = intervalWithin(row, data, event.timeZone);
  const room = await roomName(db, row.roomId);
  return withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockAcceptedReservation(tx, row.id);
      assertTimeUnused(interval, await usesOf(tx, row.id), event.timeZone);
      const meeting = await planMeeting(tx, actor, {
        networkId: network.id,
        title: data.title,
        date: data.date,
        startTime: data.startTime,
        endTime: data.endTime,
        timeZone: meetingTimeZone(event.timeZone),
        place: meetingPlace(room, event.venueName, event.venueAddress),
        inviteMembers: data.inviteMembers,
      });
      const [link] = await tx
        .insert(eventReservationMeetings)
        .values({ meetingId: meeting.id, reservationId: row.id })
        .returning();
      if (!link) throw new Error("insert returned nothing");
      await auditCreate(tx, {
        actor: acting,
        entityType: entity.meetingLink,
        entityId: meeting.id,
        entityLabel: meeting.title,
        record: link,
      });
      return {
        id: meeting.id,
        title: meeting.title,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        ...sessionLocalTimes(meeting, event.timeZone),
        status: meeting.status,
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Invitations

/**
 * A member of the network invites a guest to a free slot of an accepted reservation. The slot's
 * row is locked before its bookings are counted; the guest gets a mail in the chosen language
 * with a secret link to accept or decline. Returns the booking (the link's secret only in the
 * mail).
 */
export async function inviteGuest(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
  slotId: string,
  input: TInvitationCreateInput,
): Promise<Booking> {
  const { event, row, network, networkAccess } = await loadReservation(
    db,
    actor,
    eventId,
    reservationId,
  );
  if (!networkPolicy.canReadMembersContent(networkAccess)) refuse(actor);
  const acting = requireActor(actor);
  const data = parseOrThrow(ZInvitationCreateSchema, input);
  if (!isUuid(slotId)) throw slotNotFound();
  const room = await roomName(db, row.roomId);
  return withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      // The reservation, then the slot (cancelReservation's order): a reservation cancelled
      // meanwhile is seen here, and one being cancelled waits for this invitation to be written
      // (and then cancels it with the other live bookings).
      await lockAcceptedReservation(tx, row.id);
      const slot = await lockSlot(tx, row.id, slotId);
      if ((await eventStatusShared(tx, event.id)) === "cancelled")
        throw new AppError("conflict", "bookings.error.eventCancelledInvite");
      if (slot.startsAt.getTime() <= Date.now())
        throw new AppError("conflict", "bookings.error.slotPast");
      if (await hasLiveBooking(tx, slot.id))
        throw new AppError("conflict", "bookings.error.slotTaken", {
          _form: ["bookings.error.slotTaken"],
        });
      const token = randomToken();
      const booking = await auditInserted(
        tx,
        await tx
          .insert(eventBookings)
          .values({
            slotId: slot.id,
            topic: data.topic,
            guestName: data.guestName,
            guestEmail: data.guestEmail,
            guestOrganization: data.guestOrganization ?? "",
            guestKind: data.guestKind,
            language: data.language,
            tokenHash: sha256(token),
            invitedByPersonId: acting.personId,
            invitedByUserId: acting.userId,
            invitedByLabel: acting.label,
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.booking,
          label: (booking) => `${booking.guestName}: ${booking.topic}`,
        },
      );
      const inviter = await personName(tx, acting.personId);
      await mailGuest(tx, "invitation", {
        booking,
        slot,
        event,
        networkName: network.name,
        roomName: room,
        inviterName: inviter ?? acting.label,
        link: absoluteLink(`bookings/${token}`),
      });
      return toBooking({ ...booking, invitedByName: inviter }, actor, networkAccess);
    }),
  );
}

async function personName(db: DbOrTx, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const [row] = await db.select({ name: people.name }).from(people).where(eq(people.id, personId));
  return row?.name ?? null;
}

async function cancelBookingRow(
  tx: DbOrTx,
  acting: Actor,
  before: EventBookingRow,
  kind: "cancelled" | "eventCancelled" = "cancelled",
) {
  const after = await auditUpdated(
    tx,
    await tx
      .update(eventBookings)
      .set({ status: "cancelled", ...nextVersion(before) })
      .where(eq(eventBookings.id, before.id))
      .returning(),
    {
      actor: acting,
      entityType: entity.booking,
      before,
      label: (after) => `${after.guestName}: ${after.topic}`,
      missing: bookingNotFound,
    },
  );
  const context = await bookingContext(tx, after.id);
  if (context)
    await mailGuest(tx, kind, {
      booking: after,
      slot: context.slot,
      event: context.event,
      networkName: context.networkName,
      roomName: context.roomName,
      inviterName: context.inviterName ?? (after.invitedByLabel || context.networkName),
      link: null,
    });
  return after;
}

/**
 * The event is cancelled (in its transaction, under its lock): every invited or accepted guest
 * of a side meeting is told, and their booking is cancelled with it, so no answer link can
 * accept a talk at an event that will not take place.
 */
export async function cancelEventBookingsInTx(
  tx: DbOrTx,
  acting: Actor,
  eventId: string,
): Promise<number> {
  const live = await tx
    .select({ booking: eventBookings })
    .from(eventBookings)
    .innerJoin(eventBookingSlots, eq(eventBookingSlots.id, eventBookings.slotId))
    .innerJoin(eventRoomReservations, eq(eventRoomReservations.id, eventBookingSlots.reservationId))
    .where(
      and(
        eq(eventRoomReservations.eventId, eventId),
        inArray(eventBookings.status, ["invited", "accepted"]),
      ),
    )
    .orderBy(asc(eventBookings.id))
    .for("update", { of: eventBookings });
  for (const { booking } of live) await cancelBookingRow(tx, acting, booking, "eventCancelled");
  return live.length;
}

/** The inviter or the network's runners cancel a live booking; the guest is told. */
export async function cancelBooking(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  reservationId: string,
  bookingId: string,
  input: TVersionInput,
): Promise<Booking> {
  const { row, networkAccess } = await loadReservation(db, actor, eventId, reservationId);
  if (!networkPolicy.canReadMembersContent(networkAccess)) refuse(actor);
  const acting = requireActor(actor);
  const data = parseOrThrow(ZVersionSchema, input);
  if (!isUuid(bookingId)) throw bookingNotFound();
  return withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      const [found] = await tx
        .select({ booking: eventBookings })
        .from(eventBookings)
        .innerJoin(eventBookingSlots, eq(eventBookingSlots.id, eventBookings.slotId))
        .where(and(eq(eventBookings.id, bookingId), eq(eventBookingSlots.reservationId, row.id)));
      if (!found) throw bookingNotFound();
      const [before] = await tx
        .select()
        .from(eventBookings)
        .where(eq(eventBookings.id, bookingId))
        .for("update");
      if (!before) throw bookingNotFound();
      const view = toBooking({ ...before, invitedByName: null }, actor, networkAccess);
      if (!networkPolicy.canEditNetwork(networkAccess) && !view.canCancel) refuse(actor);
      assertVersion(before, data.version, stale);
      if (!(liveBookingStatuses as readonly string[]).includes(before.status))
        throw new AppError("conflict", "bookings.error.notLive");
      const after = await cancelBookingRow(tx, acting, before);
      return toBooking(
        { ...after, invitedByName: await personName(tx, after.invitedByPersonId) },
        actor,
        networkAccess,
      );
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The guest's answer (no login: the secret link is the key)

async function bookingContext(db: DbOrTx, bookingId: string) {
  const [row] = await db
    .select({
      booking: eventBookings,
      slot: eventBookingSlots,
      reservation: eventRoomReservations,
      networkName: networks.name,
      roomName: eventRooms.name,
      inviterName: people.name,
    })
    .from(eventBookings)
    .innerJoin(eventBookingSlots, eq(eventBookingSlots.id, eventBookings.slotId))
    .innerJoin(eventRoomReservations, eq(eventRoomReservations.id, eventBookingSlots.reservationId))
    .innerJoin(networks, eq(networks.id, eventRoomReservations.networkId))
    .innerJoin(eventRooms, eq(eventRooms.id, eventRoomReservations.roomId))
    .leftJoin(people, eq(people.id, eventBookings.invitedByPersonId))
    .where(eq(eventBookings.id, bookingId));
  if (!row) return null;
  const [event] = await db.select().from(events).where(eq(events.id, row.reservation.eventId));
  if (!event) return null;
  return { ...row, event };
}

async function bookingIdByToken(db: DbOrTx, token: string): Promise<string | null> {
  if (!token || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const [row] = await db
    .select({ id: eventBookings.id })
    .from(eventBookings)
    .where(eq(eventBookings.tokenHash, sha256(token)));
  return row?.id ?? null;
}

function toGuestBooking(
  context: NonNullable<Awaited<ReturnType<typeof bookingContext>>>,
  now = new Date(),
): GuestBooking {
  const { booking, slot, event } = context;
  return {
    status: booking.status,
    topic: booking.topic,
    guestName: booking.guestName,
    language: booking.language,
    response: booking.response,
    networkName: context.networkName,
    eventName: event.name,
    roomName: context.roomName,
    place: meetingPlace(context.roomName, event.venueName, event.venueAddress),
    timeZone: event.timeZone,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    ...sessionLocalTimes(slot, event.timeZone),
    invitedByName: context.inviterName ?? (booking.invitedByLabel || context.networkName),
    mayAccept: guestMayAnswer(booking.status, "accept", slot.startsAt, now),
    mayDecline: guestMayAnswer(booking.status, "decline", slot.startsAt, now),
  };
}

/** What the guest's link shows; "not found" for an unknown or malformed secret. */
export async function getGuestBooking(db: DbOrTx, token: string): Promise<GuestBooking> {
  const id = await bookingIdByToken(db, token);
  const context = id ? await bookingContext(db, id) : null;
  if (!context) throw new AppError("not_found", "bookings.error.linkNotFound");
  return toGuestBooking(context);
}

/**
 * The guest accepts or declines through the secret link (an accepted guest may still decline
 * before the slot starts; a declined booking is final). The inviter is told by mail.
 */
export async function answerBooking(
  db: DbOrTx,
  token: string,
  input: TGuestAnswerInput,
): Promise<GuestBooking> {
  const data = parseOrThrow(ZGuestAnswerSchema, input);
  const id = await bookingIdByToken(db, token);
  if (!id) throw new AppError("not_found", "bookings.error.linkNotFound");
  return withBookingDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(eventBookings)
        .where(eq(eventBookings.id, id))
        .for("update");
      if (!before) throw new AppError("not_found", "bookings.error.linkNotFound");
      const context = await bookingContext(tx, id);
      if (!context) throw new AppError("not_found", "bookings.error.linkNotFound");
      if (!guestMayAnswer(before.status, data.answer, context.slot.startsAt, new Date()))
        throw new AppError("conflict", `bookings.error.cannot.${data.answer}`);
      const after = await auditUpdated(
        tx,
        await tx
          .update(eventBookings)
          .set({
            status: data.answer === "accept" ? "accepted" : "declined",
            response: data.message ?? "",
            respondedAt: new Date(),
            ...nextVersion(before),
          })
          .where(eq(eventBookings.id, id))
          .returning(),
        {
          actor: null,
          entityType: entity.booking,
          before,
          label: (after) => `${after.guestName} <${after.guestEmail}>: ${after.topic}`,
          missing: () => new AppError("not_found", "bookings.error.linkNotFound"),
        },
      );
      await mailInviter(tx, after, context);
      return toGuestBooking({ ...context, booking: after });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Mails (queued in the transaction of the change)

function whenText(locale: Locale, slot: Interval, timeZone: string): string {
  const start = local(slot.startsAt, timeZone);
  const end = local(slot.endsAt, timeZone);
  return `${formatDate(locale, slot.startsAt, timeZone)} ${start.time}–${end.time}`;
}

async function mailGuest(
  tx: DbOrTx,
  kind: "invitation" | "cancelled" | "eventCancelled",
  facts: {
    booking: EventBookingRow;
    slot: Interval;
    event: EventRow;
    networkName: string;
    roomName: string;
    inviterName: string;
    link: string | null;
  },
) {
  const { booking, event } = facts;
  const t = translator(booking.language);
  const params = {
    name: booking.guestName,
    network: facts.networkName,
    event: event.name,
    inviter: facts.inviterName,
    topic: booking.topic,
    when: whenText(booking.language, facts.slot, event.timeZone),
    place: meetingPlace(facts.roomName, event.venueName, event.venueAddress),
  };
  const paragraphs = [
    t("bookings.mail.greeting", params),
    t(`bookings.mail.${kind}.body`, params),
    t("bookings.mail.topic", params),
    t("bookings.mail.when", params),
    t("bookings.mail.where", params),
  ];
  if (kind === "invitation") paragraphs.push(t("bookings.mail.invitation.answer"));
  await enqueueMail(tx, {
    to: booking.guestEmail,
    subject: t(`bookings.mail.${kind}.subject`, params),
    ...composeMail(paragraphs, facts.link, t("bookings.mail.footer")),
  });
}

async function mailInviter(
  tx: DbOrTx,
  booking: EventBookingRow,
  context: NonNullable<Awaited<ReturnType<typeof bookingContext>>>,
) {
  if (!booking.invitedByPersonId) return;
  const [person] = await tx
    .select({ name: people.name, email: people.email })
    .from(people)
    .where(eq(people.id, booking.invitedByPersonId));
  if (!person?.email) return;
  const locale =
    (await localesOf(tx, [booking.invitedByPersonId])).get(booking.invitedByPersonId) ?? "sv";
  const t = translator(locale);
  const kind = booking.status === "accepted" ? "accepted" : "declined";
  const params = {
    name: person.name,
    guest: booking.guestName,
    organization: booking.guestOrganization || "–",
    topic: booking.topic,
    network: context.networkName,
    event: context.event.name,
    when: whenText(locale, context.slot, context.event.timeZone),
    message: booking.response,
  };
  const paragraphs = [t("bookings.mail.greeting", params), t(`bookings.mail.${kind}.body`, params)];
  if (booking.response) paragraphs.push(t("bookings.mail.guestMessage", params));
  await enqueueMail(tx, {
    to: person.email,
    subject: t(`bookings.mail.${kind}.subject`, params),
    ...composeMail(
      paragraphs,
      absoluteLink(`events/${context.event.id}/bookings/${context.reservation.id}`),
      t("bookings.mail.footer"),
    ),
  });
}
