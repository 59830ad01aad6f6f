import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/bookings";
import { formatCalendarDate } from "../../../i18n/format.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { Field, SelectField } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { decideReservation, getEventBookings, requestReservation } from "../bookings-service.ts";
import { failureFor, FormError, FormSection, rangeText } from "../bookings-ui.tsx";
import { anyonesPage, doneNotice } from "../../../platform/page-loaders.ts";
import { formAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

const notices = {
  requested: "bookings.notice.requested",
  reserved: "bookings.notice.reserved",
  accepted: "bookings.notice.accepted",
  declined: "bookings.notice.declined",
} as const;

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, t }) => {
    const page = await getEventBookings(db, actor, args.params.id);
    return {
      ...page,
      title: t("bookings.event.title", { name: page.event.name }),
      notice: doneNotice(args.request, notices),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  const { params } = args;
  return formAction(
    args,
    (values) => ((values.intent ?? "request") === "request" ? "request" : "decide"),
    async ({ db, actor, values }) => {
      const intent = values.intent ?? "request";
      if (intent === "accept" || intent === "decline") {
        await decideReservation(db, actor, params.id, values.reservationId ?? "", {
          decision: intent,
          version: values.version ?? "",
        });
        return redirect(`/events/${params.id}/bookings?done=${intent}ed`);
      }
      const reservation = await requestReservation(db, actor, params.id, {
        networkId: values.networkId ?? "",
        roomId: values.roomId ?? "",
        startDate: values.startDate ?? "",
        startTime: values.startTime ?? "",
        endDate: values.endDate ?? "",
        endTime: values.endTime ?? "",
        note: values.note || undefined,
      });
      return redirect(
        `/events/${params.id}/bookings/${reservation.id}?done=${reservation.status === "accepted" ? "reserved" : "requested"}`,
      );
    },
  );
}

export default function EventBookings({ loaderData, actionData }: Route.ComponentProps) {
  const { event, can, rooms, reservations, networks, notice } = loaderData;
  const t = useT();
  const locale = useLocale();
  const requestFailure = failureFor(actionData, "request");
  const decideFailure = failureFor(actionData, "decide");
  const values = requestFailure?.values ?? {};
  const labels = {
    networkId: t("bookings.field.network"),
    roomId: t("bookings.field.room"),
    startDate: t("bookings.field.startDate"),
    startTime: t("bookings.field.startTime"),
    endDate: t("bookings.field.endDate"),
    endTime: t("bookings.field.endTime"),
    note: t("bookings.field.note"),
  };
  const showStatus = can.editEvent || reservations.some((reservation) => reservation.can.seeSlots);
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{event.name}</Link>
      </p>
      <h1>{t("bookings.event.title", { name: event.name })}</h1>
      <p className="lead">{t("bookings.event.lead")}</p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}

      <section aria-labelledby="reservations">
        <h2 id="reservations">{t("bookings.event.reservations")}</h2>
        <FormError t={t} failure={decideFailure} />
        {reservations.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("bookings.field.network")}</th>
                  <th scope="col">{t("bookings.field.room")}</th>
                  <th scope="col">{t("bookings.event.when")}</th>
                  {showStatus ? <th scope="col">{t("bookings.field.status")}</th> : null}
                  {can.editEvent ? <th scope="col">{t("bookings.event.decide")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {reservations.map((reservation) => (
                  <tr key={reservation.id}>
                    <th scope="row">
                      <Link to={`/events/${event.id}/bookings/${reservation.id}`}>
                        {reservation.networkName}
                      </Link>
                    </th>
                    <td>{reservation.roomName}</td>
                    <td>{rangeText(locale, reservation, reservation)}</td>
                    {showStatus ? (
                      <td>{t(`bookings.reservationStatus.${reservation.status}`)}</td>
                    ) : null}
                    {can.editEvent ? (
                      <td>
                        {reservation.can.decide ? (
                          <div className="actions compact">
                            {(["accept", "decline"] as const).map((decision) => (
                              <Form method="post" key={decision}>
                                <CsrfField />
                                <input type="hidden" name="intent" value={decision} />
                                <input type="hidden" name="reservationId" value={reservation.id} />
                                <input type="hidden" name="version" value={reservation.version} />
                                <button
                                  type="submit"
                                  className={decision === "accept" ? "button" : "button secondary"}
                                >
                                  {t(`bookings.decision.${decision}`)}
                                  <span className="visually-hidden">
                                    {" "}
                                    ({reservation.networkName}, {reservation.roomName})
                                  </span>
                                </button>
                              </Form>
                            ))}
                          </div>
                        ) : (
                          "–"
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("bookings.event.none")}</p>
        )}
      </section>

      {can.request ? (
        <FormSection
          id="request"
          title={t("bookings.event.request")}
          lead={
            <p>
              {t("bookings.event.requestHint", {
                first: formatCalendarDate(locale, event.startDate),
                last: formatCalendarDate(locale, event.endDate),
              })}
            </p>
          }
          failure={requestFailure}
          labels={labels}
          intent="request"
          submit={can.editEvent ? t("bookings.event.reserve") : t("bookings.event.send")}
        >
          <SelectField
            name="networkId"
            label={labels.networkId}
            required
            errors={requestFailure?.fieldErrors}
            defaultValue={values.networkId ?? networks[0]?.id}
            options={networks.map((network) => ({ value: network.id, label: network.name }))}
          />
          <SelectField
            name="roomId"
            label={labels.roomId}
            required
            errors={requestFailure?.fieldErrors}
            defaultValue={values.roomId ?? rooms[0]?.id}
            options={rooms.map((room) => ({
              value: room.id,
              label: room.capacity
                ? t("bookings.event.roomWithCapacity", {
                    name: room.name,
                    capacity: room.capacity,
                  })
                : room.name,
            }))}
          />
          <Field
            name="startDate"
            type="date"
            label={labels.startDate}
            required
            errors={requestFailure?.fieldErrors}
            defaultValue={values.startDate ?? event.startDate}
          />
          <Field
            name="startTime"
            type="time"
            label={labels.startTime}
            required
            errors={requestFailure?.fieldErrors}
            defaultValue={values.startTime ?? "08:00"}
          />
          <Field
            name="endDate"
            type="date"
            label={labels.endDate}
            required
            errors={requestFailure?.fieldErrors}
            defaultValue={values.endDate ?? event.endDate}
          />
          <Field
            name="endTime"
            type="time"
            label={labels.endTime}
            required
            errors={requestFailure?.fieldErrors}
            defaultValue={values.endTime ?? "17:00"}
          />
          <Field
            name="note"
            label={labels.note}
            hint={t("bookings.field.noteHint")}
            errors={requestFailure?.fieldErrors}
          >
            {(props) => <textarea {...props} rows={3} defaultValue={values.note ?? ""} />}
          </Field>
        </FormSection>
      ) : null}
    </section>
  );
}
