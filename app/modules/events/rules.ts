// Pure rules of an event's program: its days, clashes between sessions (a room booked twice, a
// speaker in two places at once), filtering the program and grouping it per day in the event's
// time zone. No I/O: the service reads the rows, calls these, and refuses what they find.
import { addDays, utcToZoned, zonedToUtc } from "../../platform/time.ts";
import type { SessionKind, SessionPersonRole } from "./schema.ts";

/** The longest event the program handles, in days (a conference week with some margin). */
export const maxEventDays = 31;

/** Every day of an event from its start to its end date (both included), as YYYY-MM-DD. */
export function eventDays(startDate: string, endDate: string): string[] {
  if (endDate < startDate) return [];
  const days: string[] = [];
  for (let day = startDate; day <= endDate && days.length < maxEventDays; day = addDays(day, 1))
    days.push(day);
  return days;
}

/** Number of days from start to end (both included); 0 when the end is before the start. */
export function eventLength(startDate: string, endDate: string): number {
  if (endDate < startDate) return 0;
  const [a, b] = [startDate, endDate].map((day) => Date.parse(`${day}T00:00:00Z`));
  return Math.round(((b ?? 0) - (a ?? 0)) / 86_400_000) + 1;
}

export type Interval = { startsAt: Date; endsAt: Date };

/** Half-open intervals [start, end) overlap: a session ending at 10:00 leaves room for one at 10:00. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** The instants of a session given as a day and wall-clock times in the event's time zone. */
export function sessionInterval(
  date: string,
  startTime: string,
  endTime: string,
  timeZone: string,
): Interval {
  return {
    startsAt: zonedToUtc(date, startTime, timeZone),
    endsAt: zonedToUtc(date, endTime, timeZone),
  };
}

/** The day (YYYY-MM-DD) and wall-clock start and end ("HH:MM") of a session in a time zone. */
export function sessionLocalTimes(
  session: Interval,
  timeZone: string,
): { date: string; startTime: string; endTime: string } {
  const start = utcToZoned(session.startsAt, timeZone);
  const end = utcToZoned(session.endsAt, timeZone);
  return { date: start.date, startTime: start.time, endTime: end.time };
}

/** Whether a session starts on one of the event's days (in its time zone). */
export function isEventDay(date: string, startDate: string, endDate: string): boolean {
  return date >= startDate && date <= endDate;
}

/** Who a session involves: its speakers, panelists and moderators. */
export type SessionPerson = { speakerId: string; role: SessionPersonRole };

export type PlannedSession = Interval & {
  id: string;
  title: string;
  roomId: string | null;
  people: readonly SessionPerson[];
};

export type Candidate = Interval & {
  /** Set when an existing session is changed: it does not clash with itself. */
  id?: string;
  roomId: string | null;
  people: readonly SessionPerson[];
};

export type Conflict =
  | { kind: "room"; roomId: string; session: PlannedSession }
  | { kind: "speaker"; speakerId: string; session: PlannedSession };

/**
 * Everything that clashes with a candidate session: another session in the same room at an
 * overlapping time, and every speaker, panelist or moderator of the candidate who is in another
 * session at an overlapping time (in any role). A session without a room books no room. The MC
 * is not a session person (they host the whole day), so is never in two places here. Ordered
 * by the clashing session's start, rooms first.
 */
export function findConflicts(
  candidate: Candidate,
  existing: readonly PlannedSession[],
): Conflict[] {
  const speakerIds = new Set(candidate.people.map((person) => person.speakerId));
  const others = existing
    .filter((session) => session.id !== candidate.id && overlaps(session, candidate))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.title.localeCompare(b.title));
  const rooms: Conflict[] = [];
  const speakers: Conflict[] = [];
  for (const session of others) {
    if (candidate.roomId && session.roomId === candidate.roomId)
      rooms.push({ kind: "room", roomId: candidate.roomId, session });
    const seen = new Set<string>();
    for (const person of session.people) {
      if (!speakerIds.has(person.speakerId) || seen.has(person.speakerId)) continue;
      seen.add(person.speakerId);
      speakers.push({ kind: "speaker", speakerId: person.speakerId, session });
    }
  }
  return [...rooms, ...speakers];
}

/** A speaker may have one role in a session: the first one given wins (speaker, panelist, moderator). */
export function sessionPeople(input: {
  speakerIds?: readonly string[] | undefined;
  panelistIds?: readonly string[] | undefined;
  moderatorIds?: readonly string[] | undefined;
}): SessionPerson[] {
  const result: SessionPerson[] = [];
  const seen = new Set<string>();
  const add = (ids: readonly string[] | undefined, role: SessionPersonRole) => {
    for (const speakerId of ids ?? []) {
      if (seen.has(speakerId)) continue;
      seen.add(speakerId);
      result.push({ speakerId, role });
    }
  };
  add(input.speakerIds, "speaker");
  add(input.panelistIds, "panelist");
  add(input.moderatorIds, "moderator");
  return result;
}

export type ProgramFilter = {
  /** A day of the event, YYYY-MM-DD in its time zone. */
  day?: string | undefined;
  trackId?: string | undefined;
  kind?: SessionKind | undefined;
};

export type FilterableSession = Interval & { trackId: string | null; kind: SessionKind };

/**
 * The sessions that match every filter given: starting on the day (in the event's time zone),
 * in the track, of the kind. Breaks and exhibitions stay when filtering by track only if they
 * belong to it: a filter means "only these".
 */
export function filterProgram<T extends FilterableSession>(
  sessions: readonly T[],
  filter: ProgramFilter,
  timeZone: string,
): T[] {
  return sessions.filter(
    (session) =>
      (!filter.day || utcToZoned(session.startsAt, timeZone).date === filter.day) &&
      (!filter.trackId || session.trackId === filter.trackId) &&
      (!filter.kind || session.kind === filter.kind),
  );
}

export type ProgramDay<T> = { date: string; sessions: T[] };

/**
 * Sessions per day of the event in its time zone, each day by start time (then end, then
 * title). `days` lists the days to show even without sessions; days outside it that hold
 * sessions (a session moved before the dates were changed) come along in date order.
 */
export function groupByDay<T extends Interval & { title: string }>(
  sessions: readonly T[],
  timeZone: string,
  days: readonly string[] = [],
): ProgramDay<T>[] {
  const byDay = new Map<string, T[]>();
  for (const day of days) byDay.set(day, []);
  for (const session of sessions) {
    const date = utcToZoned(session.startsAt, timeZone).date;
    const list = byDay.get(date) ?? [];
    list.push(session);
    byDay.set(date, list);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => ({
      date,
      sessions: list.sort(
        (a, b) =>
          a.startsAt.getTime() - b.startsAt.getTime() ||
          a.endsAt.getTime() - b.endsAt.getTime() ||
          a.title.localeCompare(b.title),
      ),
    }));
}

/** Moves an item of a list to a new index (clamped); returns the ids in their new order. */
export function moveTo(ids: readonly string[], id: string, index: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const rest = ids.filter((other) => other !== id);
  const to = Math.max(0, Math.min(rest.length, index));
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}

/** Moves an item one step up (-1) or down (+1). */
export function moveBy(ids: readonly string[], id: string, step: -1 | 1): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  return moveTo(ids, id, from + step);
}
