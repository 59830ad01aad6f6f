// Components shared by the pages of tickets and registrations: prices, a ticket's facts, the
// registrant's details and invoice fields, the organizer's questions as form fields, statuses.
import { useId } from "react";
import { formatCalendarDate } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/translate.ts";
import { Field, type FormErrors } from "../../ui/form.tsx";
import { useLocale, useT } from "../../ui/i18n.tsx";
import { formatMoney, priceText, ticketPriceLines } from "./registrations-format.ts";
import type { QuestionView, TicketTypeView } from "./tickets-service.ts";

/** The price today before VAT with the VAT, and the ordinary price after an early bird. */
export function TicketPrice({
  ticket,
  currency,
  today,
}: {
  ticket: TicketTypeView;
  currency: string;
  today: string;
}) {
  const t = useT();
  const locale = useLocale();
  const lines = ticketPriceLines(t, locale, ticket, currency, today, (date) =>
    formatCalendarDate(locale, date),
  );
  return (
    <>
      {lines.map((line, index) => (
        <span key={index} className={index === 0 ? undefined : "hint"}>
          {index > 0 ? " " : null}
          {line}
        </span>
      ))}
    </>
  );
}

/** What limits a ticket: student, one day, by invitation, its sales window, places left. */
export function ticketFacts(
  t: Translate,
  locale: "sv" | "nb" | "en",
  ticket: TicketTypeView,
): string[] {
  const facts: string[] = [];
  if (ticket.eligibility === "student") facts.push(t("tickets.fact.student"));
  if (ticket.validDate)
    facts.push(t("tickets.fact.oneDay", { date: formatCalendarDate(locale, ticket.validDate) }));
  if (ticket.invitationOnly) facts.push(t("tickets.fact.invitation"));
  if (ticket.salesState === "not_started" && ticket.salesStart)
    facts.push(
      t("tickets.fact.salesFrom", {
        date: formatCalendarDate(locale, ticket.salesStart.toISOString().slice(0, 10)),
      }),
    );
  if (ticket.salesState === "ended") facts.push(t("tickets.fact.salesEnded"));
  if (ticket.salesState === "open") {
    if (ticket.placesLeft === 0) facts.push(t("tickets.fact.full"));
    else if (ticket.placesLeft !== null && ticket.placesLeft <= 20)
      facts.push(t("tickets.fact.placesLeft", { count: ticket.placesLeft }));
  }
  return facts;
}

export function moneyText(locale: "sv" | "nb" | "en", minor: number, currency: string) {
  return formatMoney(locale, minor, currency);
}

export { priceText };

export type DetailValues = Partial<
  Record<
    | "name"
    | "email"
    | "phone"
    | "organizationName"
    | "school"
    | "invoiceOrganizationNumber"
    | "invoiceReference"
    | "invoiceAddress",
    string
  >
>;

/** Labels of the registration form's fields, for the error summary. */
export function registrationLabels(
  t: Translate,
  questions: readonly QuestionView[],
): Record<string, string> {
  return {
    ticketTypeId: t("registrations.field.ticketType"),
    invitationCode: t("registrations.field.invitationCode"),
    name: t("registrations.field.name"),
    email: t("registrations.field.email"),
    phone: t("registrations.field.phone"),
    organizationName: t("registrations.field.organizationName"),
    school: t("registrations.field.school"),
    invoiceOrganizationNumber: t("registrations.field.invoiceOrganizationNumber"),
    invoiceReference: t("registrations.field.invoiceReference"),
    invoiceAddress: t("registrations.field.invoiceAddress"),
    consent: t("registrations.field.consent"),
    ...Object.fromEntries(questions.map((question) => [`answers.${question.id}`, question.label])),
  };
}

/** Name, contact, organization, school and the invoice details. */
export function DetailFields({
  values,
  errors,
  withEmail,
}: {
  values: DetailValues;
  errors: FormErrors;
  withEmail: boolean;
}) {
  const t = useT();
  return (
    <>
      <Field
        name="name"
        label={t("registrations.field.name")}
        required
        autoComplete="name"
        errors={errors}
        defaultValue={values.name}
      />
      {withEmail ? (
        <Field
          name="email"
          type="email"
          label={t("registrations.field.email")}
          hint={t("registrations.field.emailHint")}
          required
          autoComplete="email"
          errors={errors}
          defaultValue={values.email}
        />
      ) : null}
      <Field
        name="phone"
        type="tel"
        label={t("registrations.field.phone")}
        autoComplete="tel"
        errors={errors}
        defaultValue={values.phone}
      />
      <Field
        name="organizationName"
        label={t("registrations.field.organizationName")}
        autoComplete="organization"
        errors={errors}
        defaultValue={values.organizationName}
      />
      <Field
        name="school"
        label={t("registrations.field.school")}
        hint={t("registrations.field.schoolHint")}
        errors={errors}
        defaultValue={values.school}
      />
      <fieldset>
        <legend>{t("registrations.invoice.legend")}</legend>
        <p className="hint">{t("registrations.invoice.hint")}</p>
        <Field
          name="invoiceOrganizationNumber"
          label={t("registrations.field.invoiceOrganizationNumber")}
          hint={t("registrations.field.invoiceOrganizationNumberHint")}
          errors={errors}
          defaultValue={values.invoiceOrganizationNumber}
        />
        <Field
          name="invoiceReference"
          label={t("registrations.field.invoiceReference")}
          hint={t("registrations.field.invoiceReferenceHint")}
          errors={errors}
          defaultValue={values.invoiceReference}
        />
        <Field
          name="invoiceAddress"
          label={t("registrations.field.invoiceAddress")}
          errors={errors}
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              autoComplete="street-address"
              defaultValue={values.invoiceAddress ?? ""}
            />
          )}
        </Field>
      </fieldset>
    </>
  );
}

/** The organizer's questions: free text, or one choice among options (radio buttons). */
export function QuestionFields({
  questions,
  values,
  errors,
}: {
  questions: readonly QuestionView[];
  values: Record<string, string>;
  errors: FormErrors;
}) {
  const t = useT();
  if (questions.length === 0) return null;
  return (
    <fieldset>
      <legend>{t("registrations.questions.legend")}</legend>
      {questions.map((question) => {
        const name = `answers.${question.id}`;
        if (question.kind === "text")
          return (
            <Field
              key={question.id}
              name={name}
              label={question.label}
              required={question.required}
              errors={errors}
            >
              {(props) => <textarea {...props} rows={2} defaultValue={values[name] ?? ""} />}
            </Field>
          );
        return (
          <ChoiceQuestion
            key={question.id}
            question={question}
            value={values[name]}
            errors={errors?.[name]}
          />
        );
      })}
    </fieldset>
  );
}

function ChoiceQuestion({
  question,
  value,
  errors,
}: {
  question: QuestionView;
  value: string | undefined;
  errors: string[] | undefined;
}) {
  const t = useT();
  const id = useId();
  const name = `answers.${question.id}`;
  return (
    <fieldset
      aria-describedby={errors?.length ? `${id}-error` : undefined}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend>
        {question.label}
        {question.required ? (
          <>
            <span className="visually-hidden"> ({t("form.required")})</span>
            <span aria-hidden="true"> *</span>
          </>
        ) : null}
      </legend>
      {errors?.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
      {question.required ? null : (
        <label className="choice">
          <input type="radio" name={name} value="" defaultChecked={!value} />{" "}
          {t("registrations.questions.noAnswer")}
        </label>
      )}
      {question.options.map((option) => (
        <label className="choice" key={option}>
          <input type="radio" name={name} value={option} defaultChecked={value === option} />{" "}
          {option}
        </label>
      ))}
    </fieldset>
  );
}

/** The answers a form sent, by question id (fields named answers.<id>). */
export function answersFrom(values: Record<string, string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [key, value] of Object.entries(values))
    if (key.startsWith("answers.")) answers[key.slice("answers.".length)] = value;
  return answers;
}

/** The form's values of a registration's details, for showing them in a form. */
export function detailInput(values: Record<string, string>) {
  const text = (name: string) => values[name] ?? "";
  return {
    name: text("name"),
    phone: text("phone"),
    organizationName: text("organizationName"),
    school: text("school"),
    invoiceOrganizationNumber: text("invoiceOrganizationNumber"),
    invoiceReference: text("invoiceReference"),
    invoiceAddress: text("invoiceAddress"),
    answers: answersFrom(values),
  };
}
