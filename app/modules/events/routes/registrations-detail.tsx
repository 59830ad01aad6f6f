// One registration for the organizers: /events/:id/registrations/:registrationId. Every detail
// and answer, and cancelling it (the registrant is mailed; the next in line moves up).
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/registrations-detail";
import { formatCalendarDate, formatDateTime } from "../../../i18n/format.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { FormError } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { priceText } from "../registrations-format.ts";
import {
  cancelRegistration,
  getRegistration,
  registrationOverview,
} from "../registrations-service.ts";
import { Notice } from "../ui.tsx";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { formAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t, url }) => {
    const { id, registrationId } = args.params;
    const registration = await getRegistration(db, actor, id, registrationId);
    const overview = await registrationOverview(db, actor, id);
    return {
      title: t("registrations.detail.title", {
        name: registration.erasedAt ? t("registrations.list.erasedName") : registration.name,
      }),
      registration,
      event: overview.event,
      questions: overview.questions,
      cancelled: url.searchParams.has("cancelled"),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  const { id, registrationId } = args.params;
  return formAction(args, "cancel", async ({ db, actor, values }) => {
    await cancelRegistration(db, actor, id, registrationId, { version: values.version });
    return redirect(`/events/${id}/registrations/${registrationId}?cancelled=1`);
  });
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
