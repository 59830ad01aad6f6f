import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/bookings-reservation";
import { formatCalendarDate } from "../../../i18n/format.ts";
import { type FormFailure } from "../../../platform/forms.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, SelectField } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { guestKinds, guestLanguages } from "../bookings-rules.ts";
import {
  addSlots,
  cancelBooking,
  cancelReservation,
  decideReservation,
  getReservation,
  inviteGuest,
  planReservationMeeting,
  removeSlot,
} from "../bookings-service.ts";
import { daysBetween, failureFor, FormError, FormSection, rangeText } from "../bookings-ui.tsx";
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
  cancelled: "bookings.notice.cancelled",
  slots: "bookings.notice.slots",
  slotRemoved: "bookings.notice.slotRemoved",
  invited: "bookings.notice.invited",
  bookingCancelled: "bookings.notice.bookingCancelled",
  meeting: "bookings.notice.meeting",
} as const;

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, t }) => {
    const page = await getReservation(db, actor, args.params.id, args.params.reservationId);
    return {
      ...page,
      title: t("bookings.reservation.title", {
        network: page.reservation.networkName,
        room: page.reservation.roomName,
      }),
      notice: doneNotice(args.request, notices),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** The form a refused intent came from (some forms send several). */
function formOf(values: Record<string, string>): string {
  const intent = values.intent ?? "";
  if (intent === "accept" || intent === "decline" || intent === "cancel") return "reservation";
  if (intent === "removeSlot" || intent === "cancelBooking") return "slots";
  return intent;
}

export function action(args: Route.ActionArgs) {
  const { params } = args;
  const here = `/events/${params.id}/bookings/${params.reservationId}`;
  const done = (what: keyof typeof notices) => redirect(`${here}?done=${what}`);
  return formAction(args, formOf, async ({ db, actor, values }) => {
    const intent = values.intent ?? "";
    switch (intent) {
      case "accept":
      case "decline":
        await decideReservation(db, actor, params.id, params.reservationId, {
          decision: intent,
          version: values.version ?? "",
        });
        return done(intent === "accept" ? "accepted" : "declined");
      case "cancel":
        await cancelReservation(db, actor, params.id, params.reservationId, {
          version: values.version ?? "",
        });
        return done("cancelled");
      case "addSlots":
        await addSlots(db, actor, params.id, params.reservationId, {
          date: values.date ?? "",
          startTime: values.startTime ?? "",
          endTime: values.endTime ?? "",
          slotMinutes: values.slotMinutes || undefined,
          gapMinutes: values.gapMinutes || undefined,
        });
        return done("slots");
      case "removeSlot":
        await removeSlot(db, actor, params.id, params.reservationId, values.slotId ?? "");
        return done("slotRemoved");
      case "invite":
        await inviteGuest(db, actor, params.id, params.reservationId, values.slotId ?? "", {
          topic: values.topic ?? "",
          guestName: values.guestName ?? "",
          guestEmail: values.guestEmail ?? "",
          guestOrganization: values.guestOrganization || undefined,
          guestKind: (values.guestKind ?? "") as never,
          language: (values.language || undefined) as never,
        });
        return done("invited");
      case "cancelBooking":
        await cancelBooking(db, actor, params.id, params.reservationId, values.bookingId ?? "", {
          version: values.version ?? "",
        });
        return done("bookingCancelled");
      case "meeting":
        await planReservationMeeting(db, actor, params.id, params.reservationId, {
          title: values.title ?? "",
          date: values.date ?? "",
          startTime: values.startTime ?? "",
          endTime: values.endTime ?? "",
          inviteMembers: values.inviteMembers === "1",
        });
        return done("meeting");
      default:
        return redirect(here);
    }
  });
}

/** A day of the reservation (a choice among its days) and the times on it. */
function DayAndTimes({
  days,
  labels,
  failure,
  defaults,
}: {
  days: string[];
  labels: Record<"date" | "startTime" | "endTime", string>;
  failure: FormFailure | undefined;
  defaults: { date: string | undefined; startTime: string; endTime: string };
}) {
  const locale = useLocale();
  const errors = failure?.fieldErrors;
  return (
    <>
      <SelectField
        name="date"
        label={labels.date}
        required
        errors={errors}
        defaultValue={failure?.values.date ?? defaults.date}
        options={days.map((day) => ({ value: day, label: formatCalendarDate(locale, day) }))}
      />
      <Field
        name="startTime"
        type="time"
        label={labels.startTime}
        required
        errors={errors}
        defaultValue={failure?.values.startTime ?? defaults.startTime}
      />
      <Field
        name="endTime"
        type="time"
        label={labels.endTime}
        required
        errors={errors}
        defaultValue={failure?.values.endTime ?? defaults.endTime}
      />
    </>
  );
}

export default function ReservationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, reservation, slots, meetings, notice } = loaderData;
  const t = useT();
  const locale = useLocale();
  const can = reservation.can;
  const days = daysBetween(reservation.startDate, reservation.endDate);
  const freeSlots = slots.filter((slot) => slot.bookable);
  const reservationFailure = failureFor(actionData, "reservation");
  const slotsFailure = failureFor(actionData, "slots");
  const addFailure = failureFor(actionData, "addSlots");
  const inviteFailure = failureFor(actionData, "invite");
  const meetingFailure = failureFor(actionData, "meeting");
  const slotLabels = {
    date: t("bookings.field.date"),
    startTime: t("bookings.field.startTime"),
    endTime: t("bookings.field.endTime"),
    slotMinutes: t("bookings.field.slotMinutes"),
    gapMinutes: t("bookings.field.gapMinutes"),
  };
  const inviteLabels = {
    slotId: t("bookings.field.slot"),
    topic: t("bookings.field.topic"),
    guestName: t("bookings.field.guestName"),
    guestEmail: t("bookings.field.guestEmail"),
    guestOrganization: t("bookings.field.guestOrganization"),
    guestKind: t("bookings.field.guestKind"),
    language: t("bookings.field.language"),
  };
  const meetingLabels = {
    title: t("bookings.field.meetingTitle"),
    date: t("bookings.field.date"),
    startTime: t("bookings.field.startTime"),
    endTime: t("bookings.field.endTime"),
  };
  const slotTime = (slot: {
    startsAt: Date | string;
    date: string;
    startTime: string;
    endTime: string;
  }) => `${formatCalendarDate(locale, slot.date)} ${slot.startTime}–${slot.endTime}`;
  return (
    <section>
      <nav aria-label={t("bookings.breadcrumbs")} className="breadcrumb">
        <ol>
          <li>
            <Link to={`/events/${event.id}`}>{event.name}</Link>
          </li>
          <li>
            <Link to={`/events/${event.id}/bookings`}>{t("bookings.event.short")}</Link>
          </li>
        </ol>
      </nav>
      <h1>
        {t("bookings.reservation.title", {
          network: reservation.networkName,
          room: reservation.roomName,
        })}
      </h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("bookings.field.network")}</dt>
        <dd>
          <Link to={`/networks/${reservation.networkId}`}>{reservation.networkName}</Link>
        </dd>
        <dt>{t("bookings.field.room")}</dt>
        <dd>
          {[reservation.roomName, event.venueName, event.venueAddress].filter(Boolean).join(", ")}
        </dd>
        <dt>{t("bookings.event.when")}</dt>
        <dd>{rangeText(locale, reservation, reservation)}</dd>
        {can.seeSlots ? (
          <>
            <dt>{t("bookings.field.status")}</dt>
            <dd>{t(`bookings.reservationStatus.${reservation.status}`)}</dd>
            {reservation.note ? (
              <>
                <dt>{t("bookings.field.note")}</dt>
                <dd className="prewrap">{reservation.note}</dd>
              </>
            ) : null}
            <dt>{t("bookings.reservation.requestedBy")}</dt>
            <dd>{reservation.requestedByLabel}</dd>
          </>
        ) : null}
      </dl>

      {can.decide || can.cancel ? (
        <section aria-labelledby="decide">
          <h2 id="decide">{t("bookings.reservation.manage")}</h2>
          <FormError t={t} failure={reservationFailure} />
          <div className="actions">
            {can.decide
              ? (["accept", "decline"] as const).map((decision) => (
                  <Form method="post" key={decision}>
                    <CsrfField />
                    <input type="hidden" name="intent" value={decision} />
                    <input type="hidden" name="version" value={reservation.version} />
                    <button
                      type="submit"
                      className={decision === "accept" ? "button" : "button secondary"}
                    >
                      {t(`bookings.decision.${decision}`)}
                    </button>
                  </Form>
                ))
              : null}
            {can.cancel ? (
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="version" value={reservation.version} />
                <button type="submit" className="danger">
                  {t("bookings.reservation.cancel")}
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}

      {can.seeSlots ? (
        <section aria-labelledby="slots">
          <h2 id="slots">{t("bookings.slots.title")}</h2>
          <FormError t={t} failure={slotsFailure} />
          {slots.length ? (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("bookings.slots.time")}</th>
                    <th scope="col">{t("bookings.field.status")}</th>
                    {can.invite ? (
                      <>
                        <th scope="col">{t("bookings.slots.guest")}</th>
                        <th scope="col">{t("bookings.field.topic")}</th>
                      </>
                    ) : null}
                    {can.invite || can.manage ? (
                      <th scope="col">{t("bookings.slots.actions")}</th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {slots.map((slot) => (
                    <tr key={slot.id}>
                      <th scope="row">{slotTime(slot)}</th>
                      <td>{t(`bookings.slotState.${slot.state}`)}</td>
                      {can.invite ? (
                        <>
                          <td>
                            {slot.booking ? (
                              <>
                                {slot.booking.guestName}
                                {slot.booking.guestOrganization
                                  ? `, ${slot.booking.guestOrganization}`
                                  : ""}{" "}
                                ({t(`bookings.guestKind.${slot.booking.guestKind}`)})
                                <br />
                                <a href={`mailto:${slot.booking.guestEmail}`}>
                                  {slot.booking.guestEmail}
                                </a>
                                <br />
                                <span className="hint">
                                  {t("bookings.slots.invitedBy", {
                                    name: slot.booking.invitedByName ?? slot.booking.invitedByLabel,
                                  })}
                                </span>
                                {slot.booking.response ? (
                                  <>
                                    <br />
                                    <span className="prewrap">
                                      {t("bookings.slots.response", {
                                        message: slot.booking.response,
                                      })}
                                    </span>
                                  </>
                                ) : null}
                              </>
                            ) : (
                              "–"
                            )}
                            {slot.history.length ? (
                              <ul className="hint">
                                {slot.history.map((old) => (
                                  <li key={old.id}>
                                    {t("bookings.slots.earlier", {
                                      guest: old.guestName,
                                      status: t(`bookings.bookingStatus.${old.status}`),
                                    })}
                                  </li>
                                ))}
                              </ul>
                            ) : null}
                          </td>
                          <td>{slot.booking?.topic ?? "–"}</td>
                        </>
                      ) : null}
                      {can.invite || can.manage ? (
                        <td>
                          {slot.booking?.canCancel ? (
                            <Form method="post">
                              <CsrfField />
                              <input type="hidden" name="intent" value="cancelBooking" />
                              <input type="hidden" name="bookingId" value={slot.booking.id} />
                              <input type="hidden" name="version" value={slot.booking.version} />
                              <button type="submit" className="button secondary">
                                {t("bookings.slots.cancelBooking")}
                                <span className="visually-hidden"> ({slotTime(slot)})</span>
                              </button>
                            </Form>
                          ) : null}
                          {can.manage && slot.state === "free" ? (
                            <Form method="post">
                              <CsrfField />
                              <input type="hidden" name="intent" value="removeSlot" />
                              <input type="hidden" name="slotId" value={slot.id} />
                              <button type="submit" className="button secondary">
                                {t("bookings.slots.remove")}
                                <span className="visually-hidden"> ({slotTime(slot)})</span>
                              </button>
                            </Form>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t("bookings.slots.none")}</p>
          )}
        </section>
      ) : null}

      {can.invite && freeSlots.length ? (
        <FormSection
          id="invite"
          title={t("bookings.invite.title")}
          lead={<p>{t("bookings.invite.lead")}</p>}
          failure={inviteFailure}
          labels={inviteLabels}
          intent="invite"
          submit={t("bookings.invite.send")}
        >
          <SelectField
            name="slotId"
            label={inviteLabels.slotId}
            required
            errors={inviteFailure?.fieldErrors}
            defaultValue={inviteFailure?.values.slotId ?? freeSlots[0]?.id}
            options={freeSlots.map((slot) => ({ value: slot.id, label: slotTime(slot) }))}
          />
          <Field
            name="topic"
            label={inviteLabels.topic}
            required
            errors={inviteFailure?.fieldErrors}
            defaultValue={inviteFailure?.values.topic}
          />
          <Field
            name="guestName"
            label={inviteLabels.guestName}
            required
            errors={inviteFailure?.fieldErrors}
            defaultValue={inviteFailure?.values.guestName}
            autoComplete="off"
          />
          <Field
            name="guestEmail"
            type="email"
            label={inviteLabels.guestEmail}
            required
            errors={inviteFailure?.fieldErrors}
            defaultValue={inviteFailure?.values.guestEmail}
            autoComplete="off"
          />
          <Field
            name="guestOrganization"
            label={inviteLabels.guestOrganization}
            errors={inviteFailure?.fieldErrors}
            defaultValue={inviteFailure?.values.guestOrganization}
          />
          <SelectField
            name="guestKind"
            label={inviteLabels.guestKind}
            required
            errors={inviteFailure?.fieldErrors}
            defaultValue={inviteFailure?.values.guestKind ?? "supplier"}
            options={guestKinds.map((kind) => ({
              value: kind,
              label: t(`bookings.guestKind.${kind}`),
            }))}
          />
          <SelectField
            name="language"
            label={inviteLabels.language}
            hint={t("bookings.field.languageHint")}
            required
            errors={inviteFailure?.fieldErrors}
            defaultValue={inviteFailure?.values.language ?? locale}
            options={guestLanguages.map((language) => ({
              value: language,
              label: t(`bookings.language.${language}`),
            }))}
          />
        </FormSection>
      ) : null}

      {can.manage ? (
        <FormSection
          id="add-slots"
          title={t("bookings.slots.add")}
          lead={<p>{t("bookings.slots.addLead")}</p>}
          failure={addFailure}
          labels={slotLabels}
          intent="addSlots"
          submit={t("bookings.slots.publish")}
        >
          <DayAndTimes
            days={days}
            labels={slotLabels}
            failure={addFailure}
            defaults={{ date: days[0], startTime: "09:00", endTime: "12:00" }}
          />
          <Field
            name="slotMinutes"
            type="number"
            label={slotLabels.slotMinutes}
            hint={t("bookings.field.slotMinutesHint")}
            errors={addFailure?.fieldErrors}
            defaultValue={addFailure?.values.slotMinutes ?? "30"}
          />
          <Field
            name="gapMinutes"
            type="number"
            label={slotLabels.gapMinutes}
            errors={addFailure?.fieldErrors}
            defaultValue={addFailure?.values.gapMinutes ?? "0"}
          />
        </FormSection>
      ) : null}

      <section aria-labelledby="meetings">
        <h2 id="meetings">{t("bookings.meeting.title")}</h2>
        {meetings.length ? (
          <ul>
            {meetings.map((meeting) => (
              <li key={meeting.id}>
                <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>,{" "}
                {formatCalendarDate(locale, meeting.date)} {meeting.startTime}–{meeting.endTime}
                {meeting.status === "cancelled" ? ` (${t("bookings.meeting.cancelled")})` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("bookings.meeting.none")}</p>
        )}
        {can.manage ? (
          <>
            <h3 id="plan-meeting">{t("bookings.meeting.plan")}</h3>
            <p>{t("bookings.meeting.planLead")}</p>
            <FormError t={t} failure={meetingFailure} />
            <ErrorSummary errors={meetingFailure?.fieldErrors} labels={meetingLabels} />
            <Form method="post" className="stacked" noValidate aria-labelledby="plan-meeting">
              <CsrfField />
              <input type="hidden" name="intent" value="meeting" />
              <Field
                name="title"
                label={meetingLabels.title}
                required
                errors={meetingFailure?.fieldErrors}
                defaultValue={meetingFailure?.values.title}
              />
              <DayAndTimes
                days={days}
                labels={meetingLabels}
                failure={meetingFailure}
                defaults={{ date: days[days.length - 1], startTime: "13:00", endTime: "16:00" }}
              />
              <div className="choice">
                <input
                  type="checkbox"
                  id="meeting-invite-members"
                  name="inviteMembers"
                  value="1"
                  defaultChecked={
                    meetingFailure ? meetingFailure.values.inviteMembers === "1" : true
                  }
                />
                <label htmlFor="meeting-invite-members">
                  {t("bookings.meeting.inviteMembers")}
                </label>
              </div>
              <div className="actions">
                <button type="submit">{t("bookings.meeting.submit")}</button>
              </div>
            </Form>
          </>
        ) : null}
      </section>
    </section>
  );
}
