// Mails to registrants, queued in the transaction of the change that causes them (no mail for a
// rolled-back registration) and written in the registrant's language: the confirmation (with an
// .ics of the event), the waiting-list receipt, the move up from the waiting list (with the
// .ics), and the cancellation. Each carries the secret link to view, change or cancel.
import type { DbOrTx } from "../../db/client.ts";
import { formatCalendarDate } from "../../i18n/format.ts";
import { translator } from "../../i18n/translate.ts";
import { enqueueMail } from "../../platform/mail/outbox.ts";
import { absoluteLink } from "../meetings/notifications.ts";
import { eventIcs, type CalendarEvent } from "./registrations-calendar.ts";
import { priceText } from "./registrations-format.ts";
import { composeMail } from "../../platform/mail/compose.ts";

export type RegistrationMailKind =
  | "confirmed"
  | "waitlisted"
  | "promoted"
  | "cancelled"
  | "cancelledByOrganizer"
  | "eventCancelled"
  | "link";

export type RegistrationMailFacts = {
  kind: RegistrationMailKind;
  registration: {
    name: string;
    email: string;
    locale: "sv" | "nb" | "en";
    status?: "confirmed" | "waitlisted" | "cancelled";
    price: number;
    vatRate: number;
  };
  event: CalendarEvent & { currency: string };
  ticket: { name: string; validDate: string | null };
  /** The secret link's token, or null when the link no longer serves (cancelled). */
  token: string | null;
};

/** The registrant's page: view, change or cancel. */
export function registrationLink(token: string): string {
  return absoluteLink(`registrations/${token}`);
}

export async function mailRegistrant(tx: DbOrTx, facts: RegistrationMailFacts): Promise<void> {
  const { kind, registration, event, ticket } = facts;
  const locale = registration.locale;
  const t = translator(locale);
  const when = ticket.validDate
    ? formatCalendarDate(locale, ticket.validDate)
    : event.startDate === event.endDate
      ? formatCalendarDate(locale, event.startDate)
      : `${formatCalendarDate(locale, event.startDate)} – ${formatCalendarDate(locale, event.endDate)}`;
  const params = {
    name: registration.name,
    event: event.name,
    ticket: ticket.name,
    when,
    place: [event.venueName, event.venueAddress].filter(Boolean).join(", ") || "–",
    price: priceText(t, locale, registration.price, registration.vatRate, event.currency),
  };
  const paragraphs = [
    t("registrations.mail.greeting", params),
    t(`registrations.mail.${kind}.body`, params),
  ];
  if (
    kind === "confirmed" ||
    kind === "promoted" ||
    kind === "waitlisted" ||
    kind === "eventCancelled"
  )
    paragraphs.push(
      t("registrations.mail.ticket", params),
      t("registrations.mail.when", params),
      t("registrations.mail.where", params),
    );
  if (kind === "confirmed" || kind === "promoted")
    paragraphs.push(t("registrations.mail.price", params));
  if (kind === "link")
    paragraphs.push(
      t("registrations.mail.ticket", params),
      t(`registrations.mail.link.status.${registration.status ?? "confirmed"}`),
    );
  const link = facts.token ? registrationLink(facts.token) : null;
  if (link)
    paragraphs.push(
      t(
        kind === "eventCancelled"
          ? "registrations.mail.eventCancelled.linkIntro"
          : "registrations.mail.linkIntro",
      ),
    );
  const withIcs = kind === "confirmed" || kind === "promoted";
  // A cancelled event: the confirmation's calendar entry (same UID, higher SEQUENCE) is taken
  // back. The waiting list never got one, so it gets none.
  const cancelIcs = kind === "eventCancelled" && registration.status === "confirmed";
  await enqueueMail(tx, {
    to: registration.email,
    subject: t(`registrations.mail.${kind}.subject`, params),
    ...composeMail(paragraphs, link, t("registrations.mail.footer")),
    ...(withIcs
      ? {
          icalEvent: {
            method: "PUBLISH" as const,
            content: eventIcs(event, ticket, link),
            filename: "event.ics",
          },
        }
      : cancelIcs
        ? {
            icalEvent: {
              method: "CANCEL" as const,
              content: eventIcs(event, ticket, link, "CANCEL"),
              filename: "event.ics",
            },
          }
        : {}),
  });
}
