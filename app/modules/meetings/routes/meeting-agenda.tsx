import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-agenda";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import {
  createAgendaItem,
  deleteAgendaItem,
  getMeeting,
  meetingPeopleChoices,
  moveAgendaItem,
} from "../service.ts";
import { AgendaItemFields, agendaInput, agendaLabels } from "./meeting-agenda-fields.tsx";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  const db = await getDb();
  try {
    const page = await getMeeting(db, actor, params.id);
    if (!page.can.edit) throw new AppError("forbidden", "error.forbidden");
    const choices = await meetingPeopleChoices(db, actor, params.id);
    const url = new URL(request.url);
    const movedId = url.searchParams.get("moved");
    const moved = page.agenda.find((item) => item.id === movedId);
    return {
      meeting: page.meeting,
      agenda: page.agenda,
      choices,
      notice: moved
        ? translator(locale)("meetings.agenda.moved", { title: moved.title, number: moved.number })
        : url.searchParams.has("saved")
          ? translator(locale)("meetings.agenda.saved")
          : url.searchParams.has("deleted")
            ? translator(locale)("meetings.agenda.deleted")
            : null,
      focus: movedId,
      title: translator(locale)("meetings.agenda.editTitle", { title: page.meeting.title }),
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
  const intent = values.intent ?? "add";
  const itemId = values.itemId ?? "";
  try {
    if (intent === "up" || intent === "down") {
      await moveAgendaItem(db, actor, params.id, itemId, { direction: intent });
      return redirect(`/meetings/${params.id}/agenda?moved=${itemId}#item-${itemId}`);
    }
    if (intent === "delete") {
      await deleteAgendaItem(db, actor, params.id, itemId);
      return redirect(`/meetings/${params.id}/agenda?deleted=1`);
    }
    await createAgendaItem(db, actor, params.id, agendaInput(formData, values));
    return redirect(`/meetings/${params.id}/agenda?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent: intent });
  }
}

export default function AgendaPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { meeting, agenda, choices, notice } = loaderData;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const otherFailure = failure && failure.intent !== "add" ? failure : undefined;
  return (
    <section>
      <p>
        <Link to={`/meetings/${meeting.id}`}>{t("meetings.meeting.backToMeeting")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {otherFailure?.formError ? (
        <div className="notice error" role="alert">
          <p>{t(otherFailure.formError)}</p>
        </div>
      ) : null}
      {agenda.length === 0 ? (
        <p>{t("meetings.meeting.noAgenda")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("meetings.agenda.number")}</th>
              <th scope="col">{t("meetings.agenda.title")}</th>
              <th scope="col">{t("meetings.agenda.purpose")}</th>
              <th scope="col">{t("meetings.agenda.responsible")}</th>
              <th scope="col">{t("meetings.agenda.guests")}</th>
              <th scope="col">{t("meetings.agenda.plannedMinutes")}</th>
              <th scope="col">{t("meetings.agenda.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {agenda.map((item, index) => (
              <tr key={item.id} id={`item-${item.id}`}>
                <td>{item.number}</td>
                <th scope="row">{item.title}</th>
                <td>{item.purpose}</td>
                <td>{item.responsible.map((p) => p.name).join(", ")}</td>
                <td>{item.guests.map((p) => p.name).join(", ")}</td>
                <td>{item.plannedMinutes ?? ""}</td>
                <td>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="itemId" value={item.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="up"
                      disabled={index === 0}
                      aria-label={t("meetings.agenda.moveUpNamed", { title: item.title })}
                    >
                      {t("meetings.agenda.moveUp")}
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value="down"
                      disabled={index === agenda.length - 1}
                      aria-label={t("meetings.agenda.moveDownNamed", { title: item.title })}
                    >
                      {t("meetings.agenda.moveDown")}
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      className="danger"
                      aria-label={t("meetings.agenda.deleteNamed", { title: item.title })}
                    >
                      {t("action.delete")}
                    </button>
                  </Form>
                  <Link
                    to={`/meetings/${meeting.id}/agenda/${item.id}`}
                    aria-label={t("meetings.agenda.editItemNamed", { title: item.title })}
                  >
                    {t("action.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("meetings.agenda.add")}</h2>
      <ErrorSummary errors={addFailure?.fieldErrors} labels={agendaLabels(t)} />
      {addFailure?.formError ? (
        <div className="notice error" role="alert">
          <p>{t(addFailure.formError)}</p>
        </div>
      ) : null}
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <AgendaItemFields
          values={addFailure?.values ?? {}}
          errors={addFailure?.fieldErrors}
          choices={choices}
        />
        <div className="actions">
          <button type="submit">{t("meetings.agenda.addButton")}</button>
        </div>
      </Form>
    </section>
  );
}
