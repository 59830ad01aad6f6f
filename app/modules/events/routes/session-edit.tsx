import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/session-edit";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TSessionUpdateInput } from "../schemas.ts";
import { deleteSession, getProgram, getSession, listSpeakers, updateSession } from "../service.ts";
import { FormError } from "../ui.tsx";
import {
  SessionFields,
  sessionFormValues,
  sessionInput,
  sessionLabels,
} from "./session-fields.tsx";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const db = await getDb();
    const { session, can } = await getSession(db, actor, params.id, params.sessionId);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    const program = await getProgram(db, actor, params.id);
    return {
      title: translator(locale)("events.sessions.editTitle", { title: session.title }),
      event: program.event,
      session,
      days: program.days,
      rooms: program.rooms,
      tracks: program.tracks,
      speakers: await listSpeakers(db, actor, params.id),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const formData = await request.formData();
  const values = submittedValues(formData);
  const db = await getDb();
  const intent = values.intent === "delete" ? "delete" : "save";
  try {
    if (intent === "delete") {
      await deleteSession(db, actor, params.id, params.sessionId, { version: values.version });
      return redirect(`/events/${params.id}/sessions?deleted=1`);
    }
    await updateSession(db, actor, params.id, params.sessionId, {
      ...sessionInput(formData, values),
      version: values.version ?? "",
    } as TSessionUpdateInput);
    return redirect(`/events/${params.id}/sessions?saved=1#row-${params.sessionId}`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function EditSession({ loaderData, actionData }: Route.ComponentProps) {
  const { event, session, days, rooms, tracks, speakers, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saveFailure = failure?.intent === "save" ? failure : undefined;
  const conflict = failure?.formError === "error.conflict";
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/sessions`}>{t("events.page.manageSessions")}</Link>
      </p>
      <h1>{title}</h1>
      {conflict ? (
        <div className="notice error" role="alert">
          <p>{t("events.sessions.conflict")}</p>
        </div>
      ) : (
        <FormError failure={failure} />
      )}
      <ErrorSummary errors={saveFailure?.fieldErrors} labels={sessionLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={session.version} />
        <SessionFields
          values={saveFailure?.values ?? sessionFormValues(session)}
          errors={saveFailure?.fieldErrors}
          days={days}
          rooms={rooms}
          tracks={tracks}
          speakers={speakers}
        />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/events/${event.id}/sessions/${session.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
      <section aria-labelledby="delete-session">
        <h2 id="delete-session">{t("events.sessions.delete")}</h2>
        <p>{t("events.sessions.deleteConfirm")}</p>
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="version" value={session.version} />
          <button type="submit" className="danger">
            {t("events.sessions.delete")}
          </button>
        </Form>
      </section>
    </section>
  );
}
