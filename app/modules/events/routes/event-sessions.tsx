import { Link } from "react-router";
import type { Route } from "./+types/event-sessions";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { useT } from "../../../ui/i18n.tsx";
import { getProgram } from "../service.ts";
import { Notice, useDay } from "../ui.tsx";
import { SessionPeople } from "./session.tsx";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const program = await getProgram(await getDb(), actor, params.id);
    if (!program.can.edit) throw new AppError("forbidden", "error.forbidden");
    const search = new URL(request.url).searchParams;
    return {
      title: translator(locale)("events.sessions.title", { name: program.event.name }),
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
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function SessionsPage({ loaderData }: Route.ComponentProps) {
  const { event, program, notice, title } = loaderData;
  const t = useT();
  const formatDay = useDay();
  const total = program.reduce((sum, day) => sum + day.sessions.length, 0);
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <Notice text={notice ? t(notice) : null} />
      <p className="actions">
        <Link className="button" to={`/events/${event.id}/sessions/new`}>
          {t("events.sessions.new")}
        </Link>
        <Link to={`/events/${event.id}/program`}>{t("events.page.programLink")}</Link>
      </p>
      {total === 0 ? <p>{t("events.sessions.none")}</p> : null}
      {program.map((day) =>
        day.sessions.length ? (
          <section key={day.date} aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`}>{formatDay(day.date)}</h2>
            <div className="table-scroll">
              <table aria-labelledby={`day-${day.date}`}>
                <thead>
                  <tr>
                    <th scope="col">{t("events.program.time")}</th>
                    <th scope="col">{t("events.program.session")}</th>
                    <th scope="col">{t("events.field.room")}</th>
                    <th scope="col">{t("events.program.people")}</th>
                    <th scope="col">{t("events.actions")}</th>
                  </tr>
                </thead>
                <tbody>
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
                </tbody>
              </table>
            </div>
          </section>
        ) : null,
      )}
    </section>
  );
}
