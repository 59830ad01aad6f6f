// Local wall-clock time in an IANA time zone <-> UTC instants, with Intl only.
//
// A local date and time ("2026-03-29", "02:30") names zero, one or two instants: around a
// daylight-saving change a wall-clock time may not exist (spring forward) or occur twice (fall
// back). Like Temporal's "compatible" disambiguation, a missing time is read with the offset
// before the change (02:30 becomes 03:30 summer time) and a repeated one takes the earlier
// instant.

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

function wallClockAt(instant: number, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (CET: +3 600 000). */
export function offsetAt(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const wall = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export function isLocalTime(value: string): boolean {
  return timePattern.test(value);
}

/** The instant a local date ("YYYY-MM-DD") and time ("HH:MM") in a time zone stand for. */
export function zonedToUtc(localDate: string, localTime: string, timeZone: string): Date {
  const date = datePattern.exec(localDate);
  const time = timePattern.exec(localTime);
  if (!date || !time) throw new RangeError(`invalid local date or time: ${localDate} ${localTime}`);
  const wall = Date.UTC(
    Number(date[1]),
    Number(date[2]) - 1,
    Number(date[3]),
    Number(time[1]),
    Number(time[2]),
  );
  const day = 86_400_000;
  const before = offsetAt(wall - day, timeZone);
  const after = offsetAt(wall + day, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  // Repeated wall time: the earlier instant; missing wall time: read with the earlier offset.
  return new Date(candidates[0] ?? wall - before);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** The local date ("YYYY-MM-DD") and time ("HH:MM") of an instant in a time zone. */
export function utcToZoned(instant: Date, timeZone: string): { date: string; time: string } {
  const wall = wallClockAt(instant.getTime(), timeZone);
  return {
    date: `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
  };
}

/** Adds days to a local date ("YYYY-MM-DD"), calendar-wise. */
export function addDays(localDate: string, days: number): string {
  const match = datePattern.exec(localDate);
  if (!match) throw new RangeError(`invalid local date: ${localDate}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** Minutes from one "HH:MM" to another on the same day (negative if the second is earlier). */
export function minutesBetween(startTime: string, endTime: string): number {
  const [sh = 0, sm = 0] = startTime.split(":").map(Number);
  const [eh = 0, em = 0] = endTime.split(":").map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}
