// iCalendar for attendees, written with ical-generator: the event itself (whole days, or the one
// day of a one-day ticket) sent with the confirmation, and the attendee's personal agenda (the
// sessions they picked, with the same UIDs as the program feed, so a calendar that has both
// shows each session once).
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { translator } from "../../i18n/translate.ts";
import { config } from "../../platform/config.ts";
import { addDays } from "../../platform/time.ts";
import { sessionUid } from "./calendar.ts";
import type { EventStatus } from "./schema.ts";

const prodId = { company: "Samverka", product: "Samverka", language: "SV" };

function host(): string {
  return new URL(config().BASE_URL).hostname || "samverka.localhost";
}

/** Noon UTC of a local date: ical-generator writes it as that date in every zone. */
function dateOnly(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export type CalendarEvent = {
  id: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  venueName: string;
  venueAddress: string;
  status: EventStatus;
  language: "sv" | "nb" | "en";
  /** The event's version: a cancelled event's .ics carries it as its SEQUENCE. */
  version: number;
};

function place(event: { venueName: string; venueAddress: string }, room?: string | null) {
  const parts = [room, event.venueName, event.venueAddress].filter((part): part is string =>
    Boolean(part),
  );
  return parts.length ? parts.join(", ") : null;
}

/**
 * The event as whole days (a one-day ticket: its day), with the attendee's link. The UID stays
 * the same for the life of the registration; a cancelled event is written with the event's
 * version as SEQUENCE (above the 0 of the confirmation's .ics), so a calendar that holds the
 * confirmation takes the cancellation (method CANCEL) as newer.
 */
export function eventIcs(
  event: CalendarEvent,
  ticket: { validDate: string | null },
  link: string | null,
  method: "PUBLISH" | "CANCEL" = "PUBLISH",
): string {
  const first = ticket.validDate ?? event.startDate;
  const last = ticket.validDate ?? event.endDate;
  const cancelled = event.status === "cancelled";
  const cal = ical({
    prodId,
    name: event.name,
    method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  cal.createEvent({
    id: `event-${event.id}${ticket.validDate ? `-${ticket.validDate}` : ""}@${host()}`,
    sequence: cancelled ? event.version : 0,
    allDay: true,
    start: dateOnly(first),
    end: dateOnly(addDays(last, 1)),
    summary: event.name,
    description: [event.description, link].filter(Boolean).join("\n\n") || null,
    location: place(event),
    url: link,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}

export type AgendaSession = {
  id: string;
  title: string;
  abstract: string;
  startsAt: Date;
  endsAt: Date;
  roomName: string | null;
  version: number;
};

/** The sessions an attendee picked, as timed events (instants, shown in every reader's zone). */
export function agendaIcs(event: CalendarEvent, sessions: readonly AgendaSession[]): string {
  const t = translator(event.language);
  const cal = ical({ prodId, name: t("registrations.agenda.calendarName", { name: event.name }) });
  for (const session of sessions)
    cal.createEvent({
      id: sessionUid(session.id),
      sequence: session.version,
      start: session.startsAt,
      end: session.endsAt,
      summary: session.title,
      description: session.abstract || null,
      location: place(event, session.roomName),
      url: new URL(`events/${event.id}/sessions/${session.id}`, config().BASE_URL).toString(),
      status: event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  return cal.toString();
}
