// The guest's page: reached by the secret link in the invitation mail, no login. It speaks the
// language the inviter chose for the guest (marked with lang), whatever the site's language.
import { Form, redirect } from "react-router";
import type { Route } from "./+types/bookings-answer";
import { getDb } from "../../../db/index.ts";
import { formatDate } from "../../../i18n/format.ts";
import { translator } from "../../../i18n/translate.ts";
import { noStoreHeaders, refusal } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { answerBooking, getGuestBooking } from "../bookings-service.ts";
import { FormError } from "../bookings-ui.tsx";
import { formAction } from "./page-handlers.tsx";

export function headers() {
  // The link is a secret: no cache keeps the page, no referrer carries the address away.
  return { ...noStoreHeaders, "Referrer-Policy": "no-referrer" };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = await getDb();
  try {
    const booking = await getGuestBooking(db, params.token);
    const done = new URL(request.url).searchParams.get("done");
    return {
      booking,
      title: translator(booking.language)("bookings.answer.title", {
        network: booking.networkName,
      }),
      done: done === "accept" || done === "decline" ? done : null,
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
  return formAction(args, "answer", async ({ db, values }) => {
    const answer = values.answer === "accept" ? "accept" : "decline";
    await answerBooking(db, args.params.token, { answer, message: values.message || undefined });
    return redirect(`/bookings/${args.params.token}?done=${answer}`, { headers: noStoreHeaders });
  });
}

export default function BookingAnswer({ loaderData, actionData }: Route.ComponentProps) {
  const { booking, done } = loaderData;
  const t = translator(booking.language);
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const when = `${formatDate(booking.language, booking.startsAt, booking.timeZone)} ${booking.startTime}–${booking.endTime}`;
  return (
    <section className="narrow" lang={booking.language}>
      <h1>{t("bookings.answer.title", { network: booking.networkName })}</h1>
      {done ? (
        <p className="notice" role="status">
          {t(done === "accept" ? "bookings.answer.thanksAccept" : "bookings.answer.thanksDecline")}
        </p>
      ) : null}
      <p className="lead">
        {t("bookings.answer.lead", {
          name: booking.guestName,
          inviter: booking.invitedByName,
          network: booking.networkName,
          event: booking.eventName,
        })}
      </p>
      <dl className="facts">
        <dt>{t("bookings.field.topic")}</dt>
        <dd>{booking.topic}</dd>
        <dt>{t("bookings.answer.when")}</dt>
        <dd>{when}</dd>
        <dt>{t("bookings.answer.where")}</dt>
        <dd>{booking.place}</dd>
        <dt>{t("bookings.field.status")}</dt>
        <dd>{t(`bookings.bookingStatus.${booking.status}`)}</dd>
        {booking.response ? (
          <>
            <dt>{t("bookings.answer.yourMessage")}</dt>
            <dd className="prewrap">{booking.response}</dd>
          </>
        ) : null}
      </dl>
      <FormError t={t} failure={failure} />
      <ErrorSummary
        errors={failure?.fieldErrors}
        labels={{ message: t("bookings.answer.message") }}
      />
      {booking.mayAccept || booking.mayDecline ? (
        <Form method="post" className="stacked" noValidate>
          <CsrfField />
          <Field
            name="message"
            label={t("bookings.answer.message")}
            hint={t("bookings.answer.messageHint")}
            errors={failure?.fieldErrors}
          >
            {(props) => (
              <textarea {...props} rows={3} defaultValue={failure?.values.message ?? ""} />
            )}
          </Field>
          <div className="actions">
            {booking.mayAccept ? (
              <button type="submit" name="answer" value="accept">
                {t("bookings.answer.accept")}
              </button>
            ) : null}
            {booking.mayDecline ? (
              <button type="submit" name="answer" value="decline" className="button secondary">
                {t(
                  booking.status === "accepted"
                    ? "bookings.answer.cannotCome"
                    : "bookings.answer.decline",
                )}
              </button>
            ) : null}
          </div>
        </Form>
      ) : (
        <p>{t(`bookings.answer.closed.${booking.status}`)}</p>
      )}
    </section>
  );
}
