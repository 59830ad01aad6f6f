import { Link } from "react-router";
import type { Route } from "./+types/event-sessions";
import { forbidden } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { useT } from "../../../ui/i18n.tsx";
import { getProgram } from "../service.ts";
import { ManagePage, ProgramDay } from "../ui.tsx";
import { SessionPeople } from "./session.tsx";
import { loggedInPage } from "../../../platform/page-loaders.ts";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t, url }) => {
    const program = await getProgram(db, actor, args.params.id);
    if (!program.can.edit) throw forbidden();
    const search = url.searchParams;
    return {
      title: t("events.sessions.title", { name: program.event.name }),
      event: program.event,
      program: program.program,
      notice: search.has("created")
        ? "events.sessions.created"
        : search.has("deleted")
          ? "events.sessions.deleted"
          : search.has("saved")
            ? "events.saved"
            : null,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function SessionsPage({ loaderData }: Route.ComponentProps) {
  const { event, program, notice, title } = loaderData;
  const t = useT();
  const total = program.reduce((sum, day) => sum + day.sessions.length, 0);
  return (
    <ManagePage back={`/events/${event.id}`} title={title} notice={notice}>
      <p className="actions">
        <Link className="button" to={`/events/${event.id}/sessions/new`}>
          {t("events.sessions.new")}
        </Link>
        <Link to={`/events/${event.id}/program`}>{t("events.page.programLink")}</Link>
      </p>
      {total === 0 ? <p>{t("events.sessions.none")}</p> : null}
      {program.map((day) =>
        day.sessions.length ? (
          <ProgramDay
            key={day.date}
            date={day.date}
            head={
              <>
                <th scope="col">{t("events.program.time")}</th>
                <th scope="col">{t("events.program.session")}</th>
                <th scope="col">{t("events.field.room")}</th>
                <th scope="col">{t("events.program.people")}</th>
                <th scope="col">{t("events.actions")}</th>
              </>
            }
          >
            {day.sessions.map((session) => (
              <tr key={session.id} id={`row-${session.id}`}>
                <td className="nowrap">
                  {session.startTime}–{session.endTime}
                </td>
                <th scope="row">
                  {session.title}
                  <br />
                  <span className="hint">
                    {t(`events.sessionKind.${session.kind}`)}
                    {session.trackName ? ` · ${session.trackName}` : ""}
                  </span>
                </th>
                <td>{session.roomName ?? t("events.none")}</td>
                <td>
                  <SessionPeople people={session.people} />
                </td>
                <td>
                  <Link
                    to={`/events/${event.id}/sessions/${session.id}/edit`}
                    aria-label={t("events.editNamed", { name: session.title })}
                  >
                    {t("action.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </ProgramDay>
        ) : null,
      )}
    </ManagePage>
  );
}
