import { Form, Link } from "react-router";
import type { Route } from "./+types/people";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { isAppError, type FieldErrors } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { canCreateSomething, canSeeContactDetails } from "../policy.ts";
import { listPeople, type Page, type PersonSummary } from "../service.ts";
import { Pagination, ResultCount } from "../ui.tsx";
import { queryFilter } from "../../../platform/forms.ts";

const filterNames = ["q", "organizationId", "page", "pageSize"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const filters = queryFilter(request, filterNames);
  const params = new URL(request.url).searchParams;
  const imported = params.get("imported");
  let result: Page<PersonSummary> | null = null;
  let errors: FieldErrors | undefined;
  try {
    result = await listPeople(await getDb(), actor, filters);
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation") throw error;
    errors = error.fieldErrors;
  }
  return {
    title: translator(locale)("directory.people.title"),
    filters,
    result,
    errors,
    canCreate: canCreateSomething(actor),
    showEmail: canSeeContactDetails(actor),
    imported: imported && /^\d+$/.test(imported) ? Number(imported) : null,
    deleted: params.has("deleted"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function People({ loaderData }: Route.ComponentProps) {
  const { filters, result, errors, canCreate, showEmail, imported, deleted } = loaderData;
  const t = useT();
  return (
    <section>
      <h1>{t("directory.people.title")}</h1>
      <p className="lead">{t("directory.people.lead")}</p>
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
          {t("directory.person.deleted")}
        </p>
      ) : null}
      {canCreate ? (
        <p className="actions">
          <Link className="button" to="/people/new">
            {t("directory.people.new")}
          </Link>
          <Link className="button secondary" to="/organizations/import">
            {t("directory.organizations.import")}
          </Link>
        </p>
      ) : null}
      <ErrorSummary errors={errors} labels={{ q: t("directory.people.search") }} />
      <Form method="get" className="filters" role="search">
        <Field
          name="q"
          type="search"
          label={t("directory.people.search")}
          hint={t("directory.people.search.hint")}
          errors={errors}
          defaultValue={filters.q}
        />
        {filters.organizationId ? (
          <input type="hidden" name="organizationId" value={filters.organizationId} />
        ) : null}
        <button type="submit">{t("action.search")}</button>
        {filters.q || filters.organizationId ? (
          <Link to="/people">{t("directory.organizations.clear")}</Link>
        ) : null}
      </Form>
      {result ? (
        <>
          <ResultCount
            total={result.total}
            one="directory.people.countOne"
            many="directory.people.count"
          />
          {result.items.length ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("directory.field.personName")}</th>
                  <th scope="col">{t("directory.field.title")}</th>
                  <th scope="col">{t("directory.person.organizations")}</th>
                  {showEmail ? <th scope="col">{t("directory.field.email")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {result.items.map((person) => (
                  <tr key={person.id}>
                    <td>
                      <Link to={`/people/${person.id}`}>{person.name}</Link>
                    </td>
                    <td>{person.title}</td>
                    <td>
                      {person.organizations.map((organization, index) => (
                        <span key={organization.id}>
                          {index > 0 ? ", " : null}
                          <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
                        </span>
                      ))}
                    </td>
                    {showEmail ? (
                      <td>
                        {person.email ? (
                          <a href={`mailto:${person.email}`}>{person.email}</a>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t("directory.people.none")}</p>
          )}
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            filters={filters}
            path="/people"
          />
        </>
      ) : null}
    </section>
  );
}
