import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-agenda-item";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { requireEditor } from "./page-loaders.ts";
import { getDb } from "../../../db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { getMeeting, meetingPeopleChoices, updateAgendaItem } from "../service.ts";
import { AgendaItemFields, agendaInput, agendaLabels } from "./meeting-agenda-fields.tsx";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  return loggedInPage({ request, context }, async ({ db, actor, t }) => {
    const page = await getMeeting(db, actor, params.id);
    requireEditor(page.can);
    const item = page.agenda.find((candidate) => candidate.id === params.itemId);
    if (!item) throw new AppError("not_found", "meetings.error.agendaItemNotFound");
    return {
      meeting: { id: page.meeting.id, title: page.meeting.title },
      item,
      choices: await meetingPeopleChoices(db, actor, params.id),
      title: t("meetings.agenda.editItem", { number: item.number }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const formData = await request.formData();
  const values = submittedValues(formData);
  try {
    await updateAgendaItem(
      await getDb(),
      actor,
      params.id,
      params.itemId,
      agendaInput(formData, values),
    );
    return redirect(`/meetings/${params.id}/agenda?saved=1`);
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function AgendaItemPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { meeting, item, choices } = loaderData;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const values = failure?.values ?? {
    title: item.title,
    purpose: item.purpose,
    plannedMinutes: item.plannedMinutes ? String(item.plannedMinutes) : "",
    responsiblePersonIds: item.responsible.map((p) => p.id).join("\n"),
    guestPersonIds: item.guests.map((p) => p.id).join("\n"),
    documentLinks: item.documentLinks.map((link) => `${link.title} | ${link.url}`).join("\n"),
  };
  return (
    <section>
      <p>
        <Link to={`/meetings/${meeting.id}/agenda`}>
          {t("meetings.agenda.editTitle", { title: meeting.title })}
        </Link>
      </p>
      <h1>{loaderData.title}</h1>
      <FormError failure={failure} />
      <ErrorSummary errors={failure?.fieldErrors} labels={agendaLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <AgendaItemFields values={values} errors={failure?.fieldErrors} choices={choices} />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/meetings/${meeting.id}/agenda`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
