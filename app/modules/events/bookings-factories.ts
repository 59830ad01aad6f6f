// Test and demo data for side meetings and budgets, written directly (no permission check, no
// mail): an event with rooms and the people who may edit it, reservations, slots, bookings,
// budget lines. Inputs are valid by construction; overrides change what a test cares about.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditCreate } from "../../platform/audit/service.ts";
import { zonedToUtc } from "../../platform/time.ts";
import { actorFor, insertPerson } from "../directory/factories.ts";
import { sha256 } from "../identity/crypto.ts";
import { insertTestOrganization } from "../networks/factories.ts";
import type {
  BookingStatus,
  GuestKind,
  GuestLanguage,
  ReservationStatus,
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
import type { BudgetBasis, BudgetLineKind, CostCategory, IncomeCategory } from "./budget-rules.ts";
import { eventBudgetAttendance, eventBudgetLines, eventBudgets } from "./budget-schema.ts";
import {
  eventCommitteeMembers,
  eventOrganizations,
  eventRooms,
  events,
  type EventRoomRow,
  type EventRow,
  type EventStatus,
} from "./schema.ts";

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

function one<T>(rows: T[]): T {
  const [row] = rows;
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export type TestEvent = {
  event: EventRow;
  rooms: EventRoomRow[];
  /** An editor of the lead organizer: organizes the event. */
  organizer: Actor;
  /** A member of the program committee (a person, no organization role). */
  committeeMember: Actor;
  /** An editor of a partner organization: reads, does not edit. */
  partnerEditor: Actor;
  outsider: Actor;
};

/**
 * A published two-day conference (2031-05-20–21, Stockholm) with three rooms, a lead organizer,
 * a partner and a program committee member, unless overridden.
 */
export async function insertTestEvent(
  db: DbOrTx,
  overrides: {
    name?: string;
    status?: EventStatus;
    startDate?: string;
    endDate?: string;
    timeZone?: string;
  } = {},
): Promise<TestEvent> {
  const n = next();
  const lead = await insertTestOrganization(db, { kind: "region", name: `Arrangör ${n}` });
  const partner = await insertTestOrganization(db, { kind: "supplier", name: `Partner ${n}` });
  const event = one(
    await db
      .insert(events)
      .values({
        kind: "conference",
        name: overrides.name ?? `Testkonferensen ${n}`,
        startDate: overrides.startDate ?? "2031-05-20",
        endDate: overrides.endDate ?? "2031-05-21",
        timeZone: overrides.timeZone ?? "Europe/Stockholm",
        venueName: "Svenska Mässan",
        venueAddress: "Mässans gata 20, Göteborg",
        status: overrides.status ?? "published",
      })
      .returning(),
  );
  const rooms = await db
    .insert(eventRooms)
    .values(
      ["Sal A", "Rum G2", "Rum G3"].map((name, position) => ({
        eventId: event.id,
        name,
        capacity: position === 0 ? 400 : 30,
        position,
      })),
    )
    .returning();
  await db.insert(eventOrganizations).values([
    { eventId: event.id, organizationId: lead.id, role: "lead", position: 0 },
    { eventId: event.id, organizationId: partner.id, role: "partner", position: 1 },
  ]);
  const member = await insertPerson(db, { name: `Programkommitté ${n}` });
  await db
    .insert(eventCommitteeMembers)
    .values({ eventId: event.id, committee: "program", personId: member.id, role: "member" });
  const outsider = await insertPerson(db, { name: `Utomstående ${n}` });
  return {
    event,
    rooms: rooms.sort((a, b) => a.position - b.position),
    organizer: actorFor({ roles: { [lead.id]: "editor" } }),
    committeeMember: actorFor({ personId: member.id }),
    partnerEditor: actorFor({ roles: { [partner.id]: "editor" } }),
    outsider: actorFor({ personId: outsider.id }),
  };
}

/** Local date and time in the event's zone as an instant. */
export function at(event: Pick<EventRow, "timeZone">, date: string, time: string): Date {
  return zonedToUtc(date, time, event.timeZone);
}

/** A reservation, written directly (no overlap check): accepted unless overridden. */
export async function insertReservation(
  db: DbOrTx,
  values: {
    eventId: string;
    roomId: string;
    networkId: string;
    startsAt: Date;
    endsAt: Date;
    status?: ReservationStatus;
    note?: string;
    requestedByLabel?: string;
  },
  actor: Actor | null = null,
): Promise<EventRoomReservationRow> {
  const row = one(
    await db
      .insert(eventRoomReservations)
      .values({
        ...values,
        status: values.status ?? "accepted",
        note: values.note ?? "",
        requestedByLabel: values.requestedByLabel ?? "",
        decidedAt: (values.status ?? "accepted") === "requested" ? null : new Date(),
      })
      .returning(),
  );
  await auditCreate(db, {
    actor,
    entityType: "event_room_reservation",
    entityId: row.id,
    entityLabel: row.id,
    record: row,
  });
  return row;
}

/** Slots, written directly in one insert. */
export async function insertSlots(
  db: DbOrTx,
  reservationId: string,
  slots: { startsAt: Date; endsAt: Date }[],
): Promise<EventBookingSlotRow[]> {
  if (!slots.length) return [];
  const rows = await db
    .insert(eventBookingSlots)
    .values(slots.map((slot) => ({ reservationId, ...slot })))
    .returning();
  return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Bookings (invitations), written directly in one insert; each with its own link secret. */
export async function insertBookings(
  db: DbOrTx,
  bookings: {
    slotId: string;
    topic: string;
    guestName: string;
    guestEmail: string;
    guestOrganization?: string;
    guestKind: GuestKind;
    language?: GuestLanguage;
    status?: BookingStatus;
    response?: string;
    invitedByPersonId?: string | null;
    /** The link's secret; a random one when absent. */
    token?: string;
  }[],
): Promise<EventBookingRow[]> {
  if (!bookings.length) return [];
  return db
    .insert(eventBookings)
    .values(
      bookings.map((booking) => ({
        slotId: booking.slotId,
        topic: booking.topic,
        guestName: booking.guestName,
        guestEmail: booking.guestEmail,
        guestOrganization: booking.guestOrganization ?? "",
        guestKind: booking.guestKind,
        language: booking.language ?? "sv",
        status: booking.status ?? "invited",
        response: booking.response ?? "",
        respondedAt:
          booking.status === "accepted" || booking.status === "declined" ? new Date() : null,
        invitedByPersonId: booking.invitedByPersonId ?? null,
        tokenHash: sha256(booking.token ?? crypto.randomUUID()),
      })),
    )
    .returning();
}

/** Links an existing meeting to a reservation (its room). */
export async function linkReservationMeeting(
  db: DbOrTx,
  reservationId: string,
  meetingId: string,
): Promise<void> {
  await db.insert(eventReservationMeetings).values({ reservationId, meetingId });
}

/** A ticket type, written directly: an ordinary ticket at 2 500 kr unless overridden. */
/** A saved budget, written directly in three inserts. */
export async function insertBudget(
  db: DbOrTx,
  eventId: string,
  budget: {
    ordinaryTicketTypeId?: string | null;
    lines: {
      kind: BudgetLineKind;
      category: CostCategory | IncomeCategory;
      basis?: BudgetBasis;
      label: string;
      amount: number;
    }[];
    attendance: { ticketTypeId: string; expected: number; earlyBird?: number }[];
  },
): Promise<void> {
  await db
    .insert(eventBudgets)
    .values({ eventId, ordinaryTicketTypeId: budget.ordinaryTicketTypeId ?? null, version: 1 });
  if (budget.lines.length)
    await db.insert(eventBudgetLines).values(
      budget.lines.map((line, position) => ({
        eventId,
        kind: line.kind,
        category: line.category,
        basis: line.basis ?? "fixed",
        label: line.label,
        amount: line.amount,
        position,
      })),
    );
  if (budget.attendance.length)
    await db
      .insert(eventBudgetAttendance)
      .values(budget.attendance.map((row) => ({ eventId, ...row })));
}
