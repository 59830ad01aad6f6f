import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/organization-new";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { canCreateSomething } from "../policy.ts";
import type { TOrganizationCreateInput } from "../schemas.ts";
import { createOrganization, listOrganizationChoices } from "../service.ts";
import { OrganizationFields, organizationLabels } from "../ui.tsx";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { formFailure, submittedValues, withoutEmpty } from "../../../platform/forms.ts";
import { AppError } from "../../../platform/errors.ts";

const fields = [
  "name",
  "kind",
  "country",
  "parentId",
  "organizationNumber",
  "hsaId",
  "website",
  "timeZone",
] as const;

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  if (!canCreateSomething(actor)) refusal(new AppError("forbidden", "error.forbidden"), request);
  const parent = new URL(request.url).searchParams.get("parent") ?? "";
  return {
    title: translator(locale)("directory.organization.newTitle"),
    parents: await listOrganizationChoices(await getDb(), actor),
    allowTopLevel: actor.isPlatformAdmin,
    parent,
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    const organization = await createOrganization(
      await getDb(),
      actor,
      withoutEmpty(values, fields) as TOrganizationCreateInput,
    );
    return redirect(`/organizations/${organization.id}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function NewOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { parents, allowTopLevel, parent } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const values = failure?.values ?? { parentId: parent };
  return (
    <section>
      <h1>{t("directory.organization.newTitle")}</h1>
      {failure?.formError ? (
        <p className="notice error" role="alert">
          {t(failure.formError)}
        </p>
      ) : null}
      <ErrorSummary errors={failure?.fieldErrors} labels={organizationLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <OrganizationFields
          values={values}
          errors={failure?.fieldErrors}
          parents={parents}
          allowTopLevel={allowTopLevel}
        />
        <div className="actions">
          <button type="submit">{t("action.create")}</button>
          <Link to="/organizations">{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
