// Editing one ticket type: /events/:id/tickets/:ticketTypeId. The version read travels with the
// form; a change saved meanwhile by someone else is refused with a message, keeping what was typed.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/tickets-edit";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TTicketTypeUpdateInput } from "../registrations-schemas.ts";
import { getEvent } from "../service.ts";
import { TicketFields, ticketFormValues, ticketInput, ticketLabels } from "../tickets-form.tsx";
import { deleteTicketType, getTicketType, updateTicketType } from "../tickets-service.ts";
import { FormError } from "../ui.tsx";

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
    const ticket = await getTicketType(db, actor, params.id, params.ticketTypeId);
    return {
      title: translator(locale)("tickets.edit.title", { name: ticket.name }),
      event,
      ticket,
      values: ticketFormValues(ticket, event.timeZone),
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
  const back = `/events/${params.id}/tickets`;
  try {
    if (values.intent === "delete") {
      await deleteTicketType(db, actor, params.id, params.ticketTypeId, {
        version: values.version,
      });
      return redirect(`${back}?removed=1`);
    }
    const { event } = await getEvent(db, actor, params.id);
    await updateTicketType(db, actor, params.id, params.ticketTypeId, {
      ...ticketInput(values, event.timeZone, "update"),
      version: values.version ?? "",
    } as TTicketTypeUpdateInput);
    return redirect(`${back}?saved=1#row-${params.ticketTypeId}`);
  } catch (error) {
    return formFailure(error, request, values, { intent: values.intent ?? "save" });
  }
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
