// Small presentation helpers shared by the meetings core's pages.
import { formatCalendarDate } from "../../../i18n/format.ts";
import { intlTag, type Locale } from "../../../i18n/locales.ts";
import type { Translate } from "../../../i18n/translate.ts";
import { useT } from "../../../ui/i18n.tsx";
import type { RuleDescription, SeriesEntry } from "../rules.ts";
import type { AgendaItem } from "../service.ts";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, timeZone: string, kind: "date" | "time"): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      intlTag[locale],
      kind === "date"
        ? { timeZone, weekday: "long", year: "numeric", month: "long", day: "numeric" }
        : { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
    );
    formats.set(key, formatter);
  }
  return formatter;
}

/** "tisdag 10 februari 2026" in the meeting's time zone. */
export function meetingDate(locale: Locale, instant: Date, timeZone: string): string {
  return format(locale, timeZone, "date").format(new Date(instant));
}

/** "09:00–11:30" in the meeting's time zone. */
export function meetingTimes(locale: Locale, start: Date, end: Date, timeZone: string): string {
  const time = format(locale, timeZone, "time");
  return `${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

/** A rule in words: "Varje månad på andra tisdag". */
export function ruleInWords(
  t: Translate,
  locale: Locale,
  rule: RuleDescription | null,
  raw: string,
): string {
  if (!rule) return raw;
  const parts = [
    rule.interval > 1
      ? t(`meetings.rule.${rule.frequency}.n`, { n: rule.interval })
      : t(`meetings.rule.${rule.frequency}`),
  ];
  if (rule.days.length) {
    parts.push(t("meetings.rule.on"));
    parts.push(
      rule.days
        .map((day) =>
          day.nth !== null && [1, 2, 3, 4, -1].includes(day.nth)
            ? `${t(`meetings.series.nth.${day.nth}`).toLowerCase()} ${t(`meetings.weekday.${day.weekday}`)}`
            : t(`meetings.weekday.${day.weekday}`),
        )
        .join(", "),
    );
  }
  for (const day of rule.monthDays) parts.push(t("meetings.rule.monthDay", { day }));
  if (rule.count !== null) parts.push(t("meetings.rule.count", { count: rule.count }));
  if (rule.until)
    parts.push(t("meetings.rule.until", { date: formatCalendarDate(locale, rule.until) }));
  return parts.join(" ");
}

export function entryKey(entry: SeriesEntry): string {
  return entry.kind === "meeting" ? entry.meetingId : new Date(entry.occurrenceStart).toISOString();
}

/** Every value of a repeated field (multi-selects), non-empty. */
export function allOf(formData: FormData, name: string): string[] {
  return formData
    .getAll(name)
    .filter((value): value is string => typeof value === "string" && value.trim() !== "")
    .map((value) => value.trim());
}

/** Document links typed one per line as "title | url" (a bare URL is its own title). */
export function parseDocumentLines(text: string): { title: string; url: string }[] | null {
  const links: { title: string; url: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const bar = trimmed.lastIndexOf("|");
    if (bar < 0) {
      if (/\s/.test(trimmed)) return null;
      links.push({ title: trimmed, url: trimmed });
    } else {
      links.push({ title: trimmed.slice(0, bar).trim(), url: trimmed.slice(bar + 1).trim() });
    }
  }
  return links;
}

/** The agenda table's header row: number, title, purpose, people, minutes, then `last`. */
export function AgendaHead({ last }: { last: string }) {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{t("meetings.agenda.number")}</th>
        <th scope="col">{t("meetings.agenda.title")}</th>
        <th scope="col">{t("meetings.agenda.purpose")}</th>
        <th scope="col">{t("meetings.agenda.responsible")}</th>
        <th scope="col">{t("meetings.agenda.guests")}</th>
        <th scope="col">{t("meetings.agenda.plannedMinutes")}</th>
        <th scope="col">{last}</th>
      </tr>
    </thead>
  );
}

/** An agenda item's cells under AgendaHead (but the last), its title heading the row. */
export function AgendaCells({ item }: { item: AgendaItem }) {
  return (
    <>
      <td>{item.number}</td>
      <th scope="row">{item.title}</th>
      <td>{item.purpose}</td>
      <td>{item.responsible.map((p) => p.name).join(", ")}</td>
      <td>{item.guests.map((p) => p.name).join(", ")}</td>
      <td>{item.plannedMinutes ?? ""}</td>
    </>
  );
}
