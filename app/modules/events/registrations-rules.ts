// Pure rules of tickets and registrations: prices with early bird and VAT, sales windows, whether a
// place is free (per ticket type and per day of the event), who on the waiting list moves up,
// invoice organization numbers, counts and the caterer's summary, and spreadsheet cells that
// must not run as formulas. No I/O here; everything is unit tested in registrations-rules.test.ts.
import { parseNorwegianOrgNumber, parseSwedishOrgNumber } from "../directory/rules.ts";
import { eventDays } from "./rules.ts";

// ---------------------------------------------------------------------------------------------
// Prices

export type PricedTicket = {
  price: number;
  vatRate: number;
  earlyBirdPrice: number | null;
  earlyBirdUntil: string | null;
  invitationOnly: boolean;
};

/** The price before VAT on a local date: the early-bird price up to and including its last day. */
export function currentPrice(ticket: PricedTicket, today: string): number {
  if (ticket.invitationOnly) return 0;
  if (ticket.earlyBirdPrice !== null && ticket.earlyBirdUntil && today <= ticket.earlyBirdUntil)
    return ticket.earlyBirdPrice;
  return ticket.price;
}

/** Whether the early-bird price applies on a local date. */
export function isEarlyBird(ticket: PricedTicket, today: string): boolean {
  return (
    !ticket.invitationOnly &&
    ticket.earlyBirdPrice !== null &&
    ticket.earlyBirdUntil !== null &&
    today <= ticket.earlyBirdUntil
  );
}

/** VAT on a price in minor units; the rate in hundredths of a percent (2500 = 25 %), rounded. */
export function vatOf(price: number, vatRate: number): number {
  return Math.round((price * vatRate) / 10_000);
}

export function withVat(price: number, vatRate: number): number {
  return price + vatOf(price, vatRate);
}

// ---------------------------------------------------------------------------------------------
// Sales window

export type SalesState = "not_started" | "open" | "ended";

export function salesState(
  ticket: { salesStart: Date | null; salesEnd: Date | null },
  now: Date,
): SalesState {
  if (ticket.salesStart && now < ticket.salesStart) return "not_started";
  if (ticket.salesEnd && now >= ticket.salesEnd) return "ended";
  return "open";
}

// ---------------------------------------------------------------------------------------------
// "Send my link again"

/**
 * How often links are mailed again: a few times an hour to one address for one event (a lost
 * mail, a second try), and a bound per client, so the form cannot flood anybody's inbox.
 */
export const LINK_RESEND_LIMITS = {
  perEmail: { limit: 3, windowSeconds: 60 * 60 },
  perAddress: { limit: 30, windowSeconds: 60 * 60 },
} as const;

// ---------------------------------------------------------------------------------------------
// Capacity

/**
 * Confirmed places as counted under the lock: per ticket type, and per one-day date (the key ""
 * holds the tickets for the whole event).
 */
export type Occupancy = {
  byType: Map<string, number>;
  byValidDate: Map<string, number>;
};

export function emptyOccupancy(): Occupancy {
  return { byType: new Map(), byValidDate: new Map() };
}

export type CapacityTicket = { id: string; capacity: number | null; validDate: string | null };
export type CapacityEvent = { capacity: number | null; startDate: string; endDate: string };

/** People on a day: whole-event tickets and the one-day tickets of that day. */
export function attendeesOn(occupancy: Occupancy, day: string): number {
  return (occupancy.byValidDate.get("") ?? 0) + (occupancy.byValidDate.get(day) ?? 0);
}

/**
 * The most people confirmed on any one day of the event: the lowest overall capacity (a number
 * of places a day) that still holds everyone confirmed.
 */
export function busiestDayAttendees(
  occupancy: Occupancy,
  event: { startDate: string; endDate: string },
): number {
  return Math.max(
    0,
    ...eventDays(event.startDate, event.endDate).map((day) => attendeesOn(occupancy, day)),
  );
}

/** The days a ticket is valid: its one day, or every day of the event. */
export function ticketDays(ticket: { validDate: string | null }, event: CapacityEvent): string[] {
  return ticket.validDate ? [ticket.validDate] : eventDays(event.startDate, event.endDate);
}

/**
 * Whether one more confirmed place fits: the ticket type below its own capacity, and every day
 * the ticket is valid below the event's capacity (the venue holds that many people a day, so a
 * one-day ticket takes a place on its day only).
 */
export function hasRoom(
  ticket: CapacityTicket,
  event: CapacityEvent,
  occupancy: Occupancy,
): boolean {
  if (ticket.capacity !== null && (occupancy.byType.get(ticket.id) ?? 0) >= ticket.capacity)
    return false;
  if (event.capacity === null) return true;
  const capacity = event.capacity;
  return ticketDays(ticket, event).every((day) => attendeesOn(occupancy, day) < capacity);
}

/** Records one more confirmed place (after hasRoom said yes). */
export function occupy(occupancy: Occupancy, ticket: CapacityTicket): void {
  occupancy.byType.set(ticket.id, (occupancy.byType.get(ticket.id) ?? 0) + 1);
  const key = ticket.validDate ?? "";
  occupancy.byValidDate.set(key, (occupancy.byValidDate.get(key) ?? 0) + 1);
}

/**
 * Who moves up from the waiting list, in the order they joined it: each waiting registration
 * whose ticket still fits takes its place; one whose ticket type is full is passed over (its
 * place in the queue kept) so that others behind it with a ticket that fits may move up.
 */
export function promotions<W extends { id: string; ticketTypeId: string }>(
  waiting: readonly W[],
  tickets: ReadonlyMap<string, CapacityTicket>,
  event: CapacityEvent,
  occupancy: Occupancy,
): W[] {
  const promoted: W[] = [];
  for (const registration of waiting) {
    const ticket = tickets.get(registration.ticketTypeId);
    if (!ticket || !hasRoom(ticket, event, occupancy)) continue;
    occupy(occupancy, ticket);
    promoted.push(registration);
  }
  return promoted;
}

/** Places left of a ticket type for the registration form (null: unlimited). */
export function placesLeft(
  ticket: CapacityTicket,
  event: CapacityEvent,
  occupancy: Occupancy,
): number | null {
  const limits: number[] = [];
  if (ticket.capacity !== null)
    limits.push(ticket.capacity - (occupancy.byType.get(ticket.id) ?? 0));
  if (event.capacity !== null) {
    const capacity = event.capacity;
    for (const day of ticketDays(ticket, event))
      limits.push(capacity - attendeesOn(occupancy, day));
  }
  return limits.length ? Math.max(0, Math.min(...limits)) : null;
}

// ---------------------------------------------------------------------------------------------
// Invoices

export type InvoiceOrgNumber =
  { ok: true; country: "SE" | "NO"; formatted: string } | { ok: false; key: string };

/**
 * A Swedish or Norwegian organization number for an invoice, told apart by its length (nine
 * digits: Norwegian, ten or twelve: Swedish) and checked with the directory's check-digit rules.
 */
export function parseInvoiceOrgNumber(input: string): InvoiceOrgNumber {
  const compact = input
    .replace(/[\s-]+/g, "")
    .replace(/^NO/i, "")
    .replace(/MVA$/i, "");
  if (/^\d{9}$/.test(compact)) {
    const result = parseNorwegianOrgNumber(compact);
    if (result.ok) return { ok: true, country: "NO", formatted: result.formatted };
    return {
      ok: false,
      key:
        result.problem === "checkDigit"
          ? "directory.error.orgNumberCheckDigit"
          : "directory.error.orgNumberFormatNO",
    };
  }
  if (/^(16)?\d{10}$/.test(compact)) {
    const result = parseSwedishOrgNumber(compact);
    if (result.ok) return { ok: true, country: "SE", formatted: result.formatted };
    return {
      ok: false,
      key:
        result.problem === "checkDigit"
          ? "directory.error.orgNumberCheckDigit"
          : result.problem === "notOrganization"
            ? "directory.error.orgNumberPersonal"
            : "directory.error.orgNumberFormatSE",
    };
  }
  return { ok: false, key: "registrations.error.orgNumberFormat" };
}

/** Invitation codes are compared without case and spaces: "talare 2030" = "TALARE2030". */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, "").toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Counts and the caterer's summary

export type CountedRegistration = {
  ticketTypeId: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  validDate: string | null;
};

export type TicketCount = {
  ticketTypeId: string;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
};

/** Registrations per ticket type and status, in the order of the types given. */
export function countsPerTicketType(
  typeIds: readonly string[],
  registrations: readonly CountedRegistration[],
): TicketCount[] {
  const counts = new Map<string, TicketCount>(
    typeIds.map((id) => [id, { ticketTypeId: id, confirmed: 0, waitlisted: 0, cancelled: 0 }]),
  );
  for (const registration of registrations) {
    const count = counts.get(registration.ticketTypeId);
    if (count) count[registration.status]++;
  }
  return [...counts.values()];
}

/** Confirmed attendees per day of the event: whole-event tickets count on every day. */
export function countsPerDay(
  event: { startDate: string; endDate: string },
  registrations: readonly CountedRegistration[],
): { date: string; confirmed: number; waitlisted: number }[] {
  return eventDays(event.startDate, event.endDate).map((date) => {
    let confirmed = 0;
    let waitlisted = 0;
    for (const registration of registrations) {
      if (registration.validDate !== null && registration.validDate !== date) continue;
      if (registration.status === "confirmed") confirmed++;
      if (registration.status === "waitlisted") waitlisted++;
    }
    return { date, confirmed, waitlisted };
  });
}

/** An answer as a need (spaces tidied) and its key (no case), or null when it is no need. */
function needOf(raw: string): { answer: string; key: string } | null {
  const answer = raw.trim().replace(/\s+/g, " ");
  if (!answer || /^(-|–|nej|nei|no|inga?|ingen|none)$/i.test(answer)) return null;
  return { answer, key: answer.toLocaleLowerCase("sv") };
}

export type DietaryNeed = {
  answer: string;
  /** Attendees with the need over the whole event. */
  count: number;
  /** Attendees with the need on each day of the event, in the order of the days given. */
  perDay: { date: string; count: number }[];
};

/**
 * The caterer's summary: each distinct answer to the dietary question with how many confirmed
 * attendees gave it, most common first (an empty or "no" answer is not a need; answers compared
 * without case and surrounding spaces, shown as first written), and for each day of the event
 * how many of those attending that day (a whole-event ticket every day, a one-day ticket on its
 * day) gave it. Each answer comes with the days its ticket covers.
 */
export function dietaryPerDay(
  days: readonly string[],
  answers: readonly { value: string; days: readonly string[] }[],
): DietaryNeed[] {
  const groups = new Map<string, { answer: string; count: number; byDay: Map<string, number> }>();
  for (const raw of answers) {
    const need = needOf(raw.value);
    if (!need) continue;
    let group = groups.get(need.key);
    if (!group) {
      group = { answer: need.answer, count: 0, byDay: new Map() };
      groups.set(need.key, group);
    }
    group.count++;
    for (const day of raw.days) group.byDay.set(day, (group.byDay.get(day) ?? 0) + 1);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer, "sv"))
    .map((group) => ({
      answer: group.answer,
      count: group.count,
      perDay: days.map((date) => ({ date, count: group.byDay.get(date) ?? 0 })),
    }));
}

// ---------------------------------------------------------------------------------------------
// Exports

/**
 * A text cell a spreadsheet would run as a formula (or that some programs read as one) gets a
 * leading apostrophe, so it shows as text: cells beginning with =, +, -, @, a tab or a carriage
 * return (OWASP's CSV injection advice).
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
