import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-edit";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { requireEditor } from "./page-loaders.ts";
import { getDb } from "../../../db/index.ts";
import { AppError, isAppError } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, SelectField, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import {
  cancelMeeting,
  getMeeting,
  meetingPeopleChoices,
  updateMeeting,
  type Meeting,
} from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import {
  SavedDifferences,
  staleFailure,
  whenWhereLabels,
  WhenWhereFields,
} from "./meeting-form.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  return loggedInPage({ request, context }, async ({ db, actor, t }) => {
    const page = await getMeeting(db, actor, params.id);
    requireEditor(page.can);
    const choices = await meetingPeopleChoices(db, actor, params.id);
    return {
      meeting: page.meeting,
      members: choices.members,
      title: t("meetings.meeting.editTitle", { title: page.meeting.title }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent === "cancel" ? "cancel" : "save";
  try {
    if (intent === "cancel") {
      if (values.confirm !== "yes")
        throw new AppError("validation", "form.errorSummary", {
          confirm: ["meetings.meeting.cancelMustConfirm"],
        });
      await cancelMeeting(db, actor, params.id, { version: values.version ?? "" });
      return redirect(`/meetings/${params.id}?cancelled=1`);
    }
    await updateMeeting(db, actor, params.id, {
      title: values.title ?? "",
      date: values.date ?? "",
      startTime: values.startTime ?? "",
      endTime: values.endTime ?? "",
      place: values.place ?? "",
      onlineUrl: values.onlineUrl || null,
      chairPersonId: values.chairPersonId || null,
      secretaryPersonId: values.secretaryPersonId || null,
      version: values.version ?? "",
    } as Parameters<typeof updateMeeting>[3]);
    return redirect(`/meetings/${params.id}?saved=1`);
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") {
      // Keep what the user typed; show the saved meeting next to it; the next save is knowing.
      const saved = (await getMeeting(db, actor, params.id)).meeting;
      return staleFailure(error, values, saved, intent);
    }
    return formFailure(error, request, values, { intent });
  }
}

function valuesOf(meeting: Meeting): Record<string, string> {
  return {
    title: meeting.title,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    place: meeting.place,
    onlineUrl: meeting.onlineUrl ?? "",
    chairPersonId: meeting.chairPersonId ?? "",
    secretaryPersonId: meeting.secretaryPersonId ?? "",
  };
}

export default function EditMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { meeting, members } = loaderData;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saved = failure && "saved" in failure ? failure.saved : undefined;
  const version = saved?.version ?? meeting.version;
  const values = failure?.intent === "save" ? failure.values : valuesOf(meeting);
  const errors = failure?.intent === "save" ? failure.fieldErrors : undefined;
  const cancelErrors = failure?.intent === "cancel" ? failure.fieldErrors : undefined;
  const labels: Record<string, string> = {
    title: t("meetings.meeting.title"),
    ...whenWhereLabels(t, "date", t("meetings.meeting.date")),
    chairPersonId: t("meetings.meeting.chair"),
    secretaryPersonId: t("meetings.meeting.secretary"),
    confirm: t("meetings.meeting.cancelTitle"),
  };
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  const personSelect = (name: "chairPersonId" | "secretaryPersonId") => (
    <SelectField
      name={name}
      label={labels[name] ?? name}
      errors={errors}
      defaultValue={values[name]}
      empty={t("meetings.meeting.none")}
      options={members.map((person) => ({ value: person.id, label: person.name }))}
    />
  );
  return (
    <section>
      <h1>{loaderData.title}</h1>
      <FormError failure={failure}>
        {saved ? (
          <SavedDifferences
            saved={valuesOf(saved)}
            typed={values}
            labels={labels}
            show={(key, value) => (key.endsWith("PersonId") ? nameOf(value) : value)}
          />
        ) : null}
      </FormError>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="version" value={version} />
        <Field
          name="title"
          label={labels.title ?? ""}
          required
          defaultValue={values.title}
          errors={errors}
        />
        <WhenWhereFields
          dateName="date"
          dateLabel={labels.date ?? ""}
          values={values}
          errors={errors}
        >
          <p className="hint">{t("meetings.meeting.timeZoneNote", { zone: meeting.timeZone })}</p>
        </WhenWhereFields>
        {personSelect("chairPersonId")}
        {personSelect("secretaryPersonId")}
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/meetings/${meeting.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>

      {meeting.status !== "cancelled" ? (
        <>
          <h2>{t("meetings.meeting.cancelTitle")}</h2>
          <ErrorSummary errors={cancelErrors} labels={labels} />
          <Form method="post" className="stacked">
            <CsrfField />
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="version" value={version} />
            <Field name="confirm" label={t("meetings.meeting.cancelConfirm")} errors={cancelErrors}>
              {(props) => <input {...props} type="checkbox" value="yes" />}
            </Field>
            <div className="actions">
              <button type="submit" className="danger">
                {t("meetings.meeting.cancelButton")}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
