import { Form, Link } from "react-router";
import type { Route } from "./+types/organizations";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { isAppError, type FieldErrors } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { ErrorSummary, Field, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { canCreateSomething } from "../policy.ts";
import { formatOrgNumber } from "../rules.ts";
import { countries, organizationKinds } from "../schema.ts";
import { listOrganizations, type OrganizationSummary, type Page } from "../service.ts";
import { kindLabel, Pagination, ResultCount } from "../ui.tsx";
import { queryFilter } from "../../../platform/forms.ts";

const filterNames = ["q", "kind", "country", "page", "pageSize"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const filters = queryFilter(request, filterNames);
  const imported = new URL(request.url).searchParams.get("imported");
  let result: Page<OrganizationSummary> | null = null;
  let errors: FieldErrors | undefined;
  try {
    result = await listOrganizations(await getDb(), actor, filters);
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation") throw error;
    errors = error.fieldErrors;
  }
  return {
    title: translator(locale)("directory.organizations.title"),
    filters,
    result,
    errors,
    canCreate: canCreateSomething(actor),
    imported: imported && /^\d+$/.test(imported) ? Number(imported) : null,
    deleted: new URL(request.url).searchParams.has("deleted"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Organizations({ loaderData }: Route.ComponentProps) {
  const { filters, result, errors, canCreate, imported, deleted } = loaderData;
  const t = useT();
  const hasFilters = Boolean(filters.q || filters.kind || filters.country);
  return (
    <section>
      <h1>{t("directory.organizations.title")}</h1>
      <p className="lead">{t("directory.organizations.lead")}</p>
      {imported !== null ? (
        <div className="notice" role="status">
          <p>{t("directory.import.done", { count: imported })}</p>
          <progress
            value={imported}
            max={imported || 1}
            aria-label={t("directory.import.progress")}
          >
            100 %
          </progress>
        </div>
      ) : null}
      {deleted ? (
        <p className="notice" role="status">
          {t("directory.organization.deleted")}
        </p>
      ) : null}
      {canCreate ? (
        <p className="actions">
          <Link className="button" to="/organizations/new">
            {t("directory.organizations.new")}
          </Link>
          <Link className="button secondary" to="/organizations/import">
            {t("directory.organizations.import")}
          </Link>
        </p>
      ) : null}

      <ErrorSummary
        errors={errors}
        labels={{
          q: t("directory.organizations.search"),
          kind: t("directory.field.kind"),
          country: t("directory.field.country"),
        }}
      />
      <Form method="get" className="filters" role="search">
        <Field
          name="q"
          type="search"
          label={t("directory.organizations.search")}
          hint={t("directory.organizations.search.hint")}
          errors={errors}
          defaultValue={filters.q}
        />
        <SelectField
          name="kind"
          label={t("directory.field.kind")}
          errors={errors}
          defaultValue={filters.kind}
          empty={t("directory.organizations.allKinds")}
          options={organizationKinds.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
        />
        <SelectField
          name="country"
          label={t("directory.field.country")}
          errors={errors}
          defaultValue={filters.country}
          empty={t("directory.organizations.allCountries")}
          options={countries.map((country) => ({
            value: country,
            label: t(`directory.country.${country}`),
          }))}
        />
        {filters.pageSize ? <input type="hidden" name="pageSize" value={filters.pageSize} /> : null}
        <button type="submit">{t("action.search")}</button>
        {hasFilters ? <Link to="/organizations">{t("directory.organizations.clear")}</Link> : null}
      </Form>

      {result ? (
        <>
          <h2 className="visually-hidden">{t("directory.organizations.results")}</h2>
          <ResultCount
            total={result.total}
            one="directory.organizations.countOne"
            many="directory.organizations.count"
          />
          {result.items.length ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("directory.field.name")}</th>
                  <th scope="col">{t("directory.field.kind")}</th>
                  <th scope="col">{t("directory.field.country")}</th>
                  <th scope="col">{t("directory.field.organizationNumber")}</th>
                  <th scope="col">{t("directory.field.parent")}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((organization) => (
                  <tr key={organization.id}>
                    <td>
                      <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
                    </td>
                    <td>{kindLabel(t, organization.kind)}</td>
                    <td>{t(`directory.country.${organization.country}`)}</td>
                    <td className="nowrap">
                      {formatOrgNumber(organization.country, organization.organizationNumber)}
                    </td>
                    <td>
                      {organization.parentId ? (
                        <Link to={`/organizations/${organization.parentId}`}>
                          {organization.parentName}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t("directory.organizations.none")}</p>
          )}
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            filters={filters}
            path="/organizations"
          />
        </>
      ) : null}
    </section>
  );
}
