// Presentation helpers of the minutes pages: a word diff as <ins>/<del>.
import { intlTag, type Locale } from "../../../i18n/locales.ts";
import { wordDiff } from "../minutes-rules.ts";

export function WordDiff({ older, newer }: { older: string; newer: string }) {
  return (
    <p className="prewrap diff">
      {wordDiff(older, newer).map((part, index) =>
        part.kind === "added" ? (
          <ins key={index}>{part.text}</ins>
        ) : part.kind === "removed" ? (
          <del key={index}>{part.text}</del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}

const savedFormats = new Map<Locale, Intl.DateTimeFormat>();

/** When a version was saved, in Swedish/Norwegian time (the platform's zone for audit times). */
export function savedAt(locale: Locale, instant: Date): string {
  let format = savedFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag[locale], {
      timeZone: "Europe/Stockholm",
      dateStyle: "medium",
      timeStyle: "short",
    });
    savedFormats.set(locale, format);
  }
  return format.format(new Date(instant));
}
