// /meetings/:id/minutes/edit: the secretary's form. Per agenda item: notes, reflections and
// decisions (one per line), saved against the version read (hidden baseVersion). A save that is
// behind comes back with both texts per conflicting field, their word diff, and the form filled
// with the proposed merge, to be saved against the new version. Also the workflow, visibility
// and the actions per item.
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/minutes-edit";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { requireEditor } from "./page-loaders.ts";
import { getDb } from "../../../db/index.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, FormError } from "../../../ui/form.tsx";
import { isAppError } from "../../../platform/errors.ts";
import { formatCalendarDate } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { actionsOfMeeting, createAction, updateAction } from "../actions.ts";
import {
  changeStatus,
  getMinutes,
  isMinutesConflict,
  saveMinutes,
  setVisibility,
  type MinutesConflictDetails,
} from "../minutes.ts";
import {
  canEditText,
  fieldText,
  itemFields,
  itemOf,
  linesToList,
  nextStatuses,
} from "../minutes-rules.ts";
import {
  minutesVisibilities,
  type ActionStatus,
  type MinutesContent,
  type MinutesStatus,
  type MinutesVisibility,
} from "../schema.ts";
import { getMeeting } from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { ActionStatusFields, WordDiff } from "./minutes-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  return loggedInPage({ request, context }, async ({ db, actor, t, url }) => {
    const minutes = await getMinutes(db, actor, params.id);
    requireEditor(minutes.can);
    const page = await getMeeting(db, actor, params.id);
    const actions = await actionsOfMeeting(db, params.id);
    return {
      meeting: { id: page.meeting.id, title: page.meeting.title },
      agenda: page.agenda.map((item) => ({ id: item.id, number: item.number, title: item.title })),
      people: [...page.members, ...page.guests].map((p) => ({ id: p.personId, name: p.name })),
      minutes: {
        status: minutes.status,
        visibility: minutes.visibility,
        version: minutes.version,
        content: minutes.content,
      },
      actions,
      saved: url.searchParams.has("saved"),
      title: t("minutes.editTitle", { title: page.meeting.title }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

function contentFrom(formData: FormData, itemIds: string[]): MinutesContent {
  const items: MinutesContent["items"] = {};
  for (const id of itemIds) {
    const value = (name: string) => {
      const raw = formData.get(`${name}:${id}`);
      return typeof raw === "string" ? raw : "";
    };
    items[id] = {
      notes: value("notes").replace(/\r\n/g, "\n").trim(),
      reflections: linesToList(value("reflections")),
      decisions: linesToList(value("decisions")),
    };
  }
  return { items };
}

/**
 * The form's names of the fields a refused save names by their path in the content
 * (`content.items.<id>.reflections.2` → `reflections:<id>`), so the message shows at its field.
 */
function contentFieldNames(error: unknown): Record<string, string> {
  const names: Record<string, string> = {};
  if (!isAppError(error)) return names;
  for (const path of Object.keys(error.fieldErrors)) {
    const match = /^content\.items\.([^.]+)\.(notes|reflections|decisions)(?:\.\d+)?$/.exec(path);
    if (match) names[path] = `${match[2]}:${match[1]}`;
  }
  return names;
}

/** What the form shows in a field: the submitted text after a refusal, else the saved text. */
function shownText(
  content: MinutesContent,
  submitted: Record<string, string> | undefined,
  itemId: string,
  field: (typeof itemFields)[number],
): string {
  const typed = submitted?.[`${field}:${itemId}`];
  return typed ?? fieldText(itemOf(content, itemId), field);
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const formData = await request.formData();
  const values = submittedValues(formData);
  const db = await getDb();
  const intent = values.intent ?? "save";
  const meetingId = params.id;
  try {
    if (intent === "status") {
      await changeStatus(db, actor, {
        meetingId,
        version: Number(values.version),
        status: values.status as MinutesStatus,
      });
    } else if (intent === "visibility") {
      await setVisibility(db, actor, {
        meetingId,
        version: Number(values.version),
        visibility: values.visibility as MinutesVisibility,
      });
    } else if (intent === "addAction") {
      await createAction(db, actor, {
        meetingId,
        agendaItemId: values.agendaItemId || null,
        title: values.title ?? "",
        ownerPersonId: values.ownerPersonId || null,
        dueDate: values.dueDate || null,
      });
    } else if (intent === "actionStatus") {
      await updateAction(db, actor, values.actionId ?? "", {
        version: Number(values.version),
        status: values.status as ActionStatus,
      });
    } else {
      const itemIds = formData
        .getAll("itemId")
        .filter((value): value is string => typeof value === "string");
      const content = contentFrom(formData, itemIds);
      try {
        await saveMinutes(db, actor, {
          meetingId,
          baseVersion: Number(values.baseVersion),
          content,
        });
      } catch (error) {
        if (!isMinutesConflict(error)) throw error;
        return data(
          {
            ok: false as const,
            conflict: error.details,
            intent,
            fieldErrors: {},
            formError: error.message,
            values,
          },
          { status: 409, headers: noStoreHeaders },
        );
      }
    }
    return redirect(`/meetings/${meetingId}/minutes/edit?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, {
      intent: intent,
      fieldNames: contentFieldNames(error),
    });
  }
}

function Conflicts({
  conflict,
  titles,
}: {
  conflict: MinutesConflictDetails;
  titles: Map<string, string>;
}) {
  const t = useT();
  return (
    <div className="notice error" role="alert">
      <p>{t("minutes.error.behind")}</p>
      {conflict.conflicts.map(({ itemId, field }) => {
        const mine = fieldText(itemOf(conflict.mineContent, itemId), field);
        const theirs = fieldText(itemOf(conflict.currentContent, itemId), field);
        return (
          <section key={`${itemId}:${field}`}>
            <h2>
              {titles.get(itemId) ?? ""}: {t(`minutes.field.${field}`)}
            </h2>
            <div className="side-by-side">
              <div>
                <h3>{t("minutes.conflict.mine")}</h3>
                <p className="prewrap">{mine}</p>
              </div>
              <div>
                <h3>{t("minutes.conflict.theirs")}</h3>
                <p className="prewrap">{theirs}</p>
              </div>
            </div>
            <h3>{t("minutes.conflict.diff")}</h3>
            <WordDiff older={theirs} newer={mine} />
          </section>
        );
      })}
      <p>{t("minutes.conflict.merged")}</p>
    </div>
  );
}

export default function MinutesEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { meeting, agenda, people, minutes, actions, saved } = loaderData;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const conflict = failure && "conflict" in failure ? failure.conflict : undefined;
  const content = conflict ? conflict.mergedContent : minutes.content;
  // A refused save (without JavaScript too) shows what was typed, not the saved text.
  const submitted = failure && !conflict && failure.intent === "save" ? failure.values : undefined;
  const fieldLabels = Object.fromEntries(
    agenda.flatMap((item) =>
      itemFields.map((field) => [
        `${field}:${item.id}`,
        `${item.number}. ${item.title}: ${t(`minutes.field.${field}`)}`,
      ]),
    ),
  );
  const baseVersion = conflict ? conflict.currentVersion : minutes.version;
  const titles = new Map(agenda.map((item) => [item.id, `${item.number}. ${item.title}`]));
  const base = `/meetings/${meeting.id}`;
  return (
    <section>
      <p>
        <Link to={base}>{t("minutes.backToMeeting")}</Link> ·{" "}
        <Link to={`${base}/minutes`}>{t("minutes.read")}</Link> ·{" "}
        <Link to={`${base}/minutes/versions`}>{t("minutes.versions")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p>
        {t("minutes.status")}: {t(`minutes.status.${minutes.status}`)} ·{" "}
        {t("minutes.version", { version: minutes.version })}
      </p>
      {saved && !failure ? (
        <p className="notice" role="status">
          {t("minutes.saved")}
        </p>
      ) : null}
      {conflict ? <Conflicts conflict={conflict} titles={titles} /> : null}
      {conflict ? null : <FormError failure={failure} />}
      {failure && !conflict ? (
        <ErrorSummary errors={failure.fieldErrors} labels={fieldLabels} />
      ) : null}

      {agenda.length === 0 ? (
        <p>{t("minutes.noItems")}</p>
      ) : !canEditText(minutes.status) ? (
        <p className="notice">{t("minutes.error.notEditable")}</p>
      ) : (
        <Form method="post" className="stacked" key={`form-${baseVersion}`}>
          <CsrfField />
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="baseVersion" value={baseVersion} />
          {agenda.map((item) => (
            <fieldset key={item.id}>
              <legend>
                {item.number}. {item.title}
              </legend>
              <input type="hidden" name="itemId" value={item.id} />
              {itemFields.map((field) => (
                <Field
                  key={field}
                  name={`${field}:${item.id}`}
                  label={t(`minutes.field.${field}`)}
                  errors={submitted ? failure?.fieldErrors : undefined}
                >
                  {(props) => (
                    <textarea
                      {...props}
                      rows={field === "notes" ? 6 : 3}
                      defaultValue={shownText(content, submitted, item.id, field)}
                    />
                  )}
                </Field>
              ))}
            </fieldset>
          ))}
          <div className="actions">
            <button type="submit">{t("minutes.save")}</button>
          </div>
        </Form>
      )}

      <h2>{t("minutes.status")}</h2>
      <div className="actions">
        {nextStatuses(minutes.status).map((status) => (
          <Form method="post" className="inline" key={status}>
            <CsrfField />
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="version" value={minutes.version} />
            <input type="hidden" name="status" value={status} />
            <button type="submit">{t(`minutes.to.${status}`)}</button>
          </Form>
        ))}
      </div>

      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="intent" value="visibility" />
        <input type="hidden" name="version" value={minutes.version} />
        <fieldset>
          <legend>{t("minutes.visibility")}</legend>
          {minutesVisibilities.map((visibility) => (
            <label key={visibility} className="choice">
              <input
                type="radio"
                name="visibility"
                value={visibility}
                defaultChecked={minutes.visibility === visibility}
              />{" "}
              {t(`minutes.visibility.${visibility}`)}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit">{t("minutes.visibility.save")}</button>
        </div>
      </Form>

      <h2>{t("meetingDocuments.doc.actions")}</h2>
      {agenda.map((item) => (
        <section key={item.id}>
          <h3>
            {item.number}. {item.title}
          </h3>
          <ul className="plain">
            {actions
              .filter((a) => a.agendaItemId === item.id)
              .map((a) => (
                <li key={a.id}>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="intent" value="actionStatus" />
                    {a.title}
                    {a.ownerName ? ` – ${a.ownerName}` : ""}
                    {a.dueDate
                      ? `, ${t("meetingDocuments.doc.due", { date: formatCalendarDate(locale, a.dueDate) })}`
                      : ""}{" "}
                    <ActionStatusFields action={a} />
                  </Form>
                </li>
              ))}
          </ul>
          <Form method="post" className="stacked">
            <CsrfField />
            <input type="hidden" name="intent" value="addAction" />
            <input type="hidden" name="agendaItemId" value={item.id} />
            <p>
              <label htmlFor={`title-${item.id}`}>{t("minutes.actions.titleField")}</label>
              <input id={`title-${item.id}`} name="title" required maxLength={500} />
            </p>
            <p>
              <label htmlFor={`owner-${item.id}`}>{t("minutes.actions.owner")}</label>
              <select id={`owner-${item.id}`} name="ownerPersonId" defaultValue="">
                <option value="">–</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label htmlFor={`due-${item.id}`}>{t("minutes.actions.due")}</label>
              <input id={`due-${item.id}`} name="dueDate" type="date" />
            </p>
            <div className="actions">
              <button type="submit">{t("minutes.actions.add")}</button>
            </div>
          </Form>
        </section>
      ))}
    </section>
  );
}
