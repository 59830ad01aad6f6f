import { Link, redirect } from "react-router";
import type { Route } from "./+types/event-speakers";
import { noStoreHeaders } from "../../../platform/http.ts";
import { useT } from "../../../ui/i18n.tsx";
import { addSpeaker, listSpeakers, organizationChoices } from "../service.ts";
import { AddForm, ManagePage } from "../ui.tsx";
import { noticeOf } from "./manage-helpers.ts";
import { eventEditorPage, formAction } from "./page-handlers.tsx";
import { SpeakerFields, speakerInput, speakerLabels } from "./speaker-fields.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(args, async ({ db, actor, t, event }) => ({
    title: t("events.speakers.title", { name: event.name }),
    event,
    speakers: await listSpeakers(db, actor, args.params.id),
    organizations: await organizationChoices(db, actor, args.params.id),
    notice: noticeOf(args.request),
  }));
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return formAction(args, "add", async ({ db, actor, values }) => {
    await addSpeaker(db, actor, args.params.id, speakerInput(values));
    return redirect(`/events/${args.params.id}/speakers?saved=1`);
  });
}

export default function SpeakersPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, speakers, organizations, notice, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <ManagePage
      back={`/events/${event.id}`}
      title={title}
      lead={<p>{t("events.speakers.lead")}</p>}
      notice={notice}
    >
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
      <AddForm
        id="add-speaker"
        title={t("events.speakers.add")}
        failure={failure}
        labels={speakerLabels(t)}
      >
        <SpeakerFields
          values={failure?.values ?? {}}
          errors={failure?.fieldErrors}
          organizations={organizations}
        />
      </AddForm>
    </ManagePage>
  );
}
