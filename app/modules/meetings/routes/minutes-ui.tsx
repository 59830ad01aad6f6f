// Presentation helpers of the minutes pages: a word diff as <ins>/<del>, an action's status form.
import { intlTag, type Locale } from "../../../i18n/locales.ts";
import { useT } from "../../../ui/i18n.tsx";
import { wordDiff } from "../minutes-rules.ts";
import { actionStatuses, type ActionStatus } from "../schema.ts";

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

/** Inside a form: which action at which version, its status to choose, and the button. */
export function ActionStatusFields({
  action,
}: {
  action: { id: string; version: number; status: ActionStatus };
}) {
  const t = useT();
  return (
    <>
      <input type="hidden" name="actionId" value={action.id} />
      <input type="hidden" name="version" value={action.version} />
      <label htmlFor={`status-${action.id}`} className="visually-hidden">
        {t("minutes.actions.status")}
      </label>
      <select id={`status-${action.id}`} name="status" defaultValue={action.status}>
        {actionStatuses.map((status) => (
          <option key={status} value={status}>
            {t(`minutes.actions.status.${status}`)}
          </option>
        ))}
      </select>{" "}
      <button type="submit">{t("minutes.actions.update")}</button>
    </>
  );
}
