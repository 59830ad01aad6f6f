// /actions: "Mina åtgärder", the logged-in person's open and in-progress actions, with status.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/actions";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { getDb } from "../../../db/index.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { FormError } from "../../../ui/form.tsx";
import { formatCalendarDate } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { listMyActions, updateAction } from "../actions.ts";
import type { ActionStatus } from "../schema.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { meetingDate } from "./meeting-ui.tsx";
import { ActionStatusFields } from "./minutes-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader({ request, context }: Route.LoaderArgs) {
  return loggedInPage({ request, context }, async ({ db, actor, t, url }) => {
    const actions = await listMyActions(db, actor);
    return {
      actions,
      updated: url.searchParams.has("updated"),
      title: t("minutes.actions.title"),
    };
  });
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
      <FormError failure={failure} />
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
                <td>{a.dueDate ? formatCalendarDate(locale, a.dueDate) : "–"}</td>
                <td>
                  <Link to={`/meetings/${a.meetingId}`}>{a.meetingTitle}</Link>,{" "}
                  {meetingDate(locale, a.meetingStartsAt, a.meetingTimeZone)}
                </td>
                <td>{a.networkName}</td>
                <td>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <ActionStatusFields action={a} />
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
