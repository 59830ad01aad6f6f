import type { Route } from "./+types/event-rooms";
import { noStoreHeaders } from "../../../platform/http.ts";
import { Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TRoomCreateInput, TRoomUpdateInput } from "../schemas.ts";
import { addRoom, listRooms, removeRoom, updateRoom } from "../service.ts";
import {
  AddForm,
  EditableRows,
  failureOfRow,
  failuresOf,
  ManagePage,
  RowFailure,
  RowField,
} from "../ui.tsx";
import { noticeOf } from "./manage-helpers.ts";
import { eventEditorPage, rowsAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(args, async ({ db, actor, t, event }) => ({
    title: t("events.rooms.title", { name: event.name }),
    event,
    rooms: await listRooms(db, actor, args.params.id),
    notice: noticeOf(args.request),
  }));
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

function roomInput(values: Record<string, string>) {
  return { name: values.name ?? "", capacity: values.capacity ? values.capacity : null };
}

export function action(args: Route.ActionArgs) {
  return rowsAction(args, "rooms", {
    list: listRooms,
    update: updateRoom,
    remove: removeRoom,
    saveInput: (values) => roomInput(values) as TRoomUpdateInput,
    add: ({ db, actor, eventId, values }) =>
      addRoom(db, actor, eventId, roomInput(values) as TRoomCreateInput),
  });
}

export default function RoomsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, rooms, notice, title } = loaderData;
  const t = useT();
  const { addFailure, rowFailure } = failuresOf(actionData);
  const labels = { name: t("events.field.roomName"), capacity: t("events.field.roomCapacity") };
  return (
    <ManagePage back={`/events/${event.id}`} title={title} notice={notice}>
      <RowFailure
        failure={rowFailure}
        rows={rooms}
        describe={(room) =>
          room.capacity === null ? room.name : `${room.name}, ${labels.capacity}: ${room.capacity}`
        }
      />
      <EditableRows
        rows={rooms}
        formPrefix="room"
        columns={[labels.name, labels.capacity]}
        empty={t("events.rooms.none")}
        nameOf={(room) => room.name}
        cells={(room, formId) => {
          const mine = failureOfRow(rowFailure, room.id);
          return (
            <>
              <td>
                <RowField
                  form={formId}
                  name="name"
                  label={`${labels.name}: ${room.name}`}
                  defaultValue={mine?.values.name ?? room.name}
                  errors={mine?.fieldErrors}
                />
              </td>
              <td>
                <RowField
                  form={formId}
                  name="capacity"
                  type="number"
                  label={`${labels.capacity}: ${room.name}`}
                  defaultValue={mine?.values.capacity ?? room.capacity ?? ""}
                  errors={mine?.fieldErrors}
                />
              </td>
            </>
          );
        }}
      />
      <AddForm
        id="add-room"
        title={t("events.rooms.add")}
        intent="add"
        failure={addFailure}
        labels={labels}
      >
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
      </AddForm>
    </ManagePage>
  );
}
