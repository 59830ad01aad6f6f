// The organizer's ticket page: /events/:id/tickets. Ticket types with their prices, conditions
// and places (confirmed, waiting, left), in order; a form to add one; invitation codes for the
// tickets by invitation (speakers, committee). Organizers and committee members only.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/tickets";
import { getDb } from "../../../db/index.ts";
import { formatNumber } from "../../../i18n/format.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { todayIn } from "../../../i18n/format.ts";
import type {
  TInvitationCodeCreateInput,
  TTicketTypeCreateInput,
} from "../registrations-schemas.ts";
import { TicketPrice, ticketFacts } from "../registrations-ui.tsx";
import { getEvent } from "../service.ts";
import { TicketFields, ticketInput, ticketLabels } from "../tickets-form.tsx";
import {
  createInvitationCode,
  createTicketType,
  deleteInvitationCode,
  deleteTicketType,
  listInvitationCodes,
  listTicketTypes,
  updateTicketType,
} from "../tickets-service.ts";
import { FormError, Notice, OrderButtons } from "../ui.tsx";
import { noticeOf, positionOf } from "./manage-helpers.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const db = await getDb();
    const { event, can } = await getEvent(db, actor, params.id);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    return {
      title: translator(locale)("tickets.page.title", { name: event.name }),
      event,
      today: todayIn(event.timeZone),
      tickets: await listTicketTypes(db, actor, params.id),
      codes: await listInvitationCodes(db, actor, params.id),
      notice: noticeOf(request),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent ?? "add";
  const rowId = values.rowId ?? "";
  const back = `/events/${params.id}/tickets`;
  try {
    if (intent === "remove") {
      await deleteTicketType(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1`);
    }
    if (intent === "up" || intent === "down") {
      const rows = await listTicketTypes(db, actor, params.id);
      const row = rows.find((candidate) => candidate.id === rowId);
      await updateTicketType(db, actor, params.id, rowId, {
        position: positionOf(rows, rowId, intent),
        version: row?.version ?? 0,
      });
      return redirect(`${back}?moved=1#row-${rowId}`);
    }
    if (intent === "addCode") {
      await createInvitationCode(db, actor, params.id, {
        ticketTypeId: values.ticketTypeId ?? "",
        code: values.code || undefined,
        label: values.label || undefined,
        maxUses: values.maxUses || undefined,
      } as TInvitationCodeCreateInput);
      return redirect(`${back}?saved=1#codes`);
    }
    if (intent === "removeCode") {
      await deleteInvitationCode(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1#codes`);
    }
    const { event } = await getEvent(db, actor, params.id);
    await createTicketType(
      db,
      actor,
      params.id,
      ticketInput(values, event.timeZone, "create") as TTicketTypeCreateInput,
    );
    return redirect(`${back}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function TicketsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, tickets, codes, notice, title, today } = loaderData;
  const t = useT();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const codeFailure = failure?.intent === "addCode" ? failure : undefined;
  const rowFailure =
    failure && failure.intent !== "add" && failure.intent !== "addCode" ? failure : undefined;
  const invitationTypes = tickets.filter((ticket) => ticket.invitationOnly);
  const number = (value: number) => formatNumber(locale, value);
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <Notice text={notice ? t(notice) : null} />
      <ul className="inline-list">
        <li>
          <Link to={`/events/${event.id}/questions`}>{t("tickets.page.questions")}</Link>
        </li>
        <li>
          <Link to={`/events/${event.id}/registrations`}>{t("tickets.page.registrations")}</Link>
        </li>
        <li>
          <Link to={`/events/${event.id}/register`}>{t("tickets.page.form")}</Link>
        </li>
      </ul>
      <p>
        {event.capacity === null
          ? t("tickets.page.noEventCapacity")
          : t("tickets.page.eventCapacity", { count: number(event.capacity) })}{" "}
        <Link to={`/events/${event.id}/edit`}>{t("tickets.page.changeEventCapacity")}</Link>
      </p>
      <FormError failure={rowFailure} />
      {tickets.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("tickets.page.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tickets.field.name")}</th>
                <th scope="col">{t("tickets.page.priceNow")}</th>
                <th scope="col">{t("tickets.page.conditions")}</th>
                <th scope="col">{t("tickets.field.capacity")}</th>
                <th scope="col">{t("tickets.page.confirmed")}</th>
                <th scope="col">{t("tickets.page.waitlisted")}</th>
                <th scope="col">{t("tickets.page.left")}</th>
                <th scope="col">{t("events.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket, index) => (
                <tr key={ticket.id} id={`row-${ticket.id}`}>
                  <th scope="row">
                    <Link to={`/events/${event.id}/tickets/${ticket.id}`}>{ticket.name}</Link>
                  </th>
                  <td>
                    <TicketPrice ticket={ticket} currency={event.currency} today={today} />
                  </td>
                  <td>{ticketFacts(t, locale, ticket).join(" · ") || "–"}</td>
                  <td>{ticket.capacity === null ? "–" : number(ticket.capacity)}</td>
                  <td>{number(ticket.confirmed)}</td>
                  <td>{number(ticket.waitlisted)}</td>
                  <td>{ticket.placesLeft === null ? "–" : number(ticket.placesLeft)}</td>
                  <td>
                    <Link
                      to={`/events/${event.id}/tickets/${ticket.id}`}
                      aria-label={t("tickets.page.editNamed", { name: ticket.name })}
                    >
                      {t("action.edit")}
                    </Link>{" "}
                    <OrderButtons
                      id={ticket.id}
                      name={ticket.name}
                      index={index}
                      count={tickets.length}
                      removable={ticket.confirmed + ticket.waitlisted === 0}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("tickets.page.none")}</p>
      )}

      <h2 id="add-ticket">{t("tickets.page.add")}</h2>
      <ErrorSummary errors={addFailure?.fieldErrors} labels={ticketLabels(t)} />
      <FormError failure={addFailure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="add-ticket">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <TicketFields
          values={addFailure?.values ?? {}}
          errors={addFailure?.fieldErrors}
          event={event}
        />
        <div className="actions">
          <button type="submit">{t("tickets.page.add")}</button>
        </div>
      </Form>

      <h2 id="codes">{t("tickets.codes.title")}</h2>
      <p>{t("tickets.codes.lead")}</p>
      {codes.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("tickets.codes.code")}</th>
                <th scope="col">{t("tickets.codes.label")}</th>
                <th scope="col">{t("tickets.codes.ticketType")}</th>
                <th scope="col">{t("tickets.codes.used")}</th>
                <th scope="col">{t("events.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {codes.map((code) => (
                <tr key={code.id}>
                  <th scope="row">
                    <code>{code.code}</code>
                  </th>
                  <td>{code.label || "–"}</td>
                  <td>{code.ticketTypeName}</td>
                  <td>{t("tickets.codes.usedOf", { used: code.used, max: code.maxUses })}</td>
                  <td>
                    <Form method="post" className="inline">
                      <CsrfField />
                      <input type="hidden" name="intent" value="removeCode" />
                      <input type="hidden" name="rowId" value={code.id} />
                      <button
                        type="submit"
                        className="danger"
                        aria-label={t("events.removeNamed", { name: code.code })}
                      >
                        {t("action.delete")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("tickets.codes.none")}</p>
      )}
      {invitationTypes.length ? (
        <>
          <h3 id="add-code">{t("tickets.codes.add")}</h3>
          <ErrorSummary
            errors={codeFailure?.fieldErrors}
            labels={{
              ticketTypeId: t("tickets.codes.ticketType"),
              code: t("tickets.codes.code"),
              label: t("tickets.codes.label"),
              maxUses: t("tickets.codes.maxUses"),
            }}
          />
          <Form method="post" className="stacked" noValidate aria-labelledby="add-code">
            <CsrfField />
            <input type="hidden" name="intent" value="addCode" />
            <Field
              name="ticketTypeId"
              label={t("tickets.codes.ticketType")}
              errors={codeFailure?.fieldErrors}
            >
              {(props) => (
                <select {...props} defaultValue={codeFailure?.values.ticketTypeId ?? ""}>
                  {invitationTypes.map((ticket) => (
                    <option key={ticket.id} value={ticket.id}>
                      {ticket.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              name="label"
              label={t("tickets.codes.label")}
              hint={t("tickets.codes.labelHint")}
              errors={codeFailure?.fieldErrors}
              defaultValue={codeFailure?.values.label}
            />
            <Field
              name="code"
              label={t("tickets.codes.code")}
              hint={t("tickets.codes.codeHint")}
              errors={codeFailure?.fieldErrors}
              defaultValue={codeFailure?.values.code}
            />
            <Field
              name="maxUses"
              type="number"
              label={t("tickets.codes.maxUses")}
              errors={codeFailure?.fieldErrors}
              defaultValue={codeFailure?.values.maxUses ?? "1"}
            />
            <div className="actions">
              <button type="submit">{t("tickets.codes.add")}</button>
            </div>
          </Form>
        </>
      ) : (
        <p>{t("tickets.codes.needsType")}</p>
      )}
    </section>
  );
}
