import { Form, Link } from "react-router";
import type { Route } from "./+types/events";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { isAppError, type FieldErrors } from "../../../platform/errors.ts";
import { queryFilter } from "../../../platform/forms.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { ErrorSummary, Field, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { Pagination, ResultCount } from "../../directory/ui.tsx";
import type { Page } from "../../directory/service.ts";
import { eventListScopes } from "../schemas.ts";
import { listEvents, listLeadChoices, type EventSummary } from "../service.ts";
import { Notice, useDateRange } from "../ui.tsx";

const filterNames = ["q", "when", "page", "pageSize"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const filters = queryFilter(request, filterNames);
  const db = await getDb();
  let result: Page<EventSummary> | null = null;
  let errors: FieldErrors | undefined;
  try {
    result = await listEvents(db, actor, filters);
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation") throw error;
    errors = error.fieldErrors;
  }
  return {
    title: translator(locale)("events.list.title"),
    filters,
    result,
    errors,
    canCreate: (await listLeadChoices(db, actor)).length > 0,
    deleted: new URL(request.url).searchParams.has("deleted"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Events({ loaderData }: Route.ComponentProps) {
  const { filters, result, errors, canCreate, deleted } = loaderData;
  const t = useT();
  const dateRange = useDateRange();
  const when = filters.when ?? "upcoming";
  return (
    <section>
      <h1>{t("events.list.title")}</h1>
      <p className="lead">{t("events.list.lead")}</p>
      <Notice text={deleted ? t("events.page.deleted") : null} />
      {canCreate ? (
        <p className="actions">
          <Link className="button" to="/events/new">
            {t("events.list.new")}
          </Link>
        </p>
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{ q: t("events.list.search"), when: t("events.list.when") }}
      />
      <Form method="get" className="filters" role="search">
        <Field
          name="q"
          type="search"
          label={t("events.list.search")}
          errors={errors}
          defaultValue={filters.q}
        />
        <SelectField
          name="when"
          label={t("events.list.when")}
          errors={errors}
          defaultValue={when}
          options={eventListScopes.map((scope) => ({
            value: scope,
            label: t(`events.list.when.${scope}`),
          }))}
        />
        <button type="submit">{t("action.search")}</button>
        {filters.q || filters.when ? <Link to="/events">{t("events.list.clear")}</Link> : null}
      </Form>
      {result ? (
        <>
          <h2 className="visually-hidden">{t("events.list.results")}</h2>
          <ResultCount total={result.total} one="events.list.countOne" many="events.list.count" />
          {result.items.length ? (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("events.field.name")}</th>
                    <th scope="col">{t("events.list.dates")}</th>
                    <th scope="col">{t("events.field.kind")}</th>
                    <th scope="col">{t("events.field.venueName")}</th>
                    <th scope="col">{t("events.list.organizers")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((event) => (
                    <tr key={event.id}>
                      <th scope="row">
                        <Link to={`/events/${event.id}`}>{event.name}</Link>
                        {event.status !== "published" ? (
                          <> ({t(`events.status.${event.status}`)})</>
                        ) : null}
                      </th>
                      <td className="nowrap">{dateRange(event.startDate, event.endDate)}</td>
                      <td>{t(`events.kind.${event.kind}`)}</td>
                      <td>{event.venueName || t("events.none")}</td>
                      <td>{event.organizers.join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t("events.list.none")}</p>
          )}
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            filters={filters}
            path="/events"
          />
        </>
      ) : null}
    </section>
  );
}
