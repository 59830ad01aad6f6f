import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/session-new";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TSessionCreateInput } from "../schemas.ts";
import { createSession, getProgram, listSpeakers } from "../service.ts";
import { FormError } from "../ui.tsx";
import { SessionFields, sessionInput, sessionLabels } from "./session-fields.tsx";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const db = await getDb();
    const program = await getProgram(db, actor, params.id);
    if (!program.can.edit) throw new AppError("forbidden", "error.forbidden");
    return {
      title: translator(locale)("events.sessions.newTitle", { name: program.event.name }),
      event: program.event,
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
  try {
    await createSession(
      await getDb(),
      actor,
      params.id,
      sessionInput(formData, values) as TSessionCreateInput,
    );
    return redirect(`/events/${params.id}/sessions?created=1`);
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function NewSession({ loaderData, actionData }: Route.ComponentProps) {
  const { event, days, rooms, tracks, speakers, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/sessions`}>{t("events.page.manageSessions")}</Link>
      </p>
      <h1>{title}</h1>
      <FormError failure={failure} />
      <ErrorSummary errors={failure?.fieldErrors} labels={sessionLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <SessionFields
          values={failure?.values ?? {}}
          errors={failure?.fieldErrors}
          days={days}
          rooms={rooms}
          tracks={tracks}
          speakers={speakers}
        />
        <div className="actions">
          <button type="submit">{t("action.create")}</button>
          <Link to={`/events/${event.id}/sessions`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
