import { useState } from "react";
import { Form, Link, redirect, useNavigation, useRouteLoaderData, useSubmit } from "react-router";
import type { Route } from "./+types/meeting-agenda";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { requireEditor } from "./page-loaders.ts";
import { getDb } from "../../../db/index.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
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
import type { TAgendaMoveInput } from "../schemas.ts";
import { useRowDrag } from "./agenda-drag.tsx";
import { AgendaCells, AgendaHead } from "./meeting-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  return loggedInPage({ request, context }, async ({ db, actor, t, url }) => {
    const page = await getMeeting(db, actor, params.id);
    requireEditor(page.can);
    const choices = await meetingPeopleChoices(db, actor, params.id);
    const movedId = url.searchParams.get("moved");
    const moved = page.agenda.find((item) => item.id === movedId);
    return {
      meeting: page.meeting,
      agenda: page.agenda,
      choices,
      notice: moved
        ? t("meetings.agenda.moved", { title: moved.title, number: moved.number })
        : url.searchParams.has("saved")
          ? t("meetings.agenda.saved")
          : url.searchParams.has("deleted")
            ? t("meetings.agenda.deleted")
            : null,
      focus: movedId,
      title: t("meetings.agenda.editTitle", { title: page.meeting.title }),
    };
  });
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
    if (intent === "up" || intent === "down" || intent === "position") {
      // Up and down from the buttons; a position from dragging a row with the mouse.
      const target: TAgendaMoveInput =
        intent === "position" ? { position: values.position ?? "" } : { direction: intent };
      await moveAgendaItem(db, actor, params.id, itemId, target);
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
  const otherMessage = otherFailure
    ? (otherFailure.formError ?? Object.values(otherFailure.fieldErrors)[0]?.[0] ?? "error.invalid")
    : null;
  const submit = useSubmit();
  const navigation = useNavigation();
  const csrfToken = (useRouteLoaderData("root") as { csrfToken?: string } | undefined)?.csrfToken;
  const [moving, setMoving] = useState<string | null>(null);
  const { enhanced, rowProps } = useRowDrag(
    agenda.map((item) => item.id),
    (itemId, position) => {
      const title = agenda.find((item) => item.id === itemId)?.title ?? "";
      setMoving(t("meetings.agenda.moving", { title, number: position }));
      void submit(
        { _csrf: csrfToken ?? "", intent: "position", itemId, position: String(position) },
        { method: "post", preventScrollReset: true },
      );
    },
  );
  // One live region that stays on the page, so a move made by dragging is read out when the
  // agenda comes back with its new order (and, while it is saved, that it is being moved).
  const announcement = navigation.state !== "idle" && moving ? moving : notice;
  return (
    <section>
      <p>
        <Link to={`/meetings/${meeting.id}`}>{t("meetings.meeting.backToMeeting")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <div role="status" aria-live="polite">
        {announcement ? <p className="notice">{announcement}</p> : null}
      </div>
      <FormError failure={otherMessage ? { formError: otherMessage } : undefined} />
      {agenda.length === 0 ? (
        <p>{t("meetings.meeting.noAgenda")}</p>
      ) : (
        <table>
          {enhanced ? <caption className="hint">{t("meetings.agenda.dragHint")}</caption> : null}
          <AgendaHead last={t("meetings.agenda.actions")} />
          <tbody>
            {agenda.map((item, index) => (
              <tr key={item.id} id={`item-${item.id}`} {...rowProps(item.id, index)}>
                <AgendaCells item={item} />
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
      <FormError failure={addFailure} />
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
