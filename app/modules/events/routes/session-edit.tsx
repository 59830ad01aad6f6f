import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/session-edit";
import { forbidden } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TSessionUpdateInput } from "../schemas.ts";
import { deleteSession, getProgram, getSession, updateSession } from "../service.ts";
import {
  SessionFields,
  sessionFormValues,
  sessionInput,
  sessionLabels,
} from "./session-fields.tsx";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { formAction, saveOrDelete, sessionChoices } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const { session, can } = await getSession(db, actor, args.params.id, args.params.sessionId);
    if (!can.edit) throw forbidden();
    return {
      title: t("events.sessions.editTitle", { title: session.title }),
      session,
      ...(await sessionChoices(
        db,
        actor,
        args.params.id,
        await getProgram(db, actor, args.params.id),
      )),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  const { id, sessionId } = args.params;
  return formAction(args, saveOrDelete, async ({ db, actor, values, formData }) => {
    if (saveOrDelete(values) === "delete") {
      await deleteSession(db, actor, id, sessionId, { version: values.version });
      return redirect(`/events/${id}/sessions?deleted=1`);
    }
    await updateSession(db, actor, id, sessionId, {
      ...sessionInput(formData, values),
      version: values.version ?? "",
    } as TSessionUpdateInput);
    return redirect(`/events/${id}/sessions?saved=1#row-${sessionId}`);
  });
}

export default function EditSession({ loaderData, actionData }: Route.ComponentProps) {
  const { event, session, choices, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saveFailure = failure?.intent === "save" ? failure : undefined;
  const conflict = failure?.formError === "error.conflict";
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/sessions`}>{t("events.page.manageSessions")}</Link>
      </p>
      <h1>{title}</h1>
      <FormError failure={conflict ? { formError: "events.sessions.conflict" } : failure} />
      <ErrorSummary errors={saveFailure?.fieldErrors} labels={sessionLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={session.version} />
        <SessionFields
          values={saveFailure?.values ?? sessionFormValues(session)}
          errors={saveFailure?.fieldErrors}
          {...choices}
        />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/events/${event.id}/sessions/${session.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
      <section aria-labelledby="delete-session">
        <h2 id="delete-session">{t("events.sessions.delete")}</h2>
        <p>{t("events.sessions.deleteConfirm")}</p>
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="version" value={session.version} />
          <button type="submit" className="danger">
            {t("events.sessions.delete")}
          </button>
        </Form>
      </section>
    </section>
  );
}
