import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-speaker";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import {
  getEvent,
  getSpeaker,
  organizationChoices,
  removeSpeaker,
  updateSpeaker,
} from "../service.ts";
import { FormError } from "../ui.tsx";
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
    const speaker = await getSpeaker(db, actor, params.id, params.speakerId);
    return {
      title: translator(locale)("events.speakers.editTitle", { name: speaker.name }),
      event,
      speaker,
      organizations: await organizationChoices(db, actor, params.id),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent === "delete" ? "delete" : "save";
  try {
    if (intent === "delete") await removeSpeaker(db, actor, params.id, params.speakerId);
    else await updateSpeaker(db, actor, params.id, params.speakerId, speakerInput(values));
    return redirect(`/events/${params.id}/speakers?${intent === "delete" ? "removed" : "saved"}=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function SpeakerPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, speaker, organizations, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saveFailure = failure?.intent === "save" ? failure : undefined;
  const values = saveFailure?.values ?? {
    name: speaker.name,
    title: speaker.title,
    bio: speaker.bio,
    organizationId: speaker.organizationId ?? "",
    organizationName: speaker.organizationId ? "" : speaker.organizationName,
  };
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/speakers`}>{t("events.page.manageSpeakers")}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={saveFailure?.fieldErrors} labels={speakerLabels(t)} />
      <FormError failure={failure} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <SpeakerFields
          values={values}
          errors={saveFailure?.fieldErrors}
          organizations={organizations}
        />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/events/${event.id}/speakers`}>{t("action.cancel")}</Link>
        </div>
      </Form>
      <section aria-labelledby="delete-speaker">
        <h2 id="delete-speaker">{t("events.speakers.delete")}</h2>
        <p>{t("events.speakers.deleteConfirm")}</p>
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="danger">
            {t("events.speakers.delete")}
          </button>
        </Form>
      </section>
    </section>
  );
}
