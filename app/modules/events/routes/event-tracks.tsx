import type { Route } from "./+types/event-tracks";
import { noStoreHeaders } from "../../../platform/http.ts";
import { Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { addTrack, listTracks, removeTrack, updateTrack } from "../service.ts";
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
    title: t("events.tracks.title", { name: event.name }),
    event,
    tracks: await listTracks(db, actor, args.params.id),
    notice: noticeOf(args.request),
  }));
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return rowsAction(args, "tracks", {
    list: listTracks,
    update: updateTrack,
    remove: removeTrack,
    saveInput: (values) => ({ name: values.name ?? "" }),
    add: ({ db, actor, eventId, values }) =>
      addTrack(db, actor, eventId, { name: values.name ?? "" }),
  });
}

export default function TracksPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, tracks, notice, title } = loaderData;
  const t = useT();
  const { addFailure, rowFailure } = failuresOf(actionData);
  const labels = { name: t("events.field.trackName") };
  return (
    <ManagePage back={`/events/${event.id}`} title={title} notice={notice}>
      <RowFailure failure={rowFailure} rows={tracks} describe={(track) => track.name} />
      <EditableRows
        rows={tracks}
        formPrefix="track"
        columns={[labels.name]}
        empty={t("events.tracks.none")}
        nameOf={(track) => track.name}
        cells={(track, formId) => {
          const mine = failureOfRow(rowFailure, track.id);
          return (
            <td>
              <RowField
                form={formId}
                name="name"
                label={`${labels.name}: ${track.name}`}
                defaultValue={mine?.values.name ?? track.name}
                errors={mine?.fieldErrors}
              />
            </td>
          );
        }}
      />
      <AddForm
        id="add-track"
        title={t("events.tracks.add")}
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
      </AddForm>
    </ManagePage>
  );
}
