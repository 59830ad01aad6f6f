import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/session-new";
import { forbidden } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TSessionCreateInput } from "../schemas.ts";
import { createSession, getProgram } from "../service.ts";
import { SessionFields, sessionInput, sessionLabels } from "./session-fields.tsx";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { formAction, sessionChoices } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const program = await getProgram(db, actor, args.params.id);
    if (!program.can.edit) throw forbidden();
    return {
      title: t("events.sessions.newTitle", { name: program.event.name }),
      ...(await sessionChoices(db, actor, args.params.id, program)),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return formAction(args, undefined, async ({ db, actor, values, formData }) => {
    await createSession(
      db,
      actor,
      args.params.id,
      sessionInput(formData, values) as TSessionCreateInput,
    );
    return redirect(`/events/${args.params.id}/sessions?created=1`);
  });
}

export default function NewSession({ loaderData, actionData }: Route.ComponentProps) {
  const { event, choices, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/sessions`}>{t("events.page.manageSessions")}</Link>
      </p>
      <h1>{title}</h1>
      <FormError failure={failure} />
      <ErrorSummary errors={failure?.fieldErrors} labels={sessionLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <SessionFields values={failure?.values ?? {}} errors={failure?.fieldErrors} {...choices} />
        <div className="actions">
          <button type="submit">{t("action.create")}</button>
          <Link to={`/events/${event.id}/sessions`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
