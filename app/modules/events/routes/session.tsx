import { Link } from "react-router";
import type { Route } from "./+types/session";
import { useT } from "../../../ui/i18n.tsx";
import type { SessionPersonRole } from "../schema.ts";
import { getSession, type SessionPersonView } from "../service.ts";
import { Paragraphs, useDay } from "../ui.tsx";
import { anyonesPage } from "../../../platform/page-loaders.ts";

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, ({ db, actor }) =>
    getSession(db, actor, args.params.id, args.params.sessionId),
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.session.title} – ${loaderData.event.name}` : undefined },
];

const roles: SessionPersonRole[] = ["speaker", "panelist", "moderator"];

/** A session's people by role: "Talare: A (Org), B" – one line per role. */
export function SessionPeople({ people }: { people: SessionPersonView[] }) {
  const t = useT();
  const lines = roles
    .map((role) => ({ role, names: people.filter((person) => person.role === role) }))
    .filter((line) => line.names.length);
  if (!lines.length) return null;
  return (
    <>
      {lines.map((line, index) => {
        const label = t(
          line.names.length > 1
            ? `events.sessionRole.${line.role}.plural`
            : `events.sessionRole.${line.role}`,
        );
        const names = line.names
          .map((person) =>
            person.organizationName ? `${person.name} (${person.organizationName})` : person.name,
          )
          .join(", ");
        return (
          <span key={line.role}>
            {index > 0 ? <br /> : null}
            {`${label}: ${names}`}
          </span>
        );
      })}
    </>
  );
}

export default function SessionPage({ loaderData }: Route.ComponentProps) {
  const { event, session, can } = loaderData;
  const t = useT();
  const formatDay = useDay();
  return (
    <article>
      <p>
        <Link to={`/events/${event.id}/program#session-${session.id}`}>
          {t("events.session.backToProgram")}
        </Link>
      </p>
      <h1>{session.title}</h1>
      {event.status === "cancelled" ? (
        <p className="notice error">
          <strong>{t("events.page.cancelledNotice")}</strong>
        </p>
      ) : null}
      <p>
        <Link to={`/events/${event.id}`}>{event.name}</Link>
      </p>
      <dl className="facts">
        <dt>{t("events.field.kind")}</dt>
        <dd>{t(`events.sessionKind.${session.kind}`)}</dd>
        <dt>{t("events.session.when")}</dt>
        <dd>
          {formatDay(session.date)}{" "}
          <time dateTime={new Date(session.startsAt).toISOString()}>{session.startTime}</time>–
          <time dateTime={new Date(session.endsAt).toISOString()}>{session.endTime}</time>
        </dd>
        {session.roomName ? (
          <>
            <dt>{t("events.field.room")}</dt>
            <dd>{session.roomName}</dd>
          </>
        ) : null}
        {session.trackName ? (
          <>
            <dt>{t("events.field.track")}</dt>
            <dd>{session.trackName}</dd>
          </>
        ) : null}
      </dl>
      <Paragraphs text={session.abstract} />
      {roles.map((role) => {
        const people = session.people.filter((person) => person.role === role);
        if (!people.length) return null;
        return (
          <section key={role} aria-labelledby={`people-${role}`}>
            <h2 id={`people-${role}`}>
              {t(
                people.length > 1
                  ? `events.sessionRole.${role}.plural`
                  : `events.sessionRole.${role}`,
              )}
            </h2>
            <ul>
              {people.map((person) => (
                <li key={person.speakerId}>
                  <strong>{person.name}</strong>
                  {person.title ? `, ${person.title}` : ""}
                  {person.organizationName ? `, ${person.organizationName}` : ""}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <p className="actions">
        <a
          className="button secondary"
          href={`/events/${event.id}/sessions/${session.id}.ics`}
          download
        >
          {t("events.session.ics")}
        </a>
        {can.edit ? (
          <Link to={`/events/${event.id}/sessions/${session.id}/edit`}>
            {t("events.session.edit")}
          </Link>
        ) : null}
      </p>
    </article>
  );
}
