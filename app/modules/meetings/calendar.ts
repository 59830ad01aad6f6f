// iCalendar for meetings: invitations, updates and cancellations mailed to participants
// (METHOD:REQUEST / CANCEL), and the subscribable feeds of a series and of a person.
// Written with ical-generator; times are written in the meeting's time zone (TZID) with a
// VTIMEZONE for it, so a 09:00 meeting stays at 09:00 across daylight-saving changes.
import crypto from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { ICalCalendar, ICalEventData, ICalAttendeeData } from "ical-generator";
import type { DbOrTx } from "../../db/client.ts";
import { config } from "../../platform/config.ts";
import { utcToZoned } from "../../platform/time.ts";
import { people } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";
import {
  meetingParticipants,
  meetings,
  meetingSeries,
  personCalendarFeeds,
  type MeetingRow,
  type MeetingSeriesRow,
} from "./schema.ts";

const prodId = { company: "Samverka", product: "Samverka", language: "SV" };

/** The host part of UIDs: the host of BASE_URL. */
function uidHost(): string {
  return new URL(config().BASE_URL).hostname || "samverka.localhost";
}

export function meetingUid(meetingId: string): string {
  return `meeting-${meetingId}@${uidHost()}`;
}

export function seriesUid(seriesId: string): string {
  return `series-${seriesId}@${uidHost()}`;
}

/** "Name <address>" of MAIL_FROM split into its parts. */
function organizer(): { name: string; email: string } {
  const from = config().MAIL_FROM;
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (match) return { name: match[1]?.trim() || "Samverka", email: match[2] ?? from };
  return { name: "Samverka", email: from.trim() };
}

// ---------------------------------------------------------------------------------------------
// Wall-clock times: ical-generator writes Temporal-like plain date-times as they are, with the
// event's TZID. A minimal stand-in, so no Temporal polyfill is needed.

type PlainStub = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  toPlainDate: () => PlainStub;
  toZonedDateTime: (timeZone: string) => ZonedStub;
};
type ZonedStub = Omit<PlainStub, "toZonedDateTime" | "toPlainDate"> & {
  timeZoneId: string;
  toPlainDateTime: () => PlainStub;
  withTimeZone: () => ZonedStub;
};

function wallClock(localDate: string, localTime: string): PlainStub {
  const [year = 0, month = 1, day = 1] = localDate.split("-").map(Number);
  const [hour = 0, minute = 0] = localTime.split(":").map(Number);
  const plain: PlainStub = {
    year,
    month,
    day,
    hour,
    minute,
    second: 0,
    toPlainDate: () => plain,
    toZonedDateTime: (timeZoneId: string) => {
      const zoned: ZonedStub = {
        year,
        month,
        day,
        hour,
        minute,
        second: 0,
        timeZoneId,
        toPlainDateTime: () => plain,
        withTimeZone: () => zoned,
      };
      return zoned;
    },
  };
  return plain;
}

/** An instant as wall-clock time in a time zone, for ical-generator. */
function zoned(instant: Date, timeZone: string): ICalEventData["start"] {
  const local = utcToZoned(instant, timeZone);
  return wallClock(local.date, local.time) as unknown as ICalEventData["start"];
}

// Europe/Stockholm and Europe/Oslo follow the same EU rules: CET, CEST from the last Sunday of
// March to the last Sunday of October.
function vtimezone(tzid: string): string | null {
  if (tzid !== "Europe/Stockholm" && tzid !== "Europe/Oslo") return null;
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${tzid}`,
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");
}

function calendar(options: { name?: string; method?: ICalCalendarMethod }): ICalCalendar {
  return ical({
    prodId,
    ...(options.name ? { name: options.name } : {}),
    ...(options.method ? { method: options.method } : {}),
    timezone: { name: null, generator: vtimezone },
  });
}

function meetingUrl(meetingId: string): string {
  return new URL(`meetings/${meetingId}`, config().BASE_URL).toString();
}

function location(row: Pick<MeetingRow, "place" | "onlineUrl">): string | null {
  const parts = [row.place, row.onlineUrl].filter((part): part is string => !!part);
  return parts.length ? parts.join(", ") : null;
}

// ---------------------------------------------------------------------------------------------
// Invitations

export type InvitationMeeting = Pick<
  MeetingRow,
  | "id"
  | "title"
  | "startsAt"
  | "endsAt"
  | "timeZone"
  | "place"
  | "onlineUrl"
  | "icalSequence"
  | "status"
> & { networkName: string };

export type InvitationAttendee = { name: string; email: string };

/**
 * The .ics of an invitation (REQUEST: new or changed, SEQUENCE = meetings.ical_sequence) or a
 * cancellation (CANCEL, STATUS:CANCELLED) for one meeting. The UID is stable per meeting.
 */
export function meetingInvitationIcs(
  meeting: InvitationMeeting,
  attendees: readonly InvitationAttendee[],
  method: "REQUEST" | "CANCEL",
): string {
  const cal = calendar({
    method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const cancelled = method === "CANCEL" || meeting.status === "cancelled";
  cal.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.icalSequence,
    timezone: meeting.timeZone,
    start: zoned(meeting.startsAt, meeting.timeZone),
    end: zoned(meeting.endsAt, meeting.timeZone),
    summary: `${meeting.title} – ${meeting.networkName}`,
    location: location(meeting),
    url: meetingUrl(meeting.id),
    organizer: organizer(),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: attendees.map((attendee): ICalAttendeeData => ({
      name: attendee.name,
      email: attendee.email,
      rsvp: !cancelled,
    })),
  });
  return cal.toString();
}

// ---------------------------------------------------------------------------------------------
// Feeds

type FeedMeeting = MeetingRow & { networkName: string };

function addMeetingEvent(cal: ICalCalendar, meeting: FeedMeeting, extra: Partial<ICalEventData>) {
  cal.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.icalSequence,
    timezone: meeting.timeZone,
    start: zoned(meeting.startsAt, meeting.timeZone),
    end: zoned(meeting.endsAt, meeting.timeZone),
    summary: `${meeting.title} – ${meeting.networkName}`,
    location: location(meeting),
    url: meetingUrl(meeting.id),
    status: meeting.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...extra,
  });
}

/**
 * The feed of a series: one recurring VEVENT (RRULE from the first date, in the series' time
 * zone), EXDATE for cancelled occurrences, and an override (RECURRENCE-ID) for every meeting row
 * that was moved or whose title or place differs from the series. Null for an unknown token.
 */
export async function seriesFeed(db: DbOrTx, token: string): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ series: meetingSeries, networkName: networks.name })
    .from(meetingSeries)
    .innerJoin(networks, eq(networks.id, meetingSeries.networkId))
    .where(eq(meetingSeries.feedToken, token));
  if (!row) return null;
  const rows = await db
    .select()
    .from(meetings)
    .where(eq(meetings.seriesId, row.series.id))
    .orderBy(asc(meetings.startsAt));
  return seriesCalendar(row.series, row.networkName, rows);
}

/** The series feed's text from rows already read (pure apart from config). */
export function seriesCalendar(
  series: MeetingSeriesRow,
  networkName: string,
  rows: readonly MeetingRow[],
): string {
  const cal = calendar({ name: `${series.name} – ${networkName}` });
  const summary = `${series.name} – ${networkName}`;
  const seriesLocation = location(series);
  const cancelled = rows.filter(
    (meeting) => meeting.status === "cancelled" && meeting.occurrenceStart,
  );
  const rrule = series.rrule.replace(/^RRULE:/i, "");
  cal.createEvent({
    id: seriesUid(series.id),
    timezone: series.timeZone,
    start: wallClock(series.firstDate, series.startTime) as unknown as ICalEventData["start"],
    end: wallClock(series.firstDate, series.endTime) as unknown as ICalEventData["start"],
    summary,
    location: seriesLocation,
    repeating: rrule,
  });
  let text = cal.toString();
  // ical-generator writes EXDATE only for object rules; the stored rule is a string, so the
  // EXDATE line is added after the RRULE line of the series event.
  if (cancelled.length) {
    const values = cancelled.map((meeting) => {
      const local = utcToZoned(meeting.occurrenceStart as Date, series.timeZone);
      return `${local.date.replaceAll("-", "")}T${local.time.replace(":", "")}00`;
    });
    // Only within the VEVENT: the VTIMEZONE before it has RRULEs of its own.
    const at = text.indexOf("BEGIN:VEVENT");
    text =
      text.slice(0, at) +
      text
        .slice(at)
        .replace(
          /(\r\nRRULE:[^\r\n]*)/,
          `$1\r\nEXDATE;TZID=${series.timeZone}:${values.join(",")}`,
        );
  }
  // Overrides: moved meetings, and meetings whose title or place differs from the series.
  const overrides = calendar({});
  for (const meeting of rows) {
    // A meeting of the series not tied to an occurrence is an event of its own.
    if (!meeting.occurrenceStart) {
      addMeetingEvent(overrides, { ...meeting, networkName }, {});
      continue;
    }
    if (meeting.status === "cancelled") continue;
    const moved =
      meeting.occurrenceStart.getTime() !== meeting.startsAt.getTime() ||
      meeting.endsAt.getTime() - meeting.startsAt.getTime() !== durationOf(series);
    const differs =
      meeting.title !== series.name ||
      meeting.place !== series.place ||
      (meeting.onlineUrl ?? null) !== (series.onlineUrl ?? null);
    if (!moved && !differs) continue;
    addMeetingEvent(
      overrides,
      { ...meeting, networkName },
      {
        id: seriesUid(series.id),
        recurrenceId: zoned(meeting.occurrenceStart, series.timeZone),
        url: meetingUrl(meeting.id),
      },
    );
  }
  const events = eventsOf(overrides.toString());
  return events ? text.replace(/END:VCALENDAR(\r\n)?$/, `${events}END:VCALENDAR\r\n`) : text;
}

function durationOf(series: MeetingSeriesRow): number {
  const [sh = 0, sm = 0] = series.startTime.split(":").map(Number);
  const [eh = 0, em = 0] = series.endTime.split(":").map(Number);
  return (eh * 60 + em - (sh * 60 + sm)) * 60_000;
}

/** The VEVENT blocks of a calendar text. */
function eventsOf(text: string): string {
  const blocks = text.match(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g);
  return blocks ? blocks.join("") : "";
}

/** A person's feed token, created on first request. */
export async function personFeedToken(db: DbOrTx, personId: string): Promise<string> {
  const [existing] = await db
    .select({ token: personCalendarFeeds.token })
    .from(personCalendarFeeds)
    .where(eq(personCalendarFeeds.personId, personId));
  if (existing) return existing.token;
  const token = newFeedToken();
  await db.insert(personCalendarFeeds).values({ personId, token }).onConflictDoNothing();
  const [row] = await db
    .select({ token: personCalendarFeeds.token })
    .from(personCalendarFeeds)
    .where(eq(personCalendarFeeds.personId, personId));
  return row?.token ?? token;
}

/** Replaces a person's feed token: the old link stops working. */
export async function renewPersonFeedToken(db: DbOrTx, personId: string): Promise<string> {
  const token = newFeedToken();
  await db
    .insert(personCalendarFeeds)
    .values({ personId, token })
    .onConflictDoUpdate({
      target: personCalendarFeeds.personId,
      set: { token, createdAt: new Date() },
    });
  return token;
}

export function newFeedToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** The feed of a person: every meeting they are a participant of. Null for an unknown token. */
export async function personFeed(db: DbOrTx, token: string): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const [feed] = await db
    .select({ personId: personCalendarFeeds.personId, name: people.name })
    .from(personCalendarFeeds)
    .innerJoin(people, eq(people.id, personCalendarFeeds.personId))
    .where(eq(personCalendarFeeds.token, token));
  if (!feed) return null;
  const meetingIds = db
    .select({ id: meetingParticipants.meetingId })
    .from(meetingParticipants)
    .where(eq(meetingParticipants.personId, feed.personId));
  const rows = await db
    .select({ meeting: meetings, networkName: networks.name })
    .from(meetings)
    .innerJoin(networks, eq(networks.id, meetings.networkId))
    .where(and(inArray(meetings.id, meetingIds)))
    .orderBy(asc(meetings.startsAt));
  const cal = calendar({ name: `Samverka – ${feed.name}` });
  for (const row of rows)
    addMeetingEvent(cal, { ...row.meeting, networkName: row.networkName }, {});
  return cal.toString();
}
