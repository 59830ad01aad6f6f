// Mails about meetings, minutes and actions, queued in the transaction of the change that causes
// them (no mail for a rolled-back change). Each recipient gets the mail in their language: their
// account's locale, else the country of their current affiliation (NO → nb, SE → sv), else sv.
import { and, eq, gte, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { formatCalendarDate, formatDate, todayIn } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import { translator, type Translate } from "../../i18n/translate.ts";
import { config } from "../../platform/config.ts";
import { enqueueMail } from "../../platform/mail/outbox.ts";
import { addDays, utcToZoned } from "../../platform/time.ts";
import { affiliations, organizations, people } from "../directory/schema.ts";
import { users } from "../identity/schema.ts";
import { networkMembers, networks } from "../networks/schema.ts";
import { meetingInvitationIcs, type InvitationMeeting } from "./calendar.ts";
import { meetingActions, meetingParticipants, meetings } from "./schema.ts";
import { composeMail } from "../../platform/mail/compose.ts";

/** Links in mails are built from BASE_URL, never from the request's Host header. */
export function absoluteLink(path: string): string {
  return new URL(path.replace(/^\//, ""), config().BASE_URL).toString();
}

type Recipient = { personId: string; name: string; email: string; locale: Locale };

/** The language of each person: account locale, else current affiliation's country, else sv. */
export async function localesOf(db: DbOrTx, personIds: readonly string[]) {
  const result = new Map<string, Locale>();
  if (personIds.length === 0) return result;
  const ids = [...new Set(personIds)];
  const accounts = await db
    .select({ personId: users.personId, locale: users.locale })
    .from(users)
    .where(inArray(users.personId, ids));
  for (const account of accounts)
    if (account.personId) result.set(account.personId, account.locale);
  const missing = ids.filter((id) => !result.has(id));
  if (missing.length) {
    const today = todayIn("Europe/Stockholm");
    const rows = await db
      .select({ personId: affiliations.personId, country: organizations.country })
      .from(affiliations)
      .innerJoin(organizations, eq(organizations.id, affiliations.organizationId))
      .where(
        and(
          inArray(affiliations.personId, missing),
          or(isNull(affiliations.endDate), gte(affiliations.endDate, today)),
        ),
      );
    for (const row of rows) {
      if (result.has(row.personId)) continue;
      result.set(row.personId, row.country === "NO" ? "nb" : "sv");
    }
  }
  for (const id of ids) if (!result.has(id)) result.set(id, "sv");
  return result;
}

async function recipients(
  db: DbOrTx,
  list: readonly { personId: string; name: string; email: string | null }[],
): Promise<Recipient[]> {
  const withEmail = list.filter(
    (row): row is { personId: string; name: string; email: string } => !!row.email,
  );
  const unique = [...new Map(withEmail.map((row) => [row.personId, row])).values()];
  const locales = await localesOf(
    db,
    unique.map((row) => row.personId),
  );
  return unique.map((row) => ({ ...row, locale: locales.get(row.personId) ?? "sv" }));
}

async function loadMeeting(db: DbOrTx, meetingId: string) {
  const [row] = await db
    .select({ meeting: meetings, networkName: networks.name })
    .from(meetings)
    .innerJoin(networks, eq(networks.id, meetings.networkId))
    .where(eq(meetings.id, meetingId));
  return row;
}

async function participantsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({ personId: people.id, name: people.name, email: people.email })
    .from(meetingParticipants)
    .innerJoin(people, eq(people.id, meetingParticipants.personId))
    .where(eq(meetingParticipants.meetingId, meetingId));
}

type InvitationKind = "planned" | "changed" | "cancelled" | "uninvited";

function meetingFacts(t: Translate, locale: Locale, meeting: InvitationMeeting): string[] {
  const start = utcToZoned(meeting.startsAt, meeting.timeZone);
  const end = utcToZoned(meeting.endsAt, meeting.timeZone);
  const when = `${formatDate(locale, meeting.startsAt, meeting.timeZone)} ${start.time}–${end.time}`;
  const facts = [t("meetingDocuments.mail.when", { when })];
  if (meeting.place) facts.push(t("meetingDocuments.mail.where", { place: meeting.place }));
  if (meeting.onlineUrl) facts.push(t("meetingDocuments.mail.online", { url: meeting.onlineUrl }));
  return facts;
}

/**
 * Mails the invitation of `kind` with its .ics to the meeting's participants, or to the given
 * people only. Each .ics names its own recipient as the one attendee: the members' and guests'
 * addresses are not handed to each other.
 */
async function sendInvitations(
  db: DbOrTx,
  meetingId: string,
  kind: InvitationKind,
  only?: readonly string[],
) {
  const row = await loadMeeting(db, meetingId);
  if (!row) return;
  const meeting: InvitationMeeting = { ...row.meeting, networkName: row.networkName };
  const audience = await recipients(
    db,
    only
      ? await db
          .select({ personId: people.id, name: people.name, email: people.email })
          .from(people)
          .where(inArray(people.id, [...only]))
      : await participantsOf(db, meetingId),
  );
  const method = kind === "planned" || kind === "changed" ? "REQUEST" : "CANCEL";
  const link = absoluteLink(`meetings/${meetingId}`);
  for (const person of audience) {
    const t = translator(person.locale);
    const params = { title: meeting.title, network: meeting.networkName };
    const body = composeMail(
      [
        t("meetingDocuments.mail.greeting", { name: person.name }),
        t(`meetingDocuments.mail.${kind}.body`, params),
        ...meetingFacts(t, person.locale, meeting),
      ],
      link,
      t("meetingDocuments.mail.footer"),
    );
    await enqueueMail(db, {
      to: person.email,
      subject: t(`meetingDocuments.mail.${kind}.subject`, params),
      ...body,
      icalEvent: {
        method,
        content: meetingInvitationIcs(
          meeting,
          [{ name: person.name, email: person.email }],
          method,
        ),
        filename: method === "CANCEL" ? "cancel.ics" : "invite.ics",
      },
    });
  }
}

/** Invitations (METHOD:REQUEST) to every participant with an email, when a meeting is planned. */
export async function notifyMeetingPlanned(tx: DbOrTx, meetingId: string): Promise<void> {
  await sendInvitations(tx, meetingId, "planned");
}

/**
 * Invitations (METHOD:REQUEST, the meeting's current SEQUENCE) to people who became participants
 * after the meeting was planned: guests added to an agenda item, members added or invited later.
 * A cancelled meeting, or one that is over, invites nobody.
 */
export async function notifyParticipantsAdded(
  tx: DbOrTx,
  meetingId: string,
  personIds: readonly string[],
  now = new Date(),
): Promise<void> {
  if (await isComing(tx, meetingId, personIds, now))
    await sendInvitations(tx, meetingId, "planned", personIds);
}

/**
 * A cancellation (METHOD:CANCEL) to people who are no longer participants (a guest taken off the
 * agenda, a participant removed), so the meeting leaves their calendar.
 */
export async function notifyParticipantsRemoved(
  tx: DbOrTx,
  meetingId: string,
  personIds: readonly string[],
  now = new Date(),
): Promise<void> {
  if (await isComing(tx, meetingId, personIds, now))
    await sendInvitations(tx, meetingId, "uninvited", personIds);
}

/** Whether a change of participants is worth telling: someone changed, the meeting is ahead. */
async function isComing(
  tx: DbOrTx,
  meetingId: string,
  personIds: readonly string[],
  now: Date,
): Promise<boolean> {
  if (personIds.length === 0) return false;
  const row = await loadMeeting(tx, meetingId);
  return !!row && row.meeting.status !== "cancelled" && row.meeting.endsAt > now;
}

/** Updated invitations (REQUEST, the meeting's raised SEQUENCE) when a meeting moves. */
export async function notifyMeetingChanged(tx: DbOrTx, meetingId: string): Promise<void> {
  await sendInvitations(tx, meetingId, "changed");
}

/** Cancellations (METHOD:CANCEL) when a meeting is cancelled. */
export async function notifyMeetingCancelled(tx: DbOrTx, meetingId: string): Promise<void> {
  await sendInvitations(tx, meetingId, "cancelled");
}

/** "Minutes published", with a link, to the network's current members with an email. */
export async function notifyMinutesPublished(tx: DbOrTx, meetingId: string): Promise<void> {
  const row = await loadMeeting(tx, meetingId);
  if (!row) return;
  const today = todayIn("Europe/Stockholm");
  const members = await tx
    .select({ personId: people.id, name: people.name, email: people.email })
    .from(networkMembers)
    .innerJoin(people, eq(people.id, networkMembers.personId))
    .where(
      and(
        eq(networkMembers.networkId, row.meeting.networkId),
        or(isNull(networkMembers.endDate), gte(networkMembers.endDate, today)),
        sql`${networkMembers.startDate} <= ${today}`,
      ),
    );
  const link = absoluteLink(`meetings/${meetingId}/minutes`);
  for (const person of await recipients(tx, members)) {
    const t = translator(person.locale);
    const params = {
      title: row.meeting.title,
      network: row.networkName,
      date: formatDate(person.locale, row.meeting.startsAt, row.meeting.timeZone),
    };
    const body = composeMail(
      [
        t("meetingDocuments.mail.greeting", { name: person.name }),
        t("meetingDocuments.mail.minutes.body", params),
      ],
      link,
      t("meetingDocuments.mail.footer"),
    );
    await enqueueMail(tx, {
      to: person.email,
      subject: t("meetingDocuments.mail.minutes.subject", params),
      ...body,
    });
  }
}

async function loadAction(db: DbOrTx, actionId: string) {
  const [row] = await db
    .select({
      action: meetingActions,
      meetingTitle: meetings.title,
      networkName: networks.name,
      ownerName: people.name,
      ownerEmail: people.email,
    })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(networks, eq(networks.id, meetingActions.networkId))
    .innerJoin(people, eq(people.id, meetingActions.ownerPersonId))
    .where(eq(meetingActions.id, actionId));
  return row;
}

async function sendActionMail(
  db: DbOrTx,
  row: NonNullable<Awaited<ReturnType<typeof loadAction>>>,
  kind: "assigned" | "due",
) {
  if (!row.action.ownerPersonId) return;
  const [person] = await recipients(db, [
    { personId: row.action.ownerPersonId, name: row.ownerName, email: row.ownerEmail },
  ]);
  if (!person) return;
  const t = translator(person.locale);
  const params = {
    title: row.action.title,
    meeting: row.meetingTitle,
    network: row.networkName,
    due: row.action.dueDate ? formatCalendarDate(person.locale, row.action.dueDate) : "",
  };
  const paragraphs = [
    t("meetingDocuments.mail.greeting", { name: person.name }),
    t(`meetingDocuments.mail.action.${kind}.body`, params),
  ];
  if (kind === "assigned" && row.action.dueDate)
    paragraphs.push(t("meetingDocuments.mail.action.dueDate", params));
  const body = composeMail(paragraphs, absoluteLink("actions"), t("meetingDocuments.mail.footer"));
  await enqueueMail(db, {
    to: person.email,
    subject: t(`meetingDocuments.mail.action.${kind}.subject`, params),
    ...body,
  });
}

/** "You have an action" to the action's owner (if they have an email). */
export async function notifyActionAssigned(tx: DbOrTx, actionId: string): Promise<void> {
  const row = await loadAction(tx, actionId);
  if (!row) return;
  await sendActionMail(tx, row, "assigned");
}

/**
 * Hourly: reminds the owners of open actions due tomorrow (Europe/Stockholm date). Each action is
 * claimed by setting reminded_for_due_date in the same statement that selects it, so two workers
 * never both send the reminder for one due date.
 */
export async function remindActionsDueTomorrow(db: Db, now = new Date()): Promise<number> {
  const tomorrow = addDays(todayIn("Europe/Stockholm", now), 1);
  let sent = 0;
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(meetingActions)
      .set({ remindedForDueDate: tomorrow })
      .where(
        and(
          eq(meetingActions.dueDate, tomorrow),
          ne(meetingActions.status, "done"),
          isNotNull(meetingActions.ownerPersonId),
          sql`${meetingActions.remindedForDueDate} IS DISTINCT FROM ${tomorrow}::date`,
        ),
      )
      .returning({ id: meetingActions.id });
    for (const { id } of claimed) {
      const row = await loadAction(tx, id);
      if (!row) continue;
      await sendActionMail(tx, row, "due");
      sent++;
    }
  });
  return sent;
}
