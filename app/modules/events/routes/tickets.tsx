// The organizer's ticket page: /events/:id/tickets. Ticket types with their prices, conditions
// and places (confirmed, waiting, left), in order; a form to add one; invitation codes for the
// tickets by invitation (speakers, committee). Organizers and committee members only.
import { Form, Link } from "react-router";
import type { Route } from "./+types/tickets";
import { formatNumber, todayIn } from "../../../i18n/format.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, FormError, SelectField } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
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
import { AddForm, ManagePage, OrderButtons } from "../ui.tsx";
import { noticeOf } from "./manage-helpers.ts";
import { eventEditorPage, rowsAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(args, async ({ db, actor, t, event }) => ({
    title: t("tickets.page.title", { name: event.name }),
    event,
    today: todayIn(event.timeZone),
    tickets: await listTicketTypes(db, actor, args.params.id),
    codes: await listInvitationCodes(db, actor, args.params.id),
    notice: noticeOf(args.request),
  }));
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return rowsAction(args, "tickets", {
    list: listTicketTypes,
    versioned: true,
    update: updateTicketType,
    remove: deleteTicketType,
    others: {
      addCode: async ({ db, actor, eventId, values }) => {
        await createInvitationCode(db, actor, eventId, {
          ticketTypeId: values.ticketTypeId ?? "",
          code: values.code || undefined,
          label: values.label || undefined,
          maxUses: values.maxUses || undefined,
        } as TInvitationCodeCreateInput);
        return "?saved=1#codes";
      },
      removeCode: async ({ db, actor, eventId, rowId }) => {
        await deleteInvitationCode(db, actor, eventId, rowId);
        return "?removed=1#codes";
      },
    },
    add: async ({ db, actor, eventId, values }) => {
      const { event } = await getEvent(db, actor, eventId);
      await createTicketType(
        db,
        actor,
        eventId,
        ticketInput(values, event.timeZone, "create") as TTicketTypeCreateInput,
      );
    },
  });
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
    <ManagePage back={`/events/${event.id}`} title={title} notice={notice}>
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

      <AddForm
        id="add-ticket"
        title={t("tickets.page.add")}
        intent="add"
        failure={addFailure}
        labels={ticketLabels(t)}
      >
        <TicketFields
          values={addFailure?.values ?? {}}
          errors={addFailure?.fieldErrors}
          event={event}
        />
      </AddForm>

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
            <SelectField
              name="ticketTypeId"
              label={t("tickets.codes.ticketType")}
              errors={codeFailure?.fieldErrors}
              defaultValue={codeFailure?.values.ticketTypeId}
              options={invitationTypes.map((ticket) => ({ value: ticket.id, label: ticket.name }))}
            />
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
    </ManagePage>
  );
}
