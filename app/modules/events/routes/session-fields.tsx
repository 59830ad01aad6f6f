// The session form's fields (new and edit) and how its submission becomes the service's input.
import type { Translate } from "../../../i18n/translate.ts";
import { Field, type FormErrors, SelectField, Options } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { sessionKinds } from "../schema.ts";
import type { RoomView, SessionView, SpeakerView, TrackView } from "../service.ts";
import { useDay } from "../ui.tsx";

export type SessionFormValues = Partial<
  Record<
    | "kind"
    | "title"
    | "abstract"
    | "date"
    | "startTime"
    | "endTime"
    | "roomId"
    | "trackId"
    | "speakerIds"
    | "panelistIds"
    | "moderatorIds",
    string
  >
>;

export function sessionLabels(t: Translate): Record<string, string> {
  return {
    kind: t("events.field.kind"),
    title: t("events.field.title"),
    abstract: t("events.field.abstract"),
    date: t("events.field.date"),
    startTime: t("events.field.startTime"),
    endTime: t("events.field.endTime"),
    roomId: t("events.field.room"),
    trackId: t("events.field.track"),
    speakerIds: t("events.field.speakers"),
    panelistIds: t("events.field.panelists"),
    moderatorIds: t("events.field.moderators"),
  };
}

/** The form's fields as the service takes them (lists from the repeated fields). */
export function sessionInput(formData: FormData, values: Record<string, string>) {
  const list = (name: string) =>
    formData
      .getAll(name)
      .filter((value): value is string => typeof value === "string" && value !== "");
  return {
    kind: values.kind ?? "",
    title: values.title ?? "",
    abstract: values.abstract ?? "",
    date: values.date ?? "",
    startTime: values.startTime ?? "",
    endTime: values.endTime ?? "",
    roomId: values.roomId ? values.roomId : null,
    trackId: values.trackId ? values.trackId : null,
    speakerIds: list("speakerIds"),
    panelistIds: list("panelistIds"),
    moderatorIds: list("moderatorIds"),
  };
}

export function sessionFormValues(session: SessionView): SessionFormValues {
  const ids = (role: string) =>
    session.people
      .filter((person) => person.role === role)
      .map((person) => person.speakerId)
      .join("\n");
  return {
    kind: session.kind,
    title: session.title,
    abstract: session.abstract,
    date: session.date,
    startTime: session.startTime,
    endTime: session.endTime,
    roomId: session.roomId ?? "",
    trackId: session.trackId ?? "",
    speakerIds: ids("speaker"),
    panelistIds: ids("panelist"),
    moderatorIds: ids("moderator"),
  };
}

function speakerLabel(speaker: SpeakerView): string {
  return speaker.organizationName ? `${speaker.name} (${speaker.organizationName})` : speaker.name;
}

export function SessionFields({
  values,
  errors,
  days,
  rooms,
  tracks,
  speakers,
}: {
  values: SessionFormValues;
  errors: FormErrors;
  days: string[];
  rooms: RoomView[];
  tracks: TrackView[];
  speakers: SpeakerView[];
}) {
  const t = useT();
  const formatDay = useDay();
  const labels = sessionLabels(t);
  const chosen = (name: keyof SessionFormValues) =>
    (values[name] ?? "").split("\n").filter(Boolean);
  const size = Math.min(8, Math.max(3, speakers.length));
  const speakerChoices = speakers.map((speaker) => ({
    value: speaker.id,
    label: speakerLabel(speaker),
  }));
  return (
    <>
      <SelectField
        name="kind"
        label={labels.kind!}
        required
        errors={errors}
        defaultValue={values.kind ?? "seminar"}
        options={sessionKinds.map((kind) => ({
          value: kind,
          label: t(`events.sessionKind.${kind}`),
        }))}
      />
      <Field
        name="title"
        label={labels.title!}
        required
        errors={errors}
        defaultValue={values.title}
      />
      <Field name="abstract" label={labels.abstract!} errors={errors}>
        {(props) => <textarea {...props} rows={5} defaultValue={values.abstract ?? ""} />}
      </Field>
      <SelectField
        name="date"
        label={labels.date!}
        required
        errors={errors}
        defaultValue={values.date ?? days[0]}
        options={days.map((day) => ({ value: day, label: formatDay(day) }))}
      />
      <Field
        name="startTime"
        type="time"
        label={labels.startTime!}
        hint={t("events.field.timeHint")}
        required
        errors={errors}
        defaultValue={values.startTime}
      />
      <Field
        name="endTime"
        type="time"
        label={labels.endTime!}
        hint={t("events.field.timeHint")}
        required
        errors={errors}
        defaultValue={values.endTime}
      />
      <SelectField
        name="roomId"
        label={labels.roomId!}
        errors={errors}
        defaultValue={values.roomId}
        empty={t("events.noChoice")}
        options={rooms.map((room) => ({
          value: room.id,
          label: room.capacity ? `${room.name} (${room.capacity})` : room.name,
        }))}
      />
      {tracks.length ? (
        <SelectField
          name="trackId"
          label={labels.trackId!}
          errors={errors}
          defaultValue={values.trackId}
          empty={t("events.noChoice")}
          options={tracks.map((track) => ({ value: track.id, label: track.name }))}
        />
      ) : null}
      {speakers.length ? (
        <>
          {(["speakerIds", "panelistIds"] as const).map((name) => (
            <Field
              key={name}
              name={name}
              label={labels[name]!}
              hint={t("events.field.peopleHint")}
              errors={errors}
            >
              {(props) => (
                <select {...props} multiple size={size} defaultValue={chosen(name)}>
                  <Options options={speakerChoices} />
                </select>
              )}
            </Field>
          ))}
          <SelectField
            name="moderatorIds"
            label={labels.moderatorIds!}
            errors={errors}
            defaultValue={chosen("moderatorIds")[0]}
            empty={t("events.noChoice")}
            options={speakerChoices}
          />
        </>
      ) : (
        <p className="hint">{t("events.sessions.noSpeakers")}</p>
      )}
    </>
  );
}
