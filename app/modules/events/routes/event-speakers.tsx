import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-speakers";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { addSpeaker, getEvent, listSpeakers, organizationChoices } from "../service.ts";
import { FormError, Notice } from "../ui.tsx";
import { noticeOf } from "./manage-helpers.ts";
import { SpeakerFields, speakerInput, speakerLabels } from "./speaker-fields.tsx";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const db = await getDb();
    const { event, can } = await getEvent(db, actor, params.id);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    return {
      title: translator(locale)("events.speakers.title", { name: event.name }),
      event,
      speakers: await listSpeakers(db, actor, params.id),
      organizations: await organizationChoices(db, actor, params.id),
      notice: noticeOf(request),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    await addSpeaker(await getDb(), actor, params.id, speakerInput(values));
    return redirect(`/events/${params.id}/speakers?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent: "add" });
  }
}

export default function SpeakersPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, speakers, organizations, notice, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("events.speakers.lead")}</p>
      <Notice text={notice ? t(notice) : null} />
      {speakers.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("events.field.name")}</th>
                <th scope="col">{t("events.field.speakerTitle")}</th>
                <th scope="col">{t("events.field.organization")}</th>
                <th scope="col">{t("events.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {speakers.map((speaker) => (
                <tr key={speaker.id}>
                  <th scope="row">
                    {speaker.name}
                    {speaker.id === event.mcSpeakerId ? ` (${t("events.field.mc")})` : ""}
                  </th>
                  <td>{speaker.title || t("events.none")}</td>
                  <td>{speaker.organizationName || t("events.none")}</td>
                  <td>
                    <Link
                      to={`/events/${event.id}/speakers/${speaker.id}`}
                      aria-label={t("events.editNamed", { name: speaker.name })}
                    >
                      {t("action.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("events.speakers.none")}</p>
      )}
      <h2 id="add-speaker">{t("events.speakers.add")}</h2>
      <ErrorSummary errors={failure?.fieldErrors} labels={speakerLabels(t)} />
      <FormError failure={failure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="add-speaker">
        <CsrfField />
        <SpeakerFields
          values={failure?.values ?? {}}
          errors={failure?.fieldErrors}
          organizations={organizations}
        />
        <div className="actions">
          <button type="submit">{t("events.speakers.add")}</button>
        </div>
      </Form>
    </section>
  );
}
