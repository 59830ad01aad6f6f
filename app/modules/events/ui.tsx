// Components and helpers shared by the events' pages (organizing side and program).
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import { intlTag, type Locale } from "../../i18n/locales.ts";
import type { Translate } from "../../i18n/translate.ts";
import { CsrfField } from "../../ui/csrf.tsx";
import {
  ErrorSummary,
  Field,
  FormError,
  type FormErrors,
  SelectField,
  Options,
  type SelectOption,
} from "../../ui/form.tsx";
import type { FormFailure } from "../../platform/forms.ts";
import { useLocale, useT } from "../../ui/i18n.tsx";
import { timeZones } from "../directory/schema.ts";
import { eventCurrencies, eventKinds, eventLanguages } from "./schema.ts";
import type { EventCan, SpeakerView } from "./service.ts";

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function calendarFormatter(locale: Locale, style: "long" | "weekday"): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let formatter = dayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      intlTag[locale],
      style === "long"
        ? { dateStyle: "long", timeZone: "UTC" }
        : { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
    );
    dayFormatters.set(key, formatter);
  }
  return formatter;
}

function noon(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "14–15 maj 2030", or one day: "14 maj 2030". */
export function formatDateRange(locale: Locale, startDate: string, endDate: string): string {
  const formatter = calendarFormatter(locale, "long");
  if (startDate === endDate) return formatter.format(noon(startDate));
  return formatter.formatRange(noon(startDate), noon(endDate));
}

/** "tisdag 14 maj 2030": a day of the program. */
export function formatDay(locale: Locale, date: string): string {
  return calendarFormatter(locale, "weekday").format(noon(date));
}

export function useDateRange() {
  const locale = useLocale();
  return (startDate: string, endDate: string) => formatDateRange(locale, startDate, endDate);
}

export function useDay() {
  const locale = useLocale();
  return (date: string) => formatDay(locale, date);
}

/** A day of the program with sessions: its heading, and a table of them (`head`: its columns). */
export function ProgramDay({
  date,
  head,
  children,
}: {
  date: string;
  head: ReactNode;
  children: ReactNode;
}) {
  const formatDay = useDay();
  return (
    <section aria-labelledby={`day-${date}`}>
      <h2 id={`day-${date}`}>{formatDay(date)}</h2>
      <div className="table-scroll">
        <table aria-labelledby={`day-${date}`}>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </section>
  );
}

/** Paragraphs of a plain text (blank lines separate them); React escapes the text. */
export function Paragraphs({ text }: { text: string }) {
  if (!text.trim()) return null;
  return (
    <div className="description">
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index} className="prewrap">
          {paragraph}
        </p>
      ))}
    </div>
  );
}

/** Links to the event's management pages, for those who edit it. */
export function ManageLinks({ eventId, can }: { eventId: string; can: EventCan }) {
  const t = useT();
  if (!can.edit) return null;
  const links: [string, string][] = [
    ["edit", "action.edit"],
    ["sessions", "events.page.manageSessions"],
    ["speakers", "events.page.manageSpeakers"],
    ["rooms", "events.page.manageRooms"],
    ["tracks", "events.page.manageTracks"],
    ["tickets", "registrations.link.tickets"],
    ["registrations", "registrations.link.registrations"],
    ["budget", "events.page.manageBudget"],
  ];
  if (can.organize)
    links.push(
      ["organizers", "events.page.manageOrganizers"],
      ["committees", "events.page.manageCommittees"],
    );
  return (
    <nav aria-labelledby="manage-event">
      <h2 id="manage-event" className="visually-hidden">
        {t("events.page.manage")}
      </h2>
      <ul className="inline-list">
        {links.map(([path, label]) => (
          <li key={path}>
            <Link to={`/events/${eventId}/${path}`}>{t(label)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Up, down and remove buttons of a row in an ordered list (one form, three intents). */
export function OrderButtons({
  id,
  name,
  index,
  count,
  removable = true,
}: {
  id: string;
  name: string;
  index: number;
  count: number;
  removable?: boolean;
}) {
  const t = useT();
  return (
    <Form method="post" className="inline">
      <CsrfField />
      <input type="hidden" name="rowId" value={id} />
      <button
        type="submit"
        name="intent"
        value="up"
        className="secondary"
        disabled={index === 0}
        aria-label={t("events.moveUpNamed", { name })}
      >
        {t("events.moveUp")}
      </button>{" "}
      <button
        type="submit"
        name="intent"
        value="down"
        className="secondary"
        disabled={index === count - 1}
        aria-label={t("events.moveDownNamed", { name })}
      >
        {t("events.moveDown")}
      </button>{" "}
      {removable ? (
        <button
          type="submit"
          name="intent"
          value="remove"
          className="danger"
          aria-label={t("events.removeNamed", { name })}
        >
          {t("action.delete")}
        </button>
      ) : null}
    </Form>
  );
}

/**
 * A field of a table row's form (by the `form` attribute, as a form cannot wrap a table row),
 * labelled for screen readers, with its errors.
 */
export function RowField({
  form,
  name,
  label,
  defaultValue,
  errors,
  type = "text",
}: {
  form: string;
  name: string;
  label: string;
  defaultValue?: string | number | null;
  errors: FormErrors;
  type?: string;
}) {
  const t = useT();
  const id = `${form}-${name}`;
  const messages = errors?.[name] ?? [];
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      {messages.length ? (
        <p className="field-error" id={`${id}-error`}>
          {messages.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
      <input
        id={id}
        form={form}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={messages.length ? `${id}-error` : undefined}
      />
    </>
  );
}

/** A notice after a redirect (`?saved`, `?removed`, `?moved`…). */
export function Notice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="notice" role="status">
      {text}
    </p>
  );
}

/** A management page: the way back, the title, a lead, the notice of the last change. */
export function ManagePage({
  back,
  backLabel,
  title,
  lead,
  notice,
  children,
}: {
  back: string;
  backLabel?: string;
  title: string;
  lead?: ReactNode;
  notice: string | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <section>
      <p>
        <Link to={back}>{backLabel ?? t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      {lead}
      <Notice text={notice ? t(notice) : null} />
      {children}
    </section>
  );
}

/**
 * An ordered list of rows as a table, each row with a form of its own: `cells` are the row's
 * cells before its actions (save, move, remove), and point their fields to the form `formId`.
 */
export function EditableRows<Row extends { id: string; version?: number }>({
  rows,
  formPrefix,
  columns,
  empty,
  labelledBy,
  nameOf,
  cells,
}: {
  rows: Row[];
  formPrefix: string;
  columns: string[];
  empty: string;
  labelledBy?: string;
  nameOf: (row: Row) => string;
  cells: (row: Row, formId: string) => ReactNode;
}) {
  const t = useT();
  if (!rows.length) return <p>{empty}</p>;
  return (
    <div className="table-scroll">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">{t("events.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const formId = `${formPrefix}-${row.id}`;
            return (
              <tr key={row.id} id={`row-${row.id}`}>
                {cells(row, formId)}
                <td>
                  <RowActions
                    form={formId}
                    id={row.id}
                    version={row.version}
                    name={nameOf(row)}
                    index={index}
                    count={rows.length}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A table row's actions: save the row's form (its fields point to it) with the version shown,
 * move, remove.
 */
function RowActions({
  form,
  id,
  version,
  name,
  index,
  count,
}: {
  form: string;
  id: string;
  version: number | undefined;
  name: string;
  index: number;
  count: number;
}) {
  const t = useT();
  return (
    <>
      <Form method="post" id={form} className="inline">
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="rowId" value={id} />
        {version === undefined ? null : <input type="hidden" name="version" value={version} />}
        <button type="submit" aria-label={t("events.saveNamed", { name })}>
          {t("action.save")}
        </button>
      </Form>{" "}
      <OrderButtons id={id} name={name} index={index} count={count} />
    </>
  );
}

/** A choice of a table row's form, labelled for screen readers (see `RowField`). */
export function RowSelect({
  form,
  name,
  label,
  defaultValue,
  options,
}: {
  form: string;
  name: string;
  label: string;
  defaultValue: string;
  options: readonly SelectOption[];
}) {
  const id = `${form}-${name}`;
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <select id={id} name={name} form={form} defaultValue={defaultValue}>
        <Options options={options} />
      </select>
    </>
  );
}

/**
 * The form that adds a row under its heading (which names it and its button), with its errors;
 * `intro` stands between the heading and the form (say, a search for what to add).
 */
export function AddForm({
  id,
  title,
  intent,
  failure,
  labels,
  intro,
  children,
}: {
  id: string;
  title: string;
  intent?: string;
  failure: FormFailure | undefined;
  labels: Record<string, string>;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <h2 id={id}>{title}</h2>
      {intro}
      <ErrorSummary errors={failure?.fieldErrors} labels={labels} />
      <FormError failure={failure} />
      <Form method="post" className="stacked" noValidate aria-labelledby={id}>
        <CsrfField />
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        {children}
        <div className="actions">
          <button type="submit">{title}</button>
        </div>
      </Form>
    </>
  );
}

/** The failure of the form of one row (by its `rowId`). */
export function failureOfRow(failure: FormFailure | undefined, rowId: string) {
  return failure?.values.rowId === rowId ? failure : undefined;
}

/**
 * The message of a row's failed form. A stale save (someone else saved the row meanwhile) says
 * so and shows the row as saved now (`describe`); the row's fields keep what was typed, and the
 * row's form now carries the saved version, so saving again overwrites it.
 */
export function RowFailure<Row extends { id: string }>({
  failure,
  rows,
  describe,
}: {
  failure: FormFailure | undefined;
  rows: readonly Row[];
  describe: (row: Row) => string;
}) {
  const t = useT();
  if (failure?.formError !== "error.conflict") return <FormError failure={failure} />;
  const saved = rows.find((row) => row.id === failure.values.rowId);
  return (
    <FormError failure={{ formError: "events.staleSave" }}>
      {saved ? <p>{`${t("events.edit.savedVersion")}: ${describe(saved)}`}</p> : null}
    </FormError>
  );
}

/** A page's failed form: the one that adds (`add`), or one of its rows (any other intent). */
export function failuresOf(failure: FormFailure | undefined) {
  return {
    failure,
    addFailure: failure?.intent === "add" ? failure : undefined,
    rowFailure: failure && failure.intent !== "add" ? failure : undefined,
  };
}

export type EventFormValues = Partial<
  Record<
    | "leadOrganizationId"
    | "kind"
    | "name"
    | "description"
    | "startDate"
    | "endDate"
    | "timeZone"
    | "language"
    | "currency"
    | "venueName"
    | "venueAddress"
    | "capacity"
    | "retentionDate"
    | "mcSpeakerId",
    string
  >
>;

export function eventLabels(t: Translate): Record<string, string> {
  return {
    leadOrganizationId: t("events.field.lead"),
    kind: t("events.field.kind"),
    name: t("events.field.name"),
    description: t("events.field.description"),
    startDate: t("events.field.startDate"),
    endDate: t("events.field.endDate"),
    timeZone: t("events.field.timeZone"),
    language: t("events.field.language"),
    currency: t("events.field.currency"),
    venueName: t("events.field.venueName"),
    venueAddress: t("events.field.venueAddress"),
    capacity: t("events.field.capacity"),
    retentionDate: t("events.field.retentionDate"),
    mcSpeakerId: t("events.field.mc"),
    status: t("events.field.status"),
  };
}

/** The event form's fields (new and edit); the lead on the new form, the MC on the edit form. */
export function EventFields({
  values,
  errors,
  leads,
  speakers,
}: {
  values: EventFormValues;
  errors: FormErrors;
  leads?: { id: string; name: string }[];
  speakers?: SpeakerView[];
}) {
  const t = useT();
  return (
    <>
      {leads ? (
        <SelectField
          name="leadOrganizationId"
          label={t("events.field.lead")}
          hint={t("events.field.leadHint")}
          required
          errors={errors}
          defaultValue={values.leadOrganizationId}
          empty={t("events.choose")}
          options={leads.map((lead) => ({ value: lead.id, label: lead.name }))}
        />
      ) : null}
      <SelectField
        name="kind"
        label={t("events.field.kind")}
        required
        errors={errors}
        defaultValue={values.kind ?? "conference"}
        options={eventKinds.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`) }))}
      />
      <Field
        name="name"
        label={t("events.field.name")}
        required
        errors={errors}
        defaultValue={values.name}
      />
      <Field name="description" label={t("events.field.description")} errors={errors}>
        {(props) => <textarea {...props} rows={6} defaultValue={values.description ?? ""} />}
      </Field>
      <Field
        name="startDate"
        type="date"
        label={t("events.field.startDate")}
        hint={t("events.field.dateHint")}
        required
        errors={errors}
        defaultValue={values.startDate}
      />
      <Field
        name="endDate"
        type="date"
        label={t("events.field.endDate")}
        hint={t("events.field.dateHint")}
        required
        errors={errors}
        defaultValue={values.endDate}
      />
      <Field
        name="venueName"
        label={t("events.field.venueName")}
        errors={errors}
        defaultValue={values.venueName}
      />
      <Field
        name="venueAddress"
        label={t("events.field.venueAddress")}
        errors={errors}
        defaultValue={values.venueAddress}
        autoComplete="off"
      />
      <SelectField
        name="timeZone"
        label={t("events.field.timeZone")}
        errors={errors}
        defaultValue={values.timeZone ?? "Europe/Stockholm"}
        options={timeZones.map((zone) => ({ value: zone, label: zone }))}
      />
      <SelectField
        name="language"
        label={t("events.field.language")}
        errors={errors}
        defaultValue={values.language ?? "sv"}
        options={eventLanguages.map((language) => ({
          value: language,
          label: t(`events.language.${language}`),
        }))}
      />
      <SelectField
        name="currency"
        label={t("events.field.currency")}
        errors={errors}
        defaultValue={values.currency ?? "SEK"}
        options={eventCurrencies.map((currency) => ({ value: currency, label: currency }))}
      />
      <Field
        name="capacity"
        type="number"
        label={t("events.field.capacity")}
        hint={t("events.field.capacityHint")}
        errors={errors}
        defaultValue={values.capacity}
      />
      <Field
        name="retentionDate"
        type="date"
        label={t("events.field.retentionDate")}
        hint={t("events.field.retentionHint")}
        errors={errors}
        defaultValue={values.retentionDate}
      />
      {speakers ? (
        <SelectField
          name="mcSpeakerId"
          label={t("events.field.mc")}
          hint={t("events.field.mcHint")}
          errors={errors}
          defaultValue={values.mcSpeakerId}
          empty={t("events.noChoice")}
          options={speakers.map((speaker) => ({
            value: speaker.id,
            label: speaker.organizationName
              ? `${speaker.name} (${speaker.organizationName})`
              : speaker.name,
          }))}
        />
      ) : null}
    </>
  );
}

/** The event form's values as the service takes them (empty optional fields: absent or null). */
export function eventInput(values: Record<string, string>) {
  const optional = (name: string) => (values[name] ? values[name] : undefined);
  const nullable = (name: string) => (values[name] ? values[name] : null);
  return {
    kind: values.kind ?? "",
    name: values.name ?? "",
    description: values.description ?? "",
    startDate: values.startDate ?? "",
    endDate: values.endDate ?? "",
    timeZone: optional("timeZone"),
    language: optional("language"),
    currency: optional("currency"),
    venueName: values.venueName ?? "",
    venueAddress: values.venueAddress ?? "",
    capacity: nullable("capacity"),
    retentionDate: nullable("retentionDate"),
  };
}
