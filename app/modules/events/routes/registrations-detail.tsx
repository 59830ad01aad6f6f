// One registration for the organizers: /events/:id/registrations/:registrationId. Every detail
// and answer, and cancelling it (the registrant is mailed; the next in line moves up).
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/registrations-detail";
import { getDb } from "../../../db/index.ts";
import { formatCalendarDate, formatDateTime } from "../../../i18n/format.ts";
import { translator } from "../../../i18n/translate.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { priceText } from "../registrations-format.ts";
import {
  cancelRegistration,
  getRegistration,
  registrationOverview,
} from "../registrations-service.ts";
import { FormError, Notice } from "../ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const db = await getDb();
    const registration = await getRegistration(db, actor, params.id, params.registrationId);
    const overview = await registrationOverview(db, actor, params.id);
    const t = translator(locale);
    return {
      title: t("registrations.detail.title", {
        name: registration.erasedAt ? t("registrations.list.erasedName") : registration.name,
      }),
      registration,
      event: overview.event,
      questions: overview.questions,
      cancelled: new URL(request.url).searchParams.has("cancelled"),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    await cancelRegistration(await getDb(), actor, params.id, params.registrationId, {
      version: values.version,
    });
    return redirect(`/events/${params.id}/registrations/${params.registrationId}?cancelled=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent: "cancel" });
  }
}

export default function RegistrationDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { registration, event, questions, title, cancelled } = loaderData;
  const t = useT();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const rows: [string, string][] = [
    [
      t("registrations.field.status"),
      registration.status === "waitlisted" && registration.waitingPosition
        ? `${t("registrations.status.waitlisted")} (${t("registrations.detail.position", { position: registration.waitingPosition })})`
        : t(`registrations.status.${registration.status}`),
    ],
    [
      t("registrations.field.ticketType"),
      registration.validDate
        ? `${registration.ticketTypeName} (${formatCalendarDate(locale, registration.validDate)})`
        : registration.ticketTypeName,
    ],
    [
      t("registrations.own.price"),
      priceText(t, locale, registration.price, registration.vatRate, event.currency),
    ],
    [t("registrations.field.email"), registration.email],
    [t("registrations.field.phone"), registration.phone],
    [t("registrations.field.organizationName"), registration.organizationName],
    [t("registrations.field.school"), registration.school],
    [t("registrations.field.invoiceOrganizationNumber"), registration.invoiceOrganizationNumber],
    [t("registrations.field.invoiceReference"), registration.invoiceReference],
    [t("registrations.field.invoiceAddress"), registration.invoiceAddress],
    [t("registrations.export.language"), registration.locale],
    [
      t("registrations.export.registeredAt"),
      formatDateTime(locale, registration.createdAt, event.timeZone),
    ],
    ...(registration.cancelledAt
      ? [
          [
            t("registrations.export.cancelledAt"),
            formatDateTime(locale, registration.cancelledAt, event.timeZone),
          ] as [string, string],
        ]
      : []),
    ...questions.map(
      (question) => [question.label, registration.answers[question.id] ?? ""] as [string, string],
    ),
  ];
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/registrations`}>{t("registrations.detail.back")}</Link>
      </p>
      <h1>{title}</h1>
      <Notice text={cancelled ? t("registrations.detail.cancelled") : null} />
      {registration.erasedAt ? (
        <p className="notice" role="status">
          {t("registrations.detail.erased", {
            date: formatDateTime(locale, registration.erasedAt, event.timeZone),
          })}
        </p>
      ) : null}
      <dl className="facts">
        {rows.map(([label, value], index) => (
          <div className="contents" key={index}>
            <dt>{label}</dt>
            <dd className="prewrap">{value || "–"}</dd>
          </div>
        ))}
      </dl>
      {registration.status !== "cancelled" && !registration.erasedAt ? (
        <>
          <h2 id="cancel">{t("registrations.detail.cancelTitle")}</h2>
          <p>{t("registrations.detail.cancelLead")}</p>
          <FormError failure={failure} />
          <Form method="post" aria-labelledby="cancel">
            <CsrfField />
            <input type="hidden" name="version" value={registration.version} />
            <button type="submit" className="danger">
              {t("registrations.detail.cancel", { name: registration.name })}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
