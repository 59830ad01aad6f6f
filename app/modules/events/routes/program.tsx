import { Form, Link } from "react-router";
import type { Route } from "./+types/program";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { isAppError, type FieldErrors } from "../../../platform/errors.ts";
import { queryFilter } from "../../../platform/forms.ts";
import { refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { ErrorSummary, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { getProgram, type Program } from "../service.ts";
import { ManageLinks, ProgramDay, useDay } from "../ui.tsx";
import { SessionPeople } from "./session.tsx";

const filterNames = ["day", "trackId", "kind"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const db = await getDb();
  const filters = queryFilter(request, filterNames);
  let program: Program;
  let errors: FieldErrors | undefined;
  try {
    try {
      program = await getProgram(db, actor, params.id, filters);
    } catch (error) {
      // A filter that does not parse: say so, and show the whole program.
      if (!isAppError(error) || error.code !== "validation") throw error;
      errors = error.fieldErrors;
      program = await getProgram(db, actor, params.id, {});
    }
  } catch (error) {
    refusal(error, request);
  }
  return {
    ...program,
    errors,
    title: translator(locale)("events.program.title", { name: program.event.name }),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function ProgramPage({ loaderData }: Route.ComponentProps) {
  const { event, can, days, tracks, kinds, filter, program, mc, errors, title } = loaderData;
  const t = useT();
  const formatDay = useDay();
  const filtered = Boolean(filter.day || filter.trackId || filter.kind);
  const shown = program.reduce((sum, day) => sum + day.sessions.length, 0);
  return (
    <article>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      {event.status === "cancelled" ? (
        <p className="notice error">
          <strong>{t("events.page.cancelledNotice")}</strong>
        </p>
      ) : null}
      <ManageLinks eventId={event.id} can={can} />
      {mc ? (
        <p>
          {t("events.program.mc", {
            name: mc.organizationName ? `${mc.name} (${mc.organizationName})` : mc.name,
          })}
        </p>
      ) : null}
      <p>
        <a href={`/events/${event.id}/program.ics`} download>
          {t("events.program.ics")}
        </a>
      </p>
      <ErrorSummary
        errors={errors}
        labels={{
          day: t("events.program.day"),
          trackId: t("events.program.track"),
          kind: t("events.program.kind"),
        }}
      />
      <Form method="get" className="filters" aria-labelledby="program-filter">
        <h2 id="program-filter" className="visually-hidden">
          {t("events.program.filter")}
        </h2>
        {days.length > 1 ? (
          <SelectField
            name="day"
            label={t("events.program.day")}
            errors={errors}
            defaultValue={filter.day}
            empty={t("events.program.allDays")}
            options={days.map((day) => ({ value: day, label: formatDay(day) }))}
          />
        ) : null}
        {tracks.length ? (
          <SelectField
            name="trackId"
            label={t("events.program.track")}
            errors={errors}
            defaultValue={filter.trackId}
            empty={t("events.program.allTracks")}
            options={tracks.map((track) => ({ value: track.id, label: track.name }))}
          />
        ) : null}
        <SelectField
          name="kind"
          label={t("events.program.kind")}
          errors={errors}
          defaultValue={filter.kind}
          empty={t("events.program.allKinds")}
          options={kinds.map((kind) => ({ value: kind, label: t(`events.sessionKind.${kind}`) }))}
        />
        <button type="submit">{t("events.program.apply")}</button>
        {filtered ? (
          <Link to={`/events/${event.id}/program`}>{t("events.program.clear")}</Link>
        ) : null}
      </Form>
      {filtered ? (
        <p className="result-count" role="status">
          {t("events.program.shown", { count: shown })}
        </p>
      ) : null}
      {shown === 0 ? (
        <p>{filtered ? t("events.program.none") : t("events.program.empty")}</p>
      ) : (
        program.map((day) =>
          day.sessions.length ? (
            <ProgramDay
              key={day.date}
              date={day.date}
              head={
                <>
                  <th scope="col">{t("events.program.time")}</th>
                  <th scope="col">{t("events.program.session")}</th>
                  <th scope="col">{t("events.field.room")}</th>
                  {tracks.length ? <th scope="col">{t("events.field.track")}</th> : null}
                  <th scope="col">{t("events.program.people")}</th>
                </>
              }
            >
              {day.sessions.map((session) => (
                <tr key={session.id} id={`session-${session.id}`}>
                  <td className="nowrap">
                    <time dateTime={new Date(session.startsAt).toISOString()}>
                      {session.startTime}
                    </time>
                    –
                    <time dateTime={new Date(session.endsAt).toISOString()}>{session.endTime}</time>
                  </td>
                  <th scope="row">
                    <Link to={`/events/${event.id}/sessions/${session.id}`}>{session.title}</Link>
                    <br />
                    <span className="hint">{t(`events.sessionKind.${session.kind}`)}</span>
                  </th>
                  <td>{session.roomName ?? t("events.none")}</td>
                  {tracks.length ? <td>{session.trackName ?? t("events.none")}</td> : null}
                  <td>
                    <SessionPeople people={session.people} />
                  </td>
                </tr>
              ))}
            </ProgramDay>
          ) : null,
        )
      )}
    </article>
  );
}
