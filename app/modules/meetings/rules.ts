// Pure rules of meetings: recurrence of a series (RFC 5545 RRULE through ical.js), the next
// meetings of a series, and agenda ordering. No I/O.
import ICAL from "ical.js";
import { addDays, isLocalDate, isLocalTime, utcToZoned, zonedToUtc } from "../../platform/time.ts";

// ---------------------------------------------------------------------------------------------
// RRULE validation

export const allowedFrequencies = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
export type Frequency = (typeof allowedFrequencies)[number];

/** Rule parts a meeting series may use: one meeting a day at most, so no BYHOUR and the like. */
const allowedParts = new Set([
  "FREQ",
  "INTERVAL",
  "COUNT",
  "UNTIL",
  "BYDAY",
  "BYMONTHDAY",
  "BYMONTH",
  "BYSETPOS",
  "BYWEEKNO",
  "BYYEARDAY",
  "WKST",
]);

/** Strips an "RRULE:" prefix and blanks. */
export function normalizeRrule(value: string): string {
  return value
    .trim()
    .replace(/^RRULE:/i, "")
    .replace(/\s+/g, "")
    .toUpperCase();
}

function parseRecur(rrule: string): ReturnType<typeof ICAL.Recur.fromString> {
  return ICAL.Recur.fromString(rrule);
}

/**
 * Null if the rule is usable for a series, else the i18n key of what is wrong: not an RRULE,
 * a frequency other than DAILY/WEEKLY/MONTHLY/YEARLY, or parts that give several meetings a day.
 */
export function rruleError(value: string): string | null {
  const rrule = normalizeRrule(value);
  if (!rrule || rrule.length > 500) return "meetings.error.rruleInvalid";
  const parts = rrule.split(";");
  const names = new Set<string>();
  for (const part of parts) {
    const match = /^([A-Z]+)=([A-Z0-9,+\-T]+)$/.exec(part);
    if (!match?.[1]) return "meetings.error.rruleInvalid";
    if (names.has(match[1])) return "meetings.error.rruleInvalid";
    names.add(match[1]);
    if (!allowedParts.has(match[1])) {
      return ["BYHOUR", "BYMINUTE", "BYSECOND", "FREQ"].includes(match[1])
        ? "meetings.error.rruleFrequency"
        : "meetings.error.rruleInvalid";
    }
  }
  const freq = parts.find((part) => part.startsWith("FREQ="))?.slice(5);
  if (!freq) return "meetings.error.rruleInvalid";
  if (!(allowedFrequencies as readonly string[]).includes(freq))
    return "meetings.error.rruleFrequency";
  try {
    const recur = parseRecur(rrule);
    if (recur.interval < 1 || !Number.isFinite(recur.interval))
      return "meetings.error.rruleInvalid";
    // Building an iterator checks BYDAY and friends against the frequency.
    const start = ICAL.Time.fromData({ year: 2026, month: 1, day: 1, isDate: true });
    recur.iterator(start).next();
  } catch {
    return "meetings.error.rruleInvalid";
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The friendly form: weekly or monthly rules without knowing RFC 5545

export const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof weekdays)[number];

export type FriendlyRule =
  | { frequency: "weekly"; interval: number; weekday: Weekday }
  /** nth = 1..4 or -1 (last) weekday of the month, e.g. the 2nd Tuesday. */
  | { frequency: "monthly"; interval: number; weekday: Weekday; nth: number };

export function buildRrule(rule: FriendlyRule): string {
  const interval = rule.interval > 1 ? `;INTERVAL=${rule.interval}` : "";
  if (rule.frequency === "weekly") return `FREQ=WEEKLY${interval};BYDAY=${rule.weekday}`;
  return `FREQ=MONTHLY${interval};BYDAY=${rule.nth}${rule.weekday}`;
}

/** A parsed description of a rule, for saying it in words; null for rules the form can't show. */
export type RuleDescription = {
  frequency: Frequency;
  interval: number;
  /** BYDAY entries: weekday with an optional ordinal ("2TU" → {nth: 2, weekday: "TU"}). */
  days: { nth: number | null; weekday: Weekday }[];
  monthDays: number[];
  count: number | null;
  /** UNTIL as written ("YYYYMMDD…"), shown as a date. */
  until: string | null;
};

export function describeRrule(value: string): RuleDescription | null {
  if (rruleError(value)) return null;
  const parts = new Map(
    normalizeRrule(value)
      .split(";")
      .map((part) => part.split("=") as [string, string]),
  );
  const days: RuleDescription["days"] = [];
  for (const day of (parts.get("BYDAY") ?? "").split(",").filter(Boolean)) {
    const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(day);
    if (!match) return null;
    days.push({ nth: match[1] ? Number(match[1]) : null, weekday: match[2] as Weekday });
  }
  const until = parts.get("UNTIL");
  return {
    frequency: parts.get("FREQ") as Frequency,
    interval: Number(parts.get("INTERVAL") ?? 1),
    days,
    monthDays: (parts.get("BYMONTHDAY") ?? "").split(",").filter(Boolean).map(Number),
    count: parts.has("COUNT") ? Number(parts.get("COUNT")) : null,
    until: until ? `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` : null,
  };
}

/** The friendly form's values for a rule it can show, else null (the advanced field is used). */
export function friendlyRuleOf(value: string): FriendlyRule | null {
  const description = describeRrule(value);
  if (!description || description.count !== null || description.until !== null) return null;
  if (description.monthDays.length || description.days.length !== 1) return null;
  const parts = normalizeRrule(value).split(";");
  if (parts.some((part) => !/^(FREQ|INTERVAL|BYDAY)=/.test(part))) return null;
  const [day] = description.days;
  if (!day) return null;
  if (description.frequency === "WEEKLY" && day.nth === null)
    return { frequency: "weekly", interval: description.interval, weekday: day.weekday };
  if (
    description.frequency === "MONTHLY" &&
    day.nth !== null &&
    ((day.nth >= 1 && day.nth <= 4) || day.nth === -1)
  )
    return {
      frequency: "monthly",
      interval: description.interval,
      weekday: day.weekday,
      nth: day.nth,
    };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Expansion

export type SeriesPattern = {
  rrule: string;
  /** The first occurrence's local date, "YYYY-MM-DD" (DTSTART). */
  firstDate: string;
  /** Local "HH:MM" in timeZone. */
  startTime: string;
  endTime: string;
  timeZone: string;
};

export type Occurrence = {
  /** The occurrence's start instant: its iCalendar RECURRENCE-ID. */
  occurrenceStart: Date;
  startsAt: Date;
  endsAt: Date;
  /** The local date, "YYYY-MM-DD". */
  localDate: string;
};

/** How many rule steps an expansion walks at most, whatever the window (a daily rule: 27 years). */
export const maxIterations = 10_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/**
 * The occurrences of a series that start in [from, to), at most `limit`, in order. The rule is
 * expanded on local dates; each date's local start and end time is then placed in the series'
 * time zone, so a 09:00 meeting stays at 09:00 across daylight-saving changes.
 */
export function expandOccurrences(
  pattern: SeriesPattern,
  from: Date,
  to: Date,
  limit = 100,
): Occurrence[] {
  if (rruleError(pattern.rrule) || !isLocalDate(pattern.firstDate)) return [];
  if (!isLocalTime(pattern.startTime) || !isLocalTime(pattern.endTime)) return [];
  const recur = parseRecur(normalizeRrule(pattern.rrule));
  const [year, month, day] = pattern.firstDate.split("-").map(Number);
  const [hour, minute] = pattern.startTime.split(":").map(Number);
  const start = ICAL.Time.fromData({
    year: year ?? 0,
    month: month ?? 0,
    day: day ?? 0,
    hour: hour ?? 0,
    minute: minute ?? 0,
    second: 0,
    isDate: false,
  });
  const iterator = recur.iterator(start);
  const result: Occurrence[] = [];
  // Dates well before the window are skipped without placing them in the time zone (cheap).
  const earliest = addDays(utcToZoned(from, pattern.timeZone).date, -1);
  for (let step = 0; step < maxIterations && result.length < limit; step++) {
    const next = iterator.next();
    if (!next) break;
    const localDate = `${pad(next.year, 4)}-${pad(next.month)}-${pad(next.day)}`;
    if (localDate < earliest) continue;
    const startsAt = zonedToUtc(localDate, pattern.startTime, pattern.timeZone);
    if (startsAt.getTime() >= to.getTime()) break;
    if (startsAt.getTime() < from.getTime()) continue;
    const endsAt = zonedToUtc(localDate, pattern.endTime, pattern.timeZone);
    result.push({ occurrenceStart: startsAt, startsAt, endsAt, localDate });
  }
  return result;
}

/** Whether an instant is an occurrence of the series (planning refuses made-up occurrences). */
export function isOccurrence(pattern: SeriesPattern, instant: Date): boolean {
  const found = expandOccurrences(pattern, instant, new Date(instant.getTime() + 1), 1);
  return found.length === 1 && found[0]?.startsAt.getTime() === instant.getTime();
}

// ---------------------------------------------------------------------------------------------
// Next meetings of a series

export type MaterializedMeeting = {
  id: string;
  title: string;
  occurrenceStart: Date | null;
  startsAt: Date;
  endsAt: Date;
  status: "planned" | "cancelled";
};

export type SeriesEntry =
  | {
      kind: "meeting";
      meetingId: string;
      title: string;
      startsAt: Date;
      endsAt: Date;
      occurrenceStart: Date | null;
      cancelled: boolean;
      /** Held at another time than its occurrence. */
      moved: boolean;
    }
  | { kind: "occurrence"; occurrenceStart: Date; startsAt: Date; endsAt: Date };

/**
 * The series' entries from `from` on, in order: materialized meetings at their (possibly moved)
 * time, cancelled ones marked, and the rule's occurrences that have no meeting row yet. An
 * occurrence whose meeting was moved shows once, at its new time.
 */
export function mergeSeriesEntries(
  materialized: readonly MaterializedMeeting[],
  occurrences: readonly Occurrence[],
  from: Date,
  limit: number,
): SeriesEntry[] {
  const taken = new Set(
    materialized.flatMap((meeting) =>
      meeting.occurrenceStart ? [meeting.occurrenceStart.getTime()] : [],
    ),
  );
  const entries: SeriesEntry[] = [];
  for (const meeting of materialized) {
    if (meeting.startsAt.getTime() < from.getTime()) continue;
    entries.push({
      kind: "meeting",
      meetingId: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      occurrenceStart: meeting.occurrenceStart,
      cancelled: meeting.status === "cancelled",
      moved:
        meeting.occurrenceStart !== null &&
        meeting.occurrenceStart.getTime() !== meeting.startsAt.getTime(),
    });
  }
  for (const occurrence of occurrences) {
    if (taken.has(occurrence.occurrenceStart.getTime())) continue;
    if (occurrence.startsAt.getTime() < from.getTime()) continue;
    entries.push({ kind: "occurrence", ...occurrence });
  }
  entries.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return entries.slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// Agenda order

/** Moves one id a step up or down; unchanged at the ends or if absent. */
export function moveItem(ids: readonly string[], id: string, direction: "up" | "down"): string[] {
  const index = ids.indexOf(id);
  if (index < 0) return [...ids];
  return moveToPosition(ids, id, index + 1 + (direction === "up" ? -1 : 1));
}

/** Moves one id to a 1-based position, clamped to the list. */
export function moveToPosition(ids: readonly string[], id: string, position: number): string[] {
  const index = ids.indexOf(id);
  if (index < 0) return [...ids];
  const rest = ids.filter((other) => other !== id);
  const target = Math.min(Math.max(Math.trunc(position) - 1, 0), rest.length);
  rest.splice(target, 0, id);
  return rest;
}

/**
 * The 1-based position an item dragged from `fromIndex` gets when dropped into `slot` (the gap
 * before the row of that index; the list's length for after the last row).
 */
export function positionForDrop(fromIndex: number, slot: number): number {
  return (slot > fromIndex ? slot - 1 : slot) + 1;
}

/** Numbers 1, 2, 3… by order: the agenda item's number is its position. */
export function renumber(ids: readonly string[]): { id: string; position: number }[] {
  return ids.map((id, index) => ({ id, position: index + 1 }));
}

/** Document links must be http(s): no javascript:, data: or file: links on a meeting page. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
