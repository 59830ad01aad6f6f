import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { people } from "../directory/schema.ts";
import { meetings } from "../meetings/schema.ts";
import { networks } from "../networks/schema.ts";
import {
  bookingStatuses,
  guestKinds,
  guestLanguages,
  reservationStatuses,
} from "./bookings-rules.ts";
import { eventRooms, events } from "./schema.ts";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A network's reservation of a room of an event, from one instant to another (one or more
 * days). Requested by the network, accepted or declined by the event's organizers; a requested
 * or accepted reservation holds the room: no other reservation and no session of the program
 * may overlap it.
 */
export const eventRoomReservations = pgTable(
  "event_room_reservations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    roomId: uuid("room_id")
      .notNull()
      .references(() => eventRooms.id, { onDelete: "cascade" }),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: reservationStatuses }).notNull().default("requested"),
    /** What the network asks for or tells the organizers (seating, equipment…). */
    note: text("note").notNull().default(""),
    /** No foreign key: the reservation outlives the account that asked. */
    requestedByUserId: uuid("requested_by_user_id"),
    requestedByLabel: text("requested_by_label").notNull().default(""),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index("event_room_reservations_room_idx").on(table.roomId, table.startsAt),
    index("event_room_reservations_event_idx").on(table.eventId),
    index("event_room_reservations_network_idx").on(table.networkId),
    check("event_room_reservations_times", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

/** A bookable slot the network publishes in its reserved room. Slots never overlap. */
export const eventBookingSlots = pgTable(
  "event_booking_slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reservationId: uuid("reservation_id")
      .notNull()
      .references(() => eventRoomReservations.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (table) => [
    index("event_booking_slots_reservation_idx").on(table.reservationId, table.startsAt),
    check("event_booking_slots_times", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

/**
 * A guest invited by a network member to a slot, with a topic. The guest answers through a
 * secret link (only its SHA-256 is stored). At most one invited or accepted booking per slot.
 */
export const eventBookings = pgTable(
  "event_bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => eventBookingSlots.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    guestName: text("guest_name").notNull(),
    guestEmail: text("guest_email").notNull(),
    guestOrganization: text("guest_organization").notNull().default(""),
    guestKind: text("guest_kind", { enum: guestKinds }).notNull(),
    /** The language of the guest's mail and answer page. */
    language: text("language", { enum: guestLanguages }).notNull().default("sv"),
    /** SHA-256 of the answer link's secret ("tokenHash" is left out of audit entries). */
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: bookingStatuses }).notNull().default("invited"),
    /** The guest's message with the answer, if any. */
    response: text("response").notNull().default(""),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    invitedByPersonId: uuid("invited_by_person_id").references(() => people.id, {
      onDelete: "set null",
    }),
    invitedByUserId: uuid("invited_by_user_id"),
    invitedByLabel: text("invited_by_label").notNull().default(""),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("event_bookings_token_key").on(table.tokenHash),
    // The database's own guard against two live bookings of one slot.
    uniqueIndex("event_bookings_live_slot_key")
      .on(table.slotId)
      .where(sql`${table.status} IN ('invited', 'accepted')`),
  ],
);

/** A meeting of the meetings module held in a reservation's room (the network's own meeting). */
export const eventReservationMeetings = pgTable(
  "event_reservation_meetings",
  {
    meetingId: uuid("meeting_id")
      .primaryKey()
      .references(() => meetings.id, { onDelete: "cascade" }),
    reservationId: uuid("reservation_id")
      .notNull()
      .references(() => eventRoomReservations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("event_reservation_meetings_reservation_idx").on(table.reservationId)],
);

export type EventRoomReservationRow = typeof eventRoomReservations.$inferSelect;
export type EventBookingSlotRow = typeof eventBookingSlots.$inferSelect;
export type EventBookingRow = typeof eventBookings.$inferSelect;
