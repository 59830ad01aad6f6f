import { intlTag, type Locale } from "./locales.ts";

// Intl formatters are costly to build and safe to share, so each distinct one is built once.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

export function formatNumber(locale: Locale, value: number): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(intlTag[locale])).format(value);
}

/** A point in time as the reader's language writes it, in the given time zone. */
export function formatDate(locale: Locale, value: Date | string, timeZone: string): string {
  return cached(
    `d|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(intlTag[locale], { dateStyle: "medium", timeZone }),
  ).format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date | string, timeZone: string): string {
  return cached(
    `dt|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(intlTag[locale], {
        dateStyle: "medium",
        timeStyle: "medium",
        timeZone,
      }),
  ).format(new Date(value));
}

/** A calendar date (YYYY-MM-DD, no time zone) as the reader's language writes it. */
export function formatCalendarDate(locale: Locale, isoDate: string): string {
  return formatDate(locale, `${isoDate}T00:00:00Z`, "UTC");
}

/** Today as YYYY-MM-DD in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return cached(
    `iso|${timeZone}`,
    () =>
      new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }),
  ).format(now);
}
