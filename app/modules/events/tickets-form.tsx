// The ticket type form of the organizer's pages: fields, and the conversion between what people
// type (kronor with a decimal comma, local dates and times in the event's zone) and the service's
// input (minor units, instants). Text that cannot be read is passed on as it is, so the schema
// refuses it with its message next to the field and the form keeps what was typed.
import { Field, type FormErrors, SelectField } from "../../ui/form.tsx";
import { useLocale, useT } from "../../ui/i18n.tsx";
import { formatCalendarDate } from "../../i18n/format.ts";
import { isLocalDate, utcToZoned, zonedToUtc } from "../../platform/time.ts";
import { vatRates } from "./registrations-schemas.ts";
import { eventDays } from "./rules.ts";
import { ticketEligibilities } from "./tickets-schema.ts";
import type { TicketTypeView } from "./tickets-service.ts";

/** "2 500", "2500,50", "1 950 kr" → minor units as text; unreadable text is returned as is. */
export function minorUnits(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const compact = text
    .replace(/\s|\u00a0/g, "")
    .replace(/(kr|sek|nok|:-)$/i, "")
    .replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(compact)) return text;
  return String(Math.round(Number(compact) * 100));
}

/** Minor units as the form shows them: "2500" or "2500,50". */
export function kronorText(minor: number | null): string {
  if (minor === null) return "";
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2).replace(".", ",");
}

/** "2030-01-10T09:00" in the event's zone → an ISO instant; unreadable text as is. */
export function instantOf(text: string | undefined, timeZone: string): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/.exec(text.trim());
  if (!match || !isLocalDate(match[1]!)) return text;
  return zonedToUtc(match[1]!, match[2]!, timeZone).toISOString();
}

export function localInputOf(value: Date | null, timeZone: string): string {
  if (!value) return "";
  const local = utcToZoned(value, timeZone);
  return `${local.date}T${local.time}`;
}

export type TicketFormValues = Record<string, string>;

export function ticketFormValues(ticket: TicketTypeView, timeZone: string): TicketFormValues {
  return {
    name: ticket.name,
    description: ticket.description,
    price: kronorText(ticket.price),
    vatRate: String(ticket.vatRate),
    earlyBirdPrice: kronorText(ticket.earlyBirdPrice),
    earlyBirdUntil: ticket.earlyBirdUntil ?? "",
    salesStart: localInputOf(ticket.salesStart, timeZone),
    salesEnd: localInputOf(ticket.salesEnd, timeZone),
    capacity: ticket.capacity === null ? "" : String(ticket.capacity),
    eligibility: ticket.eligibility,
    validDate: ticket.validDate ?? "",
    invitationOnly: ticket.invitationOnly ? "yes" : "",
  };
}

/**
 * The service's input from the form. For a create, empty fields are left out; for an update they
 * clear the value (null).
 */
export function ticketInput(values: TicketFormValues, timeZone: string, mode: "create" | "update") {
  const empty = mode === "create" ? undefined : null;
  const orEmpty = <T,>(value: T | undefined) => (value === undefined ? empty : value);
  return {
    name: values.name ?? "",
    description: values.description ?? "",
    // Required: an empty price is refused (not read as 0) with the price's message.
    price: minorUnits(values.price) ?? "missing",
    vatRate: values.vatRate || undefined,
    earlyBirdPrice: orEmpty(minorUnits(values.earlyBirdPrice)),
    earlyBirdUntil: orEmpty(values.earlyBirdUntil || undefined),
    salesStart: orEmpty(instantOf(values.salesStart, timeZone)),
    salesEnd: orEmpty(instantOf(values.salesEnd, timeZone)),
    capacity: orEmpty(values.capacity || undefined),
    eligibility: values.eligibility || undefined,
    validDate: orEmpty(values.validDate || undefined),
    invitationOnly: values.invitationOnly === "yes",
  };
}

export function ticketLabels(t: (key: string) => string) {
  return {
    name: t("tickets.field.name"),
    description: t("tickets.field.description"),
    price: t("tickets.field.price"),
    vatRate: t("tickets.field.vatRate"),
    earlyBirdPrice: t("tickets.field.earlyBirdPrice"),
    earlyBirdUntil: t("tickets.field.earlyBirdUntil"),
    salesStart: t("tickets.field.salesStart"),
    salesEnd: t("tickets.field.salesEnd"),
    capacity: t("tickets.field.capacity"),
    eligibility: t("tickets.field.eligibility"),
    validDate: t("tickets.field.validDate"),
    invitationOnly: t("tickets.field.invitationOnly"),
  };
}

export function TicketFields({
  values,
  errors,
  event,
}: {
  values: TicketFormValues;
  errors: FormErrors;
  event: { startDate: string; endDate: string; currency: string; timeZone: string };
}) {
  const t = useT();
  const locale = useLocale();
  const labels = ticketLabels(t);
  return (
    <>
      <Field name="name" label={labels.name} required errors={errors} defaultValue={values.name} />
      <Field name="description" label={labels.description} errors={errors}>
        {(props) => <textarea {...props} rows={2} defaultValue={values.description ?? ""} />}
      </Field>
      <Field
        name="price"
        label={labels.price}
        hint={t("tickets.field.priceHint", { currency: event.currency })}
        required
        errors={errors}
        defaultValue={values.price}
      />
      <Field name="vatRate" label={labels.vatRate} errors={errors}>
        {(props) => (
          <select {...props} defaultValue={values.vatRate || "2500"}>
            {vatRates.map((rate) => (
              <option key={rate} value={rate}>
                {rate / 100} %
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>{t("tickets.earlyBird.legend")}</legend>
        <Field
          name="earlyBirdPrice"
          label={labels.earlyBirdPrice}
          hint={t("tickets.field.earlyBirdPriceHint")}
          errors={errors}
          defaultValue={values.earlyBirdPrice}
        />
        <Field
          name="earlyBirdUntil"
          type="date"
          label={labels.earlyBirdUntil}
          hint={t("tickets.field.earlyBirdUntilHint")}
          errors={errors}
          defaultValue={values.earlyBirdUntil}
        />
      </fieldset>
      <fieldset>
        <legend>{t("tickets.sales.legend")}</legend>
        <p className="hint">{t("tickets.sales.hint", { zone: event.timeZone })}</p>
        <Field
          name="salesStart"
          type="datetime-local"
          label={labels.salesStart}
          errors={errors}
          defaultValue={values.salesStart}
        />
        <Field
          name="salesEnd"
          type="datetime-local"
          label={labels.salesEnd}
          errors={errors}
          defaultValue={values.salesEnd}
        />
      </fieldset>
      <Field
        name="capacity"
        type="number"
        label={labels.capacity}
        hint={t("tickets.field.capacityHint")}
        errors={errors}
        defaultValue={values.capacity}
      />
      <SelectField
        name="eligibility"
        label={labels.eligibility}
        hint={t("tickets.field.eligibilityHint")}
        errors={errors}
        defaultValue={values.eligibility || "anyone"}
        options={ticketEligibilities.map((eligibility) => ({
          value: eligibility,
          label: t(`tickets.eligibility.${eligibility}`),
        }))}
      />
      <SelectField
        name="validDate"
        label={labels.validDate}
        errors={errors}
        defaultValue={values.validDate}
        empty={t("tickets.validDate.all")}
        options={eventDays(event.startDate, event.endDate).map((day) => ({
          value: day,
          label: formatCalendarDate(locale, day),
        }))}
      />
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            name="invitationOnly"
            value="yes"
            defaultChecked={values.invitationOnly === "yes"}
            aria-describedby="invitation-only-hint"
          />{" "}
          {labels.invitationOnly}
        </label>
        <span className="hint" id="invitation-only-hint">
          {t("tickets.field.invitationOnlyHint")}
        </span>
      </div>
    </>
  );
}
