import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/network-new";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { loginRedirect, noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { NetworkFields, networkLabels } from "../network-fields.tsx";
import type { TNetworkCreateInput } from "../schemas.ts";
import { createNetwork, listOwnerChoices } from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  const owners = await listOwnerChoices(await getDb(), actor);
  const preset = new URL(request.url).searchParams.get("owner") ?? "";
  return {
    title: translator(locale)("networks.new.title"),
    owners,
    preset: owners.some((owner) => owner.id === preset) ? preset : "",
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    const created = await createNetwork(await getDb(), actor, {
      name: values.name ?? "",
      description: values.description ?? "",
      ownerOrganizationId: values.ownerOrganizationId ?? "",
      visibility: (values.visibility || undefined) as TNetworkCreateInput["visibility"],
    });
    return redirect(`/networks/${created.id}?created=1`);
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function NewNetwork({ loaderData, actionData }: Route.ComponentProps) {
  const { owners, preset } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const values = failure?.values ?? { ownerOrganizationId: preset, visibility: "members" };
  return (
    <section>
      <h1>{t("networks.new.title")}</h1>
      {owners.length === 0 ? <p className="notice error">{t("networks.new.noOwners")}</p> : null}
      <FormError failure={failure} />
      <ErrorSummary errors={failure?.fieldErrors} labels={networkLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <NetworkFields values={values} errors={failure?.fieldErrors} owners={owners} />
        <div className="actions">
          <button type="submit">{t("action.create")}</button>
          <Link to="/networks">{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
