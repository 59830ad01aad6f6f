import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-speaker";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TSpeakerUpdateInput } from "../schemas.ts";
import { getSpeaker, organizationChoices, removeSpeaker, updateSpeaker } from "../service.ts";
import { SpeakerFields, speakerInput, speakerLabels } from "./speaker-fields.tsx";
import { eventEditorPage, formAction, saveOrDelete } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(args, async ({ db, actor, t, event }) => {
    const speaker = await getSpeaker(db, actor, args.params.id, args.params.speakerId);
    return {
      title: t("events.speakers.editTitle", { name: speaker.name }),
      event,
      speaker,
      organizations: await organizationChoices(db, actor, args.params.id),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  const { id, speakerId } = args.params;
  return formAction(args, saveOrDelete, async ({ db, actor, values }) => {
    const intent = saveOrDelete(values);
    if (intent === "delete") await removeSpeaker(db, actor, id, speakerId);
    else
      await updateSpeaker(db, actor, id, speakerId, {
        ...speakerInput(values),
        version: values.version ?? "",
      } as TSpeakerUpdateInput);
    return redirect(`/events/${id}/speakers?${intent === "delete" ? "removed" : "saved"}=1`);
  });
}

export default function SpeakerPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, speaker, organizations, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saveFailure = failure?.intent === "save" ? failure : undefined;
  // A stale save: what was typed stays in the form, the speaker as saved now is shown above it.
  const conflict = saveFailure?.formError === "error.conflict";
  const savedSpeaker = [speaker.name, speaker.title, speaker.organizationName]
    .filter(Boolean)
    .join(", ");
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
      {conflict ? (
        <FormError failure={{ formError: "events.staleSave" }}>
          <p>{`${t("events.edit.savedVersion")}: ${savedSpeaker}`}</p>
        </FormError>
      ) : (
        <FormError failure={failure} />
      )}
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={speaker.version} />
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
