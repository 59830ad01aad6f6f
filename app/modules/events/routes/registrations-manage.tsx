// The registrant's own page, reached by the secret link in their mail (no login): their
// registration and place, their details and answers to change, their personal agenda (sessions
// of the program picked into their own calendar), and cancelling. It speaks the language the
// visitor chose with the language switch, if they chose one, else the registration's language
// (marked with lang); the mails stay in the registration's language.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/registrations-manage";
import { getDb } from "../../../db/index.ts";
import { formatCalendarDate, formatDateTime } from "../../../i18n/format.ts";
import { translator } from "../../../i18n/translate.ts";
import { isLocale, type Locale } from "../../../i18n/locales.ts";
import { readCookie } from "../../../platform/cookies.ts";
import { AppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { noStoreHeaders, refusal } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { priceText } from "../registrations-format.ts";
import {
  cancelOwnRegistration,
  getOwnRegistration,
  saveOwnAgenda,
  updateOwnRegistration,
} from "../registrations-service.ts";
import {
  DetailFields,
  QuestionFields,
  detailInput,
  registrationLabels,
} from "../registrations-ui.tsx";
import { formAction } from "./page-handlers.tsx";

export function headers() {
  // The link is a secret: no cache keeps the page, no referrer carries the address away.
  return { ...noStoreHeaders, "Referrer-Policy": "no-referrer" };
}

const notices = ["registered", "saved", "agenda", "cancelled"] as const;

/**
 * The page's language: the visitor's own choice (the language switch's cookie) when they made
 * one, else the language they registered in.
 */
function pageLocale(request: Request, visitorLocale: Locale, registrationLocale: Locale): Locale {
  return isLocale(readCookie(request, "lang")) ? visitorLocale : registrationLocale;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  try {
    const own = await getOwnRegistration(await getDb(), params.token);
    const search = new URL(request.url).searchParams;
    const locale = pageLocale(
      request,
      context.get(requestStateContext).locale,
      own.registration.locale,
    );
    return {
      ...own,
      locale,
      notice: notices.find((name) => search.has(name)) ?? null,
      base: `/registrations/${encodeURIComponent(params.token)}`,
      title: translator(locale)("registrations.own.title", { name: own.event.name }),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData?.title },
  { name: "robots", content: "noindex" },
];

export function action(args: Route.ActionArgs) {
  const here = `/registrations/${args.params.token}`;
  const intentOf = (values: Record<string, string>) => values.intent ?? "details";
  return formAction(args, intentOf, async ({ db, values, formData }) => {
    const intent = intentOf(values);
    if (intent === "cancel") {
      if (values.confirm !== "yes")
        throw new AppError("validation", "form.errorSummary", {
          confirm: ["registrations.error.confirmCancel"],
        });
      await cancelOwnRegistration(db, args.params.token, { version: values.version });
      return redirect(`${here}?cancelled=1`, { headers: noStoreHeaders });
    }
    if (intent === "agenda") {
      const sessionIds = formData.getAll("sessionIds").map(String);
      await saveOwnAgenda(db, args.params.token, { sessionIds });
      return redirect(`${here}?agenda=1#agenda`, { headers: noStoreHeaders });
    }
    await updateOwnRegistration(db, args.params.token, {
      ...detailInput(values),
      version: values.version ?? "",
    });
    return redirect(`${here}?saved=1`, { headers: noStoreHeaders });
  });
}

export default function OwnRegistrationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { registration, event, ticket, questions, waitingPosition, canChange, program, agenda } =
    loaderData;
  const locale = loaderData.locale;
  const t = translator(locale);
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const detailsFailure = failure?.intent === "details" ? failure : undefined;
  const agendaFailure = failure?.intent === "agenda" ? failure : undefined;
  const cancelFailure = failure?.intent === "cancel" ? failure : undefined;
  const values: Record<string, string> = detailsFailure?.values ?? {
    name: registration.name,
    phone: registration.phone,
    organizationName: registration.organizationName,
    school: registration.school,
    invoiceOrganizationNumber: registration.invoiceOrganizationNumber,
    invoiceReference: registration.invoiceReference,
    invoiceAddress: registration.invoiceAddress,
    ...Object.fromEntries(
      Object.entries(registration.answers).map(([id, value]) => [`answers.${id}`, value]),
    ),
  };
  const picked = new Set(agenda);
  const when = registration.validDate
    ? formatCalendarDate(locale, registration.validDate)
    : event.startDate === event.endDate
      ? formatCalendarDate(locale, event.startDate)
      : `${formatCalendarDate(locale, event.startDate)} – ${formatCalendarDate(locale, event.endDate)}`;
  return (
    <section lang={locale}>
      <h1>{t("registrations.own.title", { name: event.name })}</h1>
      {loaderData.notice ? (
        <p className="notice" role="status">
          {t(`registrations.own.notice.${loaderData.notice}`)}
        </p>
      ) : null}
      <p className="lead" role={loaderData.notice ? undefined : "status"}>
        {event.status === "cancelled"
          ? t("registrations.own.eventCancelled")
          : registration.status === "waitlisted"
            ? t("registrations.own.status.waitlisted", { position: waitingPosition ?? 1 })
            : t(`registrations.own.status.${registration.status}`)}
      </p>
      <dl className="facts">
        <dt>{t("registrations.field.name")}</dt>
        <dd>{registration.name}</dd>
        <dt>{t("registrations.field.email")}</dt>
        <dd>{registration.email}</dd>
        <dt>{t("registrations.field.ticketType")}</dt>
        <dd>{ticket.name}</dd>
        <dt>{t("registrations.own.price")}</dt>
        <dd>{priceText(t, locale, registration.price, registration.vatRate, event.currency)}</dd>
        <dt>{t("registrations.own.when")}</dt>
        <dd>{when}</dd>
        <dt>{t("registrations.own.where")}</dt>
        <dd>{[event.venueName, event.venueAddress].filter(Boolean).join(", ") || "–"}</dd>
        <dt>{t("registrations.own.registeredAt")}</dt>
        <dd>{formatDateTime(locale, registration.createdAt, event.timeZone)}</dd>
      </dl>
      <ul className="inline-list">
        <li>
          <Link to={`/events/${event.id}`}>{t("registrations.own.eventPage")}</Link>
        </li>
        {registration.status === "confirmed" && event.status !== "cancelled" ? (
          <li>
            <a href={`${loaderData.base}/event.ics`} download="event.ics">
              {t("registrations.own.eventIcs")}
            </a>
          </li>
        ) : null}
      </ul>

      {registration.status === "confirmed" && event.status !== "cancelled" && program.length > 0 ? (
        <>
          <h2 id="agenda">{t("registrations.agenda.title")}</h2>
          <p>{t("registrations.agenda.lead")}</p>
          {agendaFailure ? <FormError failure={agendaFailure} /> : null}
          {agendaFailure?.fieldErrors.sessionIds ? (
            <p className="field-error" role="alert">
              {agendaFailure.fieldErrors.sessionIds.map((key) => t(key)).join(" ")}
            </p>
          ) : null}
          <Form method="post" className="stacked" aria-labelledby="agenda">
            <CsrfField />
            <input type="hidden" name="intent" value="agenda" />
            {program.map((day) => (
              <fieldset key={day.date}>
                <legend>{formatCalendarDate(locale, day.date)}</legend>
                {day.sessions.length === 0 ? <p>{t("registrations.agenda.noSessions")}</p> : null}
                {day.sessions.map((session) => (
                  <label className="choice" key={session.id}>
                    <input
                      type="checkbox"
                      name="sessionIds"
                      value={session.id}
                      defaultChecked={picked.has(session.id)}
                    />{" "}
                    <span>
                      {session.startTime}–{session.endTime} {session.title}
                      {session.roomName ? ` (${session.roomName})` : ""}
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
            <div className="actions">
              <button type="submit">{t("registrations.agenda.save")}</button>
              {agenda.length ? (
                <a href={`${loaderData.base}/agenda.ics`} download="agenda.ics">
                  {t("registrations.agenda.ics", { count: agenda.length })}
                </a>
              ) : null}
            </div>
          </Form>
        </>
      ) : null}

      {canChange ? (
        <>
          <h2 id="details">{t("registrations.own.change")}</h2>
          <p className="hint">{t("registrations.own.emailFixed")}</p>
          <ErrorSummary
            errors={detailsFailure?.fieldErrors}
            labels={registrationLabels(t, questions)}
          />
          <FormError failure={detailsFailure} />
          <Form method="post" className="stacked" noValidate aria-labelledby="details">
            <CsrfField />
            <input type="hidden" name="intent" value="details" />
            <input type="hidden" name="version" value={registration.version} />
            <DetailFields values={values} errors={detailsFailure?.fieldErrors} withEmail={false} />
            <QuestionFields
              questions={questions}
              values={values}
              errors={detailsFailure?.fieldErrors}
            />
            <div className="actions">
              <button type="submit">{t("action.save")}</button>
            </div>
          </Form>

          <h2 id="cancel">{t("registrations.own.cancelTitle")}</h2>
          <p>
            {t(
              registration.status === "waitlisted"
                ? "registrations.own.cancelWaitingLead"
                : "registrations.own.cancelLead",
            )}
          </p>
          <FormError failure={cancelFailure} />
          <Form method="post" className="stacked" aria-labelledby="cancel">
            <CsrfField />
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="version" value={registration.version} />
            {cancelFailure?.fieldErrors.confirm ? (
              <p className="field-error" id="confirm-error">
                {cancelFailure.fieldErrors.confirm.map((key) => t(key)).join(" ")}
              </p>
            ) : null}
            <label className="choice">
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                aria-describedby={cancelFailure?.fieldErrors.confirm ? "confirm-error" : undefined}
              />{" "}
              {t("registrations.own.cancelConfirm")}
            </label>
            <div className="actions">
              <button type="submit" className="danger">
                {t("registrations.own.cancel")}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
