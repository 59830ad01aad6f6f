// The organizers' registrations: /events/:id/registrations. Counts per ticket type and per day,
// the caterer's summary, exports (XLSX, CSV, name badges) of what the filter shows, and the list
// filtered by ticket type, status and text. Organizers and committee members only.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/registrations";
import { formatCalendarDate, formatDateTime, formatNumber } from "../../../i18n/format.ts";
import { isAppError, type FieldErrors } from "../../../platform/errors.ts";
import { queryFilter } from "../../../platform/forms.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, FormError, SelectField } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { Pagination, ResultCount } from "../../directory/ui.tsx";
import type { Page } from "../../directory/service.ts";
import { registrationStatuses } from "../registrations-schema.ts";
import {
  listRegistrations,
  promoteWaitingList,
  registrationOverview,
  type RegistrationView,
} from "../registrations-service.ts";
import { Notice } from "../ui.tsx";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { formAction } from "./page-handlers.tsx";

const filterNames = ["ticketTypeId", "status", "q", "page"] as const;

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t, url }) => {
    const filters = queryFilter(args.request, filterNames);
    const overview = await registrationOverview(db, actor, args.params.id);
    let result: Page<RegistrationView> | null = null;
    let errors: FieldErrors | undefined;
    try {
      result = await listRegistrations(db, actor, args.params.id, filters);
    } catch (error) {
      if (!isAppError(error) || error.code !== "validation") throw error;
      errors = error.fieldErrors;
    }
    const promoted = url.searchParams.get("promoted");
    return {
      title: t("registrations.list.title", { name: overview.event.name }),
      overview,
      filters,
      result,
      errors,
      promoted: promoted === null ? null : Number(promoted),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return formAction(args, "promote", async ({ db, actor }) => {
    const promoted = await promoteWaitingList(db, actor, args.params.id);
    return redirect(`/events/${args.params.id}/registrations?promoted=${promoted}`);
  });
}

export default function RegistrationsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { overview, filters, result, errors, promoted, title } = loaderData;
  const { event } = overview;
  const t = useT();
  const locale = useLocale();
  const number = (value: number) => formatNumber(locale, value);
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const query = new URLSearchParams(
    Object.entries(filters).filter(([name]) => name !== "page"),
  ).toString();
  const exportHref = (format: string) =>
    `/events/${event.id}/registrations/export/${format}${query ? `?${query}` : ""}`;
  const typeName = new Map(overview.tickets.map((ticket) => [ticket.ticketTypeId, ticket.name]));
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <Notice
        text={promoted === null ? null : t("registrations.list.promoted", { count: promoted })}
      />
      <FormError failure={failure} />
      <ul className="inline-list">
        <li>
          <Link to={`/events/${event.id}/tickets`}>{t("registrations.list.tickets")}</Link>
        </li>
        <li>
          <Link to={`/events/${event.id}/questions`}>{t("tickets.page.questions")}</Link>
        </li>
      </ul>
      <p className="lead">
        {t("registrations.list.totals", {
          confirmed: number(overview.totals.confirmed),
          waitlisted: number(overview.totals.waitlisted),
          cancelled: number(overview.totals.cancelled),
        })}
        {overview.totals.erased
          ? ` ${t("registrations.list.erased", { count: number(overview.totals.erased) })}`
          : ""}
      </p>
      {overview.totals.waitlisted > 0 ? (
        <Form method="post" className="actions">
          <CsrfField />
          <button type="submit" className="secondary">
            {t("registrations.list.promote")}
          </button>
          <span className="hint">{t("registrations.list.promoteHint")}</span>
        </Form>
      ) : null}

      <h2 id="per-ticket">{t("registrations.list.perTicket")}</h2>
      <div className="table-scroll">
        <table aria-labelledby="per-ticket">
          <thead>
            <tr>
              <th scope="col">{t("registrations.field.ticketType")}</th>
              <th scope="col">{t("tickets.field.capacity")}</th>
              <th scope="col">{t("registrations.status.confirmed")}</th>
              <th scope="col">{t("registrations.status.waitlisted")}</th>
              <th scope="col">{t("registrations.status.cancelled")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.tickets.map((ticket) => (
              <tr key={ticket.ticketTypeId}>
                <th scope="row">
                  {ticket.name}
                  {ticket.validDate ? ` (${formatCalendarDate(locale, ticket.validDate)})` : ""}
                </th>
                <td>{ticket.capacity === null ? "–" : number(ticket.capacity)}</td>
                <td>{number(ticket.confirmed)}</td>
                <td>{number(ticket.waitlisted)}</td>
                <td>{number(ticket.cancelled)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="per-day">{t("registrations.list.perDay")}</h2>
      <div className="table-scroll">
        <table aria-labelledby="per-day">
          <thead>
            <tr>
              <th scope="col">{t("registrations.field.day")}</th>
              <th scope="col">{t("registrations.status.confirmed")}</th>
              <th scope="col">{t("registrations.status.waitlisted")}</th>
              <th scope="col">{t("events.field.capacity")}</th>
            </tr>
          </thead>
          <tbody>
            {overview.days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{formatCalendarDate(locale, day.date)}</th>
                <td>{number(day.confirmed)}</td>
                <td>{number(day.waitlisted)}</td>
                <td>{event.capacity === null ? "–" : number(event.capacity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="dietary">{t("registrations.list.dietary")}</h2>
      {overview.dietary.length === 0 ? <p>{t("registrations.list.noDietaryQuestion")}</p> : null}
      {overview.dietary.map((summary, index) => (
        <div key={index}>
          <h3 id={`dietary-${index}`}>{summary.question}</h3>
          {summary.answers.length === 0 ? (
            <p>{t("registrations.list.noNeeds")}</p>
          ) : (
            <div className="table-scroll">
              <table aria-labelledby={`dietary-${index}`}>
                <thead>
                  <tr>
                    <th scope="col">{t("registrations.list.answer")}</th>
                    {overview.days.length > 1
                      ? overview.days.map((day) => (
                          <th scope="col" key={day.date}>
                            {formatCalendarDate(locale, day.date)}
                          </th>
                        ))
                      : null}
                    <th scope="col">
                      {t(
                        overview.days.length > 1
                          ? "registrations.list.dietaryTotal"
                          : "registrations.list.count",
                      )}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {summary.answers.map((answer) => (
                    <tr key={answer.answer}>
                      <th scope="row">{answer.answer}</th>
                      {overview.days.length > 1
                        ? answer.perDay.map((day) => <td key={day.date}>{number(day.count)}</td>)
                        : null}
                      <td>{number(answer.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}

      <h2 id="list">{t("registrations.list.list")}</h2>
      <Form method="get" className="filters" role="search" aria-labelledby="list">
        <SelectField
          name="ticketTypeId"
          label={t("registrations.field.ticketType")}
          errors={errors}
          defaultValue={filters.ticketTypeId}
          empty={t("registrations.list.allTickets")}
          options={overview.tickets.map((ticket) => ({
            value: ticket.ticketTypeId,
            label: ticket.name,
          }))}
        />
        <SelectField
          name="status"
          label={t("registrations.field.status")}
          errors={errors}
          defaultValue={filters.status}
          empty={t("registrations.list.allStatuses")}
          options={registrationStatuses.map((status) => ({
            value: status,
            label: t(`registrations.status.${status}`),
          }))}
        />
        <Field
          name="q"
          type="search"
          label={t("registrations.list.search")}
          errors={errors}
          defaultValue={filters.q}
        />
        <button type="submit">{t("action.filter")}</button>
      </Form>
      <ErrorSummary errors={errors} />
      <ul className="inline-list">
        <li>
          <a href={exportHref("xlsx")} download>
            {t("registrations.list.exportXlsx")}
          </a>
        </li>
        <li>
          <a href={exportHref("csv")} download>
            {t("registrations.list.exportCsv")}
          </a>
        </li>
        <li>
          <a href={exportHref("badges.pdf")} download>
            {t("registrations.list.badges")}
          </a>
        </li>
      </ul>
      {result ? (
        <>
          <ResultCount
            total={result.total}
            one="registrations.list.countOne"
            many="registrations.list.countMany"
          />
          {result.items.length ? (
            <div className="table-scroll">
              <table aria-labelledby="list">
                <thead>
                  <tr>
                    <th scope="col">{t("registrations.field.name")}</th>
                    <th scope="col">{t("registrations.field.organizationName")}</th>
                    <th scope="col">{t("registrations.field.ticketType")}</th>
                    <th scope="col">{t("registrations.field.status")}</th>
                    <th scope="col">{t("registrations.export.registeredAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <Link to={`/events/${event.id}/registrations/${row.id}`}>
                          {row.erasedAt ? t("registrations.list.erasedName") : row.name}
                        </Link>
                      </th>
                      <td>{row.organizationName || row.school || "–"}</td>
                      <td>{typeName.get(row.ticketTypeId) ?? row.ticketTypeName}</td>
                      <td>{t(`registrations.status.${row.status}`)}</td>
                      <td>{formatDateTime(locale, row.createdAt, event.timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            filters={filters}
            path={`/events/${event.id}/registrations`}
          />
        </>
      ) : null}
    </section>
  );
}
