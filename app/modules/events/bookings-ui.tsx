// Small pieces shared by the side-meeting pages.
import type { ReactNode } from "react";
import { Form } from "react-router";
import { formatDate } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import type { Translate } from "../../i18n/translate.ts";
import type { FormFailure } from "../../platform/forms.ts";
import { addDays } from "../../platform/time.ts";
import { CsrfField } from "../../ui/csrf.tsx";
import { ErrorSummary } from "../../ui/form.tsx";
import { useT } from "../../ui/i18n.tsx";

/** "20 maj 2026 08:00 – 22 maj 2026 17:00", or one date with two times. */
export function rangeText(
  locale: Locale,
  range: { startsAt: Date | string; endsAt: Date | string; timeZone: string },
  times: { startDate: string; startTime: string; endDate: string; endTime: string },
): string {
  const startDay = formatDate(locale, range.startsAt, range.timeZone);
  if (times.startDate === times.endDate) return `${startDay} ${times.startTime}–${times.endTime}`;
  const endDay = formatDate(locale, range.endsAt, range.timeZone);
  return `${startDay} ${times.startTime} – ${endDay} ${times.endTime}`;
}

/** Every local date from one to another, inclusive (at most a month's worth). */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last && days.length < 31; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The failure of one form on a page with several (by intent). */
export function failureFor(actionData: unknown, intent: string): FormFailure | undefined {
  const failure = actionData as FormFailure | undefined;
  return failure && failure.ok === false && failure.intent === intent ? failure : undefined;
}

export function FormError({ t, failure }: { t: Translate; failure: FormFailure | undefined }) {
  if (!failure?.formError) return null;
  return (
    <p className="notice error" role="alert">
      {t(failure.formError, failure.formErrorParams)}
    </p>
  );
}

/** A form of its own section, under its heading and lead, with its errors above it. */
export function FormSection({
  id,
  title,
  lead,
  failure,
  labels,
  intent,
  submit,
  children,
}: {
  id: string;
  title: string;
  lead: ReactNode;
  failure: FormFailure | undefined;
  labels: Record<string, string>;
  intent: string;
  submit: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead}
      <FormError t={t} failure={failure} />
      <ErrorSummary errors={failure?.fieldErrors} labels={labels} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        {children}
        <div className="actions">
          <button type="submit">{submit}</button>
        </div>
      </Form>
    </section>
  );
}
