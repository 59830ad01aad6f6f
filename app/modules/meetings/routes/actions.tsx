// /actions: "Mina åtgärder", the logged-in person's open and in-progress actions, with status.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/actions";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { listMyActions, updateAction } from "../actions.ts";
import { actionStatuses, type ActionStatus } from "../schema.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { meetingDate } from "./meeting-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const actions = await listMyActions(await getDb(), actor);
    return {
      actions,
      updated: new URL(request.url).searchParams.has("updated"),
      title: translator(locale)("minutes.actions.title"),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    await updateAction(await getDb(), actor, values.actionId ?? "", {
      version: Number(values.version),
      status: values.status as ActionStatus,
    });
    return redirect("/actions?updated=1");
  } catch (error) {
    return formFailure(error, request, values, { intent: "status" });
  }
}

export default function ActionsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { actions, updated } = loaderData;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <section>
      <h1>{loaderData.title}</h1>
      {updated && !failure ? (
        <p className="notice" role="status">
          {t("minutes.actions.updated")}
        </p>
      ) : null}
      {failure?.formError ? (
        <div className="notice error" role="alert">
          <p>{t(failure.formError)}</p>
        </div>
      ) : null}
      {actions.length === 0 ? (
        <p>{t("minutes.actions.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("minutes.actions.titleField")}</th>
              <th scope="col">{t("minutes.actions.due")}</th>
              <th scope="col">{t("minutes.actions.meeting")}</th>
              <th scope="col">{t("minutes.actions.network")}</th>
              <th scope="col">{t("minutes.actions.status")}</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id}>
                <td>{a.title}</td>
                <td>{a.dueDate ?? "–"}</td>
                <td>
                  <Link to={`/meetings/${a.meetingId}`}>{a.meetingTitle}</Link>,{" "}
                  {meetingDate(locale, a.meetingStartsAt, a.meetingTimeZone)}
                </td>
                <td>{a.networkName}</td>
                <td>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="actionId" value={a.id} />
                    <input type="hidden" name="version" value={a.version} />
                    <label htmlFor={`status-${a.id}`} className="visually-hidden">
                      {t("minutes.actions.status")}
                    </label>
                    <select id={`status-${a.id}`} name="status" defaultValue={a.status}>
                      {actionStatuses.map((status) => (
                        <option key={status} value={status}>
                          {t(`minutes.actions.status.${status}`)}
                        </option>
                      ))}
                    </select>{" "}
                    <button type="submit">{t("minutes.actions.update")}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
