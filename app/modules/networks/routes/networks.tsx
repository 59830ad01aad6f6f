import { Form, Link } from "react-router";
import type { Route } from "./+types/networks";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { isAppError, type FieldErrors } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { Pagination, ResultCount } from "../../directory/ui.tsx";
import type { Page } from "../../directory/service.ts";
import { listNetworks, listOwnerChoices, type NetworkSummary } from "../service.ts";
import { visibilityLabel } from "../ui.tsx";
import { queryFilter } from "../../../platform/forms.ts";

const filterNames = ["q", "page", "pageSize"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const filters = queryFilter(request, filterNames);
  const db = await getDb();
  let result: Page<NetworkSummary> | null = null;
  let errors: FieldErrors | undefined;
  try {
    result = await listNetworks(db, actor, filters);
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation") throw error;
    errors = error.fieldErrors;
  }
  return {
    title: translator(locale)("networks.list.title"),
    filters,
    result,
    errors,
    canCreate: (await listOwnerChoices(db, actor)).length > 0,
    deleted: new URL(request.url).searchParams.has("deleted"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Networks({ loaderData }: Route.ComponentProps) {
  const { filters, result, errors, canCreate, deleted } = loaderData;
  const t = useT();
  return (
    <section>
      <h1>{t("networks.list.title")}</h1>
      <p className="lead">{t("networks.list.lead")}</p>
      {deleted ? (
        <p className="notice" role="status">
          {t("networks.page.deleted")}
        </p>
      ) : null}
      {canCreate ? (
        <p className="actions">
          <Link className="button" to="/networks/new">
            {t("networks.list.new")}
          </Link>
        </p>
      ) : null}
      <ErrorSummary errors={errors} labels={{ q: t("networks.list.search") }} />
      <Form method="get" className="filters" role="search">
        <Field
          name="q"
          type="search"
          label={t("networks.list.search")}
          errors={errors}
          defaultValue={filters.q}
        />
        {filters.pageSize ? <input type="hidden" name="pageSize" value={filters.pageSize} /> : null}
        <button type="submit">{t("action.search")}</button>
        {filters.q ? <Link to="/networks">{t("networks.list.clear")}</Link> : null}
      </Form>
      {result ? (
        <>
          <h2 className="visually-hidden">{t("networks.list.results")}</h2>
          <ResultCount
            total={result.total}
            one="networks.list.countOne"
            many="networks.list.count"
          />
          {result.items.length ? (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("networks.field.name")}</th>
                    <th scope="col">{t("networks.field.owner")}</th>
                    <th scope="col">{t("networks.field.visibility")}</th>
                    <th scope="col">{t("networks.list.memberCount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((network) => (
                    <tr key={network.id}>
                      <td>
                        <Link to={`/networks/${network.id}`}>{network.name}</Link>
                      </td>
                      <td>{network.ownerOrganizationName}</td>
                      <td>{visibilityLabel(t, network.visibility)}</td>
                      <td>{network.memberCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t("networks.list.none")}</p>
          )}
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            filters={filters}
            path="/networks"
          />
        </>
      ) : null}
    </section>
  );
}
