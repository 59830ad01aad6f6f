import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/organization-edit";
import { getDb } from "../../../db/index.ts";
import { AppError, isAppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { formatOrgNumber } from "../rules.ts";
import type { TOrganizationUpdateInput } from "../schemas.ts";
import {
  getOrganization,
  getOrganizationOverview,
  listOrganizationChoices,
  updateOrganization,
  type Organization,
} from "../service.ts";
import {
  kindLabel,
  OrganizationFields,
  organizationLabels,
  type OrganizationFormValues,
} from "../ui.tsx";
import { noStoreHeaders } from "../../../platform/http.ts";
import { emptyToNull, formFailure, submittedValues } from "../../../platform/forms.ts";

const optionalFields = ["parentId", "organizationNumber", "hsaId", "website", "timeZone"] as const;

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const overview = await getOrganizationOverview(db, actor, args.params.id);
    if (!overview.can.update) throw new AppError("forbidden", "error.forbidden");
    const choices = await listOrganizationChoices(db, actor);
    const current = overview.organization;
    // The current parent stays selectable even when the actor could not place it there.
    const parents = choices.filter((choice) => choice.id !== current.id);
    const parentRef = overview.ancestors[overview.ancestors.length - 1];
    if (parentRef && !parents.some((p) => p.id === parentRef.id)) parents.unshift(parentRef);
    return {
      title: t("directory.organization.editTitle", { name: current.name }),
      organization: current,
      parents,
      allowTopLevel: actor.isPlatformAdmin || current.parentId === null,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const input = {
    name: values.name ?? "",
    kind: values.kind ?? "",
    country: values.country ?? "",
    ...emptyToNull(values, optionalFields),
    version: values.version ?? "",
  };
  try {
    await updateOrganization(db, actor, params.id, input as TOrganizationUpdateInput);
    return redirect(`/organizations/${params.id}?saved=1`);
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") {
      // Keep what the user typed; show the saved version next to it; the next save is knowing.
      const saved = await getOrganization(db, actor, params.id);
      return data(
        {
          ok: false as const,
          conflict: true as const,
          fieldErrors: {},
          formError: "directory.organization.conflict",
          values,
          saved,
        },
        { status: 409, headers: noStoreHeaders },
      );
    }
    return formFailure(error, request, values);
  }
}

function toFormValues(organization: Organization): OrganizationFormValues {
  return {
    name: organization.name,
    kind: organization.kind,
    country: organization.country,
    parentId: organization.parentId ?? "",
    organizationNumber: formatOrgNumber(organization.country, organization.organizationNumber),
    hsaId: organization.hsaId ?? "",
    website: organization.website ?? "",
    timeZone: organization.timeZone,
  };
}

export default function EditOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { organization, parents, allowTopLevel } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saved = failure && "saved" in failure ? failure.saved : undefined;
  const values = failure?.values ?? toFormValues(organization);
  const version = saved?.version ?? organization.version;
  const labels = organizationLabels(t);
  const savedValues = saved ? toFormValues(saved) : undefined;
  const differing = savedValues
    ? (Object.keys(savedValues) as (keyof OrganizationFormValues)[]).filter(
        (key) => (savedValues[key] ?? "") !== (values[key] ?? ""),
      )
    : [];
  return (
    <section>
      <h1>{t("directory.organization.editTitle", { name: organization.name })}</h1>
      {failure?.formError ? (
        <div className="notice error" role="alert">
          <p>{t(failure.formError)}</p>
          {savedValues && differing.length ? (
            <>
              <h2>{t("directory.organization.savedVersion")}</h2>
              <dl className="facts">
                {differing.map((key) => (
                  <div key={key} className="contents">
                    <dt>{labels[key]}</dt>
                    <dd>
                      {key === "kind"
                        ? kindLabel(t, savedValues.kind ?? "")
                        : key === "parentId"
                          ? (parents.find((p) => p.id === savedValues.parentId)?.name ??
                            t("directory.none"))
                          : key === "country"
                            ? t(`directory.country.${savedValues.country}`)
                            : savedValues[key] || t("directory.none")}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
        </div>
      ) : null}
      <ErrorSummary errors={failure?.fieldErrors} labels={labels} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <OrganizationFields
          values={values}
          errors={failure?.fieldErrors}
          parents={parents}
          allowTopLevel={allowTopLevel}
        />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/organizations/${organization.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
