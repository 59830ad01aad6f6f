import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/person-new";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { canCreateSomething } from "../policy.ts";
import type { TPersonCreateInput } from "../schemas.ts";
import { createPerson, listOrganizationChoices } from "../service.ts";
import { AffiliationFields, PersonFields, personLabels } from "../ui.tsx";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { formFailure, submittedValues, withoutEmpty } from "../../../platform/forms.ts";
import { affiliationFieldNames } from "./helpers.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  if (!canCreateSomething(actor)) refusal(new AppError("forbidden", "error.forbidden"), request);
  return {
    title: translator(locale)("directory.person.newTitle"),
    organizations: await listOrganizationChoices(await getDb(), actor),
    affiliationOptional: actor.isPlatformAdmin,
    organization: new URL(request.url).searchParams.get("organization") ?? "",
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const person = withoutEmpty(values, ["name", "title", "email", "phone"]);
  const affiliation = withoutEmpty(values, ["affiliationTitle", "startDate", "endDate"]);
  const hasAffiliation = Boolean(values.organizationId) || Object.keys(affiliation).length > 0;
  const input = {
    name: "",
    ...person,
    ...(hasAffiliation
      ? {
          affiliations: [
            {
              organizationId: values.organizationId ?? "",
              title: affiliation.affiliationTitle,
              startDate: affiliation.startDate,
              endDate: affiliation.endDate,
            },
          ],
        }
      : {}),
  };
  try {
    const created = await createPerson(await getDb(), actor, input as TPersonCreateInput);
    return redirect(`/people/${created.id}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { fieldNames: affiliationFieldNames });
  }
}

export default function NewPerson({ loaderData, actionData }: Route.ComponentProps) {
  const { organizations, affiliationOptional, organization } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const values = failure?.values ?? { organizationId: organization };
  return (
    <section>
      <h1>{t("directory.person.newTitle")}</h1>
      {failure?.formError ? (
        <p className="notice error" role="alert">
          {t(failure.formError)}
        </p>
      ) : null}
      <ErrorSummary errors={failure?.fieldErrors} labels={personLabels(t)} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <PersonFields values={values} errors={failure?.fieldErrors} />
        <fieldset>
          <legend>{t("directory.person.newAffiliationLegend")}</legend>
          {affiliationOptional ? null : (
            <p className="hint">{t("directory.person.newAffiliationHint")}</p>
          )}
          <AffiliationFields
            values={values}
            errors={failure?.fieldErrors}
            organizations={organizations}
            optional={affiliationOptional}
          />
        </fieldset>
        <div className="actions">
          <button type="submit">{t("action.create")}</button>
          <Link to="/people">{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
