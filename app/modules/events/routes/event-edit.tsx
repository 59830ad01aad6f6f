import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-edit";
import { getDb } from "../../../db/index.ts";
import { isAppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues, type FormFailure } from "../../../platform/forms.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { EventStatus } from "../schema.ts";
import type { TEventStatusChangeInput, TEventUpdateInput } from "../schemas.ts";
import {
  changeEventStatus,
  deleteEvent,
  getEvent,
  listSpeakers,
  updateEvent,
  type EventView,
} from "../service.ts";
import {
  EventFields,
  eventInput,
  eventLabels,
  ManageLinks,
  useDateRange,
  type EventFormValues,
} from "../ui.tsx";
import { eventEditorPage } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(args, async ({ db, actor, t, event, can }) => ({
    title: t("events.edit.title", { name: event.name }),
    event,
    can,
    speakers: await listSpeakers(db, actor, args.params.id),
  }));
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent ?? "save";
  if (intent === "delete") {
    try {
      await deleteEvent(db, actor, params.id, { version: values.version });
      return redirect("/events?deleted=1");
    } catch (error) {
      return formFailure(error, request, values, { intent });
    }
  }
  if (intent === "status") {
    try {
      await changeEventStatus(db, actor, params.id, {
        status: values.status,
        version: values.version,
      } as TEventStatusChangeInput);
      return redirect(`/events/${params.id}?status=1`);
    } catch (error) {
      return formFailure(error, request, values, { intent });
    }
  }
  try {
    await updateEvent(db, actor, params.id, {
      ...eventInput(values),
      mcSpeakerId: values.mcSpeakerId ? values.mcSpeakerId : null,
      version: values.version ?? "",
    } as TEventUpdateInput);
    return redirect(`/events/${params.id}?saved=1`);
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") {
      // Keep what the user typed; show the saved version next to it.
      const saved = (await getEvent(db, actor, params.id)).event;
      return data<FormFailure & { saved: EventView }>(
        { ok: false, intent, fieldErrors: {}, formError: "events.edit.conflict", values, saved },
        { status: 409, headers: noStoreHeaders },
      );
    }
    return formFailure(error, request, values, { intent });
  }
}

function toFormValues(event: EventView): EventFormValues {
  return {
    kind: event.kind,
    name: event.name,
    description: event.description,
    startDate: event.startDate,
    endDate: event.endDate,
    timeZone: event.timeZone,
    language: event.language,
    currency: event.currency,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    capacity: event.capacity === null ? "" : String(event.capacity),
    retentionDate: event.retentionDate ?? "",
    mcSpeakerId: event.mcSpeakerId ?? "",
  };
}

const transitions: Record<EventStatus, { status: EventStatus; label: string; hint: string }[]> = {
  draft: [
    { status: "published", label: "events.edit.publish", hint: "events.edit.publishHint" },
    { status: "cancelled", label: "events.edit.cancelEvent", hint: "events.edit.cancelHint" },
  ],
  published: [
    { status: "cancelled", label: "events.edit.cancelEvent", hint: "events.edit.cancelHint" },
    { status: "draft", label: "events.edit.toDraft", hint: "events.page.draftNotice" },
  ],
  // Final: the registrants and guests were told, and their calendars cancelled.
  cancelled: [],
};

export default function EditEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { event, can, speakers } = loaderData;
  const t = useT();
  const dateRange = useDateRange();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saveFailure = failure && (failure.intent ?? "save") === "save" ? failure : undefined;
  const otherFailure = failure && failure.intent && failure.intent !== "save" ? failure : undefined;
  const saved =
    saveFailure && "saved" in saveFailure ? (saveFailure.saved as EventView) : undefined;
  const values = saveFailure ? saveFailure.values : toFormValues(event);
  const version = saved?.version ?? event.version;
  const labels = eventLabels(t);
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{t("events.edit.title", { name: event.name })}</h1>
      <ManageLinks eventId={event.id} can={can} />
      {saveFailure?.formError ? (
        <div className="notice error" role="alert">
          <p>{t(saveFailure.formError, saveFailure.formErrorParams)}</p>
          {saved ? (
            <>
              <h2>{t("events.edit.savedVersion")}</h2>
              <dl className="facts">
                <dt>{labels.name}</dt>
                <dd>{saved.name}</dd>
                <dt>{t("events.page.when")}</dt>
                <dd>{dateRange(saved.startDate, saved.endDate)}</dd>
                <dt>{labels.venueName}</dt>
                <dd>{saved.venueName || t("events.none")}</dd>
                <dt>{labels.description}</dt>
                <dd className="prewrap">{saved.description || t("events.none")}</dd>
              </dl>
            </>
          ) : null}
        </div>
      ) : null}
      <ErrorSummary errors={saveFailure?.fieldErrors} labels={labels} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={version} />
        <EventFields values={values} errors={saveFailure?.fieldErrors} speakers={speakers} />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/events/${event.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>

      {can.organize ? (
        <section aria-labelledby="event-status">
          <h2 id="event-status">{t("events.edit.status")}</h2>
          <p>{t("events.edit.statusNow", { status: t(`events.status.${event.status}`) })}</p>
          <FormError failure={otherFailure?.intent === "status" ? otherFailure : undefined} />
          <ErrorSummary
            errors={otherFailure?.intent === "status" ? otherFailure.fieldErrors : undefined}
            labels={labels}
          />
          {event.status === "cancelled" ? <p>{t("events.error.cancelledIsFinal")}</p> : null}
          {transitions[event.status].map((transition) => (
            <Form method="post" key={transition.status} className="stacked">
              <CsrfField />
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={transition.status} />
              <input type="hidden" name="version" value={version} />
              <p className="hint">{t(transition.hint)}</p>
              <button
                type="submit"
                className={transition.status === "cancelled" ? "danger" : undefined}
              >
                {t(transition.label)}
              </button>
            </Form>
          ))}
        </section>
      ) : null}

      {can.organize ? (
        <section aria-labelledby="delete-event">
          <h2 id="delete-event">{t("events.edit.delete")}</h2>
          <p>{t("events.edit.deleteConfirm")}</p>
          <FormError failure={otherFailure?.intent === "delete" ? otherFailure : undefined} />
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={version} />
            <button type="submit" className="danger">
              {t("events.edit.delete")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
