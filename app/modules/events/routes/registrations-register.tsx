// The public registration form: /events/:id/register. No login and no JavaScript needed; a
// refusal comes back with messages next to the fields and everything typed kept. A sold-out
// ticket still takes registrations: they go on the waiting list, and the form says so.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/registrations-register";
import { formatCalendarDate } from "../../../i18n/format.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { clientAddressContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, FormError } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { ticketPriceLines } from "../registrations-format.ts";
import {
  getRegistrationForm,
  register,
  resendRegistrationLinks,
} from "../registrations-service.ts";
import {
  answersFrom,
  DetailFields,
  QuestionFields,
  registrationLabels,
  ticketFacts,
} from "../registrations-ui.tsx";
import { useDateRange } from "../ui.tsx";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { formAction } from "./page-handlers.tsx";

export function headers() {
  // Places left change by the minute, and the form carries the visitor's CSRF token.
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, t }) => {
    const form = await getRegistrationForm(db, actor, args.params.id);
    return {
      ...form,
      linkSent: new URL(args.request.url).searchParams.has("linkSent"),
      title: t("registrations.register.title", { name: form.event.name }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  const intentOf = (values: Record<string, string>) =>
    values.intent === "resend" ? "resend" : "register";
  return formAction(args, intentOf, async ({ db, actor, locale, values }) => {
    if (intentOf(values) === "resend") {
      // The same answer whether or not the address is registered.
      await resendRegistrationLinks(
        db,
        actor,
        args.params.id,
        { email: values.email ?? "" },
        { address: args.context.get(clientAddressContext) },
      );
      return redirect(`/events/${encodeURIComponent(args.params.id)}/register?linkSent=1#resend`, {
        headers: noStoreHeaders,
      });
    }
    const optional = (name: string) => values[name] || undefined;
    const { token } = await register(db, actor, args.params.id, {
      ticketTypeId: values.ticketTypeId ?? "",
      invitationCode: optional("invitationCode"),
      name: values.name ?? "",
      email: values.email ?? "",
      phone: optional("phone"),
      organizationName: optional("organizationName"),
      school: optional("school"),
      invoiceOrganizationNumber: optional("invoiceOrganizationNumber"),
      invoiceReference: optional("invoiceReference"),
      invoiceAddress: optional("invoiceAddress"),
      answers: answersFrom(values),
      consent: (values.consent === "yes") as true,
      locale,
    });
    return redirect(`/registrations/${token}?registered=1`, { headers: noStoreHeaders });
  });
}

export default function RegisterPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, state, tickets, questions, today, canEdit, title } = loaderData;
  const t = useT();
  const locale = useLocale();
  const dateRange = useDateRange();
  const anyFailure = actionData && !actionData.ok ? actionData : undefined;
  const failure = anyFailure?.intent === "resend" ? undefined : anyFailure;
  const resendFailure = anyFailure?.intent === "resend" ? anyFailure : undefined;
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors;
  const labels = registrationLabels(t, questions);
  const ticketError = errors?.ticketTypeId;
  const consentError = errors?.consent;
  const selectable = tickets.filter((ticket) => ticket.salesState === "open");
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">
        {dateRange(event.startDate, event.endDate)}
        {event.venueName ? ` · ${event.venueName}` : ""}
      </p>
      {state !== "open" ? (
        <p className="notice" role="status">
          {t(`registrations.register.state.${state}`)}
        </p>
      ) : null}
      {canEdit ? (
        <p>
          <Link to={`/events/${event.id}/tickets`}>
            {t("registrations.register.manageTickets")}
          </Link>
        </p>
      ) : null}
      {state === "open" && tickets.length === 0 ? (
        <p>{t("registrations.register.noTickets")}</p>
      ) : null}
      {state === "open" && tickets.length > 0 ? (
        <>
          <ErrorSummary errors={errors} labels={labels} />
          <FormError failure={failure} />
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <fieldset
              aria-describedby={ticketError ? "ticket-error" : "ticket-hint"}
              aria-invalid={ticketError ? true : undefined}
            >
              <legend>
                {t("registrations.field.ticketType")}
                <span className="visually-hidden"> ({t("form.required")})</span>
                <span aria-hidden="true"> *</span>
              </legend>
              <p className="hint" id="ticket-hint">
                {t("registrations.register.ticketHint")}
              </p>
              {ticketError ? (
                <p className="field-error" id="ticket-error">
                  {ticketError.map((key) => t(key)).join(" ")}
                </p>
              ) : null}
              {tickets.map((ticket) => {
                const facts = ticketFacts(t, locale, ticket);
                const [priceNow, ...priceLater] = ticketPriceLines(
                  t,
                  locale,
                  ticket,
                  event.currency,
                  today,
                  (date) => formatCalendarDate(locale, date),
                );
                const id = `ticket-${ticket.id}`;
                return (
                  <div className="field" key={ticket.id}>
                    <span className="choice">
                      <input
                        type="radio"
                        id={id}
                        name="ticketTypeId"
                        value={ticket.id}
                        disabled={ticket.salesState !== "open"}
                        defaultChecked={
                          values.ticketTypeId === ticket.id ||
                          (!values.ticketTypeId &&
                            selectable.length === 1 &&
                            selectable[0]!.id === ticket.id)
                        }
                        aria-describedby={`${id}-facts`}
                      />
                      <label htmlFor={id}>
                        <strong>{ticket.name}</strong>
                        {" – "}
                        {priceNow}
                      </label>
                    </span>
                    <span className="hint" id={`${id}-facts`}>
                      {[...priceLater, ticket.description, ...facts].filter(Boolean).join(" · ")}
                    </span>
                  </div>
                );
              })}
            </fieldset>
            <Field
              name="invitationCode"
              label={t("registrations.field.invitationCode")}
              hint={t("registrations.field.invitationCodeHint")}
              errors={errors}
              defaultValue={values.invitationCode}
            />
            <DetailFields values={values} errors={errors} withEmail />
            <QuestionFields questions={questions} values={values} errors={errors} />
            <fieldset
              aria-describedby={consentError ? "consent-error" : undefined}
              aria-invalid={consentError ? true : undefined}
            >
              <legend>{t("registrations.field.consent")}</legend>
              <p id="consent-text">
                {t(
                  event.retentionDate
                    ? "registrations.consent.textUntil"
                    : "registrations.consent.text",
                  {
                    event: event.name,
                    date: event.retentionDate
                      ? formatCalendarDate(locale, event.retentionDate)
                      : "",
                  },
                )}
              </p>
              {consentError ? (
                <p className="field-error" id="consent-error">
                  {consentError.map((key) => t(key)).join(" ")}
                </p>
              ) : null}
              <label className="choice">
                <input
                  type="checkbox"
                  name="consent"
                  value="yes"
                  required
                  defaultChecked={values.consent === "yes"}
                  aria-describedby="consent-text"
                />{" "}
                {t("registrations.consent.agree")}
              </label>
            </fieldset>
            <div className="actions">
              <button type="submit">{t("registrations.register.submit")}</button>
            </div>
          </Form>
        </>
      ) : null}
      {event.status !== "draft" ? (
        <>
          <h2 id="resend">{t("registrations.resend.title")}</h2>
          {loaderData.linkSent ? (
            <p className="notice" role="status">
              {t("registrations.resend.sent")}
            </p>
          ) : null}
          <p>{t("registrations.resend.lead")}</p>
          <FormError failure={resendFailure} />
          <Form method="post" className="stacked" noValidate aria-labelledby="resend">
            <CsrfField />
            <input type="hidden" name="intent" value="resend" />
            <Field
              name="email"
              type="email"
              autoComplete="email"
              label={t("registrations.resend.email")}
              required
              errors={resendFailure?.fieldErrors}
              defaultValue={resendFailure?.values.email}
            />
            <div className="actions">
              <button type="submit">{t("registrations.resend.submit")}</button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
