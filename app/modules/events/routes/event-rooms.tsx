import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-rooms";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TRoomCreateInput, TRoomUpdateInput } from "../schemas.ts";
import { addRoom, getEvent, listRooms, removeRoom, updateRoom } from "../service.ts";
import { FormError, Notice, OrderButtons, RowField } from "../ui.tsx";
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
      title: translator(locale)("events.rooms.title", { name: event.name }),
      event,
      rooms: await listRooms(db, actor, params.id),
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
  const back = `/events/${params.id}/rooms`;
  try {
    if (intent === "remove") {
      await removeRoom(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1`);
    }
    if (intent === "up" || intent === "down") {
      const rows = await listRooms(db, actor, params.id);
      await updateRoom(db, actor, params.id, rowId, { position: positionOf(rows, rowId, intent) });
      return redirect(`${back}?moved=1#row-${rowId}`);
    }
    if (intent === "save") {
      await updateRoom(db, actor, params.id, rowId, {
        name: values.name ?? "",
        capacity: values.capacity ? values.capacity : null,
      } as TRoomUpdateInput);
      return redirect(`${back}?saved=1#row-${rowId}`);
    }
    await addRoom(db, actor, params.id, {
      name: values.name ?? "",
      capacity: values.capacity ? values.capacity : null,
    } as TRoomCreateInput);
    return redirect(`${back}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function RoomsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, rooms, notice, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const rowFailure = failure && failure.intent !== "add" ? failure : undefined;
  const labels = { name: t("events.field.roomName"), capacity: t("events.field.roomCapacity") };
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <Notice text={notice ? t(notice) : null} />
      <FormError failure={rowFailure} />
      {rooms.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{labels.name}</th>
                <th scope="col">{labels.capacity}</th>
                <th scope="col">{t("events.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((room, index) => {
                const errors =
                  rowFailure?.values.rowId === room.id ? rowFailure.fieldErrors : undefined;
                const values = rowFailure?.values.rowId === room.id ? rowFailure.values : undefined;
                const formId = `room-${room.id}`;
                return (
                  <tr key={room.id} id={`row-${room.id}`}>
                    <td>
                      <RowField
                        form={formId}
                        name="name"
                        label={`${labels.name}: ${room.name}`}
                        defaultValue={values?.name ?? room.name}
                        errors={errors}
                      />
                    </td>
                    <td>
                      <RowField
                        form={formId}
                        name="capacity"
                        type="number"
                        label={`${labels.capacity}: ${room.name}`}
                        defaultValue={values?.capacity ?? room.capacity ?? ""}
                        errors={errors}
                      />
                    </td>
                    <td>
                      <Form method="post" id={formId} className="inline">
                        <CsrfField />
                        <input type="hidden" name="intent" value="save" />
                        <input type="hidden" name="rowId" value={room.id} />
                        <button
                          type="submit"
                          aria-label={t("events.saveNamed", { name: room.name })}
                        >
                          {t("action.save")}
                        </button>
                      </Form>{" "}
                      <OrderButtons
                        id={room.id}
                        name={room.name}
                        index={index}
                        count={rooms.length}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("events.rooms.none")}</p>
      )}
      <h2 id="add-room">{t("events.rooms.add")}</h2>
      <ErrorSummary errors={addFailure?.fieldErrors} labels={labels} />
      <FormError failure={addFailure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="add-room">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <Field
          name="name"
          label={labels.name}
          required
          errors={addFailure?.fieldErrors}
          defaultValue={addFailure?.values.name}
        />
        <Field
          name="capacity"
          type="number"
          label={labels.capacity}
          errors={addFailure?.fieldErrors}
          defaultValue={addFailure?.values.capacity}
        />
        <div className="actions">
          <button type="submit">{t("events.rooms.add")}</button>
        </div>
      </Form>
    </section>
  );
}
