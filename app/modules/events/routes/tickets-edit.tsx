// Editing one ticket type: /events/:id/tickets/:ticketTypeId. The version read travels with the
// form; a change saved meanwhile by someone else is refused with a message, keeping what was typed.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/tickets-edit";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TTicketTypeUpdateInput } from "../registrations-schemas.ts";
import { getEvent } from "../service.ts";
import { TicketFields, ticketFormValues, ticketInput, ticketLabels } from "../tickets-form.tsx";
import { deleteTicketType, getTicketType, updateTicketType } from "../tickets-service.ts";
import { eventEditorPage, formAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(args, async ({ db, actor, t, event }) => {
    const ticket = await getTicketType(db, actor, args.params.id, args.params.ticketTypeId);
    return {
      title: t("tickets.edit.title", { name: ticket.name }),
      event,
      ticket,
      values: ticketFormValues(ticket, event.timeZone),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  const { id, ticketTypeId } = args.params;
  const back = `/events/${id}/tickets`;
  return formAction(
    args,
    (values) => values.intent ?? "save",
    async ({ db, actor, values }) => {
      if (values.intent === "delete") {
        await deleteTicketType(db, actor, id, ticketTypeId, { version: values.version });
        return redirect(`${back}?removed=1`);
      }
      const { event } = await getEvent(db, actor, id);
      await updateTicketType(db, actor, id, ticketTypeId, {
        ...ticketInput(values, event.timeZone, "update"),
        version: values.version ?? "",
      } as TTicketTypeUpdateInput);
      return redirect(`${back}?saved=1#row-${ticketTypeId}`);
    },
  );
}

export default function TicketEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, ticket, values, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saveFailure = failure?.intent === "save" ? failure : undefined;
  const deleteFailure = failure?.intent === "delete" ? failure : undefined;
  const used = ticket.confirmed + ticket.waitlisted;
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/tickets`}>{t("tickets.edit.back")}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={saveFailure?.fieldErrors} labels={ticketLabels(t)} />
      <FormError failure={saveFailure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="edit-ticket">
        <h2 id="edit-ticket" className="visually-hidden">
          {title}
        </h2>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={ticket.version} />
        <TicketFields
          values={saveFailure?.values ?? values}
          errors={saveFailure?.fieldErrors}
          event={event}
        />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/events/${event.id}/tickets`}>{t("action.cancel")}</Link>
        </div>
      </Form>
      <h2 id="delete-ticket">{t("tickets.edit.deleteTitle")}</h2>
      <FormError failure={deleteFailure} />
      {used > 0 ? (
        <p>{t("tickets.edit.cannotDelete", { count: used })}</p>
      ) : (
        <Form method="post" aria-labelledby="delete-ticket">
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="version" value={ticket.version} />
          <button type="submit" className="danger">
            {t("tickets.edit.delete", { name: ticket.name })}
          </button>
        </Form>
      )}
    </section>
  );
}
