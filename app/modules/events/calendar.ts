// iCalendar of an event's program: the whole program as one feed and each session on its own,
// written with ical-generator. Session times are instants (UTC), so every calendar shows them at
// the right local time whatever its own zone; the UID is stable per session and SEQUENCE follows
// the session's version, so a calendar that imported the program updates in place. The feeds go
// through the same visibility check as the pages: a draft is for its editors only.
import ical, { ICalEventStatus } from "ical-generator";
import type { ICalCalendar } from "ical-generator";
import type { DbOrTx } from "../../db/client.ts";
import { translator } from "../../i18n/translate.ts";
import type { Actor } from "../../platform/actor.ts";
import { config } from "../../platform/config.ts";
import { getProgram, getSession, type EventView, type SessionView } from "./service.ts";

const prodId = { company: "Samverka", product: "Samverka", language: "SV" };

function host(): string {
  return new URL(config().BASE_URL).hostname || "samverka.localhost";
}

export function sessionUid(sessionId: string): string {
  return `event-session-${sessionId}@${host()}`;
}

function link(path: string): string {
  return new URL(path.replace(/^\//, ""), config().BASE_URL).toString();
}

/** The session's description: its abstract, then its people by role, then its track. */
function description(event: EventView, session: SessionView): string {
  const t = translator(event.language);
  const lines: string[] = [];
  if (session.abstract) lines.push(session.abstract, "");
  for (const role of ["speaker", "panelist", "moderator"] as const) {
    const names = session.people
      .filter((person) => person.role === role)
      .map((person) =>
        person.organizationName ? `${person.name} (${person.organizationName})` : person.name,
      );
    if (names.length) lines.push(`${t(`events.sessionRole.${role}.plural`)}: ${names.join(", ")}`);
  }
  if (session.trackName) lines.push(`${t("events.field.track")}: ${session.trackName}`);
  lines.push(`${t("events.field.kind")}: ${t(`events.sessionKind.${session.kind}`)}`);
  return lines.join("\n").trim();
}

function place(event: EventView, session: SessionView): string | null {
  const parts = [session.roomName, event.venueName, event.venueAddress].filter(
    (part): part is string => Boolean(part),
  );
  return parts.length ? parts.join(", ") : null;
}

function addSession(cal: ICalCalendar, event: EventView, session: SessionView) {
  cal.createEvent({
    id: sessionUid(session.id),
    sequence: session.version,
    start: session.startsAt,
    end: session.endsAt,
    summary: session.title,
    description: description(event, session),
    location: place(event, session),
    url: link(`events/${event.id}/sessions/${session.id}`),
    categories: [{ name: translator(event.language)(`events.sessionKind.${session.kind}`) }],
    status: event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

/** The .ics of every session of an event the actor may read. */
export async function programCalendar(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<{ text: string; event: EventView }> {
  const { event, program } = await getProgram(db, actor, eventId);
  const cal = ical({ prodId, name: event.name, url: link(`events/${event.id}/program`) });
  for (const day of program) for (const session of day.sessions) addSession(cal, event, session);
  return { text: cal.toString(), event };
}

/** The .ics of one session of an event the actor may read. */
export async function sessionCalendar(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  sessionId: string,
): Promise<{ text: string; event: EventView; session: SessionView }> {
  const { event, session } = await getSession(db, actor, eventId, sessionId);
  const cal = ical({ prodId, name: `${session.title} – ${event.name}` });
  addSession(cal, event, session);
  return { text: cal.toString(), event, session };
}
