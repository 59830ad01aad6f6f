import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-new";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { loginRedirect, noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TEventCreateInput } from "../schemas.ts";
import { createEvent, listLeadChoices } from "../service.ts";
import { EventFields, eventInput, eventLabels } from "../ui.tsx";
import { formAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  const leads = await listLeadChoices(await getDb(), actor);
  const preset = new URL(request.url).searchParams.get("lead") ?? "";
  return {
    title: translator(locale)("events.new.title"),
    leads,
    preset: leads.some((lead) => lead.id === preset)
      ? preset
      : leads.length === 1
        ? leads[0]!.id
        : "",
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return formAction(args, undefined, async ({ db, actor, values }) => {
    const created = await createEvent(db, actor, {
      ...eventInput(values),
      leadOrganizationId: values.leadOrganizationId ?? "",
    } as TEventCreateInput);
    return redirect(`/events/${created.id}?created=1`);
  });
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { leads, preset } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const values = failure?.values ?? { leadOrganizationId: preset };
  return (
    <section>
      <h1>{t("events.new.title")}</h1>
      {leads.length === 0 ? <p className="notice error">{t("events.new.noLeads")}</p> : null}
      <p>{t("events.new.draftHint")}</p>
      <FormError failure={failure} />
      <ErrorSummary errors={failure?.fieldErrors} labels={eventLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <EventFields values={values} errors={failure?.fieldErrors} leads={leads} />
        <div className="actions">
          <button type="submit">{t("action.create")}</button>
          <Link to="/events">{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
