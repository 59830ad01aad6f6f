import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-attendance";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { getDb } from "../../../db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { attendanceStates, type Attendance } from "../schema.ts";
import {
  addParticipant,
  getMeeting,
  inviteMembers,
  meetingPeopleChoices,
  removeParticipant,
  updateAttendance,
  type Participant,
} from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  return loggedInPage({ request, context }, async ({ db, actor, t, url }) => {
    const page = await getMeeting(db, actor, params.id);
    if (!page.can.edit && !page.can.updateOwnAttendance)
      throw new AppError("forbidden", "error.forbidden");
    const everyone = [...page.members, ...page.guests];
    const people = page.can.edit
      ? everyone
      : everyone.filter((participant) => participant.personId === page.myPersonId);
    return {
      meeting: { id: page.meeting.id, title: page.meeting.title },
      canEdit: page.can.edit,
      people,
      choices: page.can.edit ? (await meetingPeopleChoices(db, actor, params.id)).people : [],
      saved: url.searchParams.has("saved"),
      title: t("meetings.attendance.title", { title: page.meeting.title }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const formData = await request.formData();
  const values = submittedValues(formData);
  const db = await getDb();
  const intent = values.intent ?? "attendance";
  try {
    if (intent === "add") {
      await addParticipant(db, actor, params.id, {
        personId: values.personId ?? "",
        kind: (values.kind ?? "guest") as "guest" | "member",
      });
    } else if (intent === "invite") {
      await inviteMembers(db, actor, params.id);
    } else if (intent === "remove") {
      await removeParticipant(db, actor, params.id, values.personId ?? "");
    } else {
      const entries: { personId: string; attendance: Attendance }[] = [];
      for (const [key, value] of formData.entries()) {
        if (!key.startsWith("attendance:") || typeof value !== "string") continue;
        const personId = key.slice("attendance:".length);
        const previous = values[`previous:${personId}`];
        entries.push({
          personId,
          attendance: value as Attendance,
          ...(previous ? { previous: previous as Attendance } : {}),
        });
      }
      await updateAttendance(db, actor, params.id, { entries });
    }
    return redirect(`/meetings/${params.id}/attendance?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent: intent });
  }
}

function AttendanceGroup({ participant }: { participant: Participant }) {
  const t = useT();
  return (
    <fieldset>
      <legend>
        {participant.name}
        {participant.organizationName ? `, ${participant.organizationName}` : ""}
      </legend>
      <input
        type="hidden"
        name={`previous:${participant.personId}`}
        value={participant.attendance}
      />
      {attendanceStates.map((state) => (
        <label key={state} className="choice">
          <input
            type="radio"
            name={`attendance:${participant.personId}`}
            value={state}
            defaultChecked={participant.attendance === state}
          />{" "}
          {t(`meetings.attendance.${state}`)}
        </label>
      ))}
    </fieldset>
  );
}

export default function AttendancePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { meeting, people, canEdit, choices, saved } = loaderData;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <section>
      <p>
        <Link to={`/meetings/${meeting.id}`}>{t("meetings.meeting.backToMeeting")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {saved ? (
        <p className="notice" role="status">
          {t("meetings.attendance.saved")}
        </p>
      ) : null}
      <FormError failure={failure} />
      <ErrorSummary
        errors={failure?.fieldErrors}
        labels={{ personId: t("meetings.attendance.person") }}
      />
      {!canEdit ? <p>{t("meetings.attendance.ownOnly")}</p> : null}
      {people.length === 0 ? (
        <p>{t("meetings.meeting.noParticipants")}</p>
      ) : (
        <Form method="post" className="stacked">
          <CsrfField />
          <input type="hidden" name="intent" value="attendance" />
          {people.map((participant) => (
            <AttendanceGroup
              key={`${participant.id}:${participant.attendance}`}
              participant={participant}
            />
          ))}
          <div className="actions">
            <button type="submit">{t("action.save")}</button>
          </div>
        </Form>
      )}

      {canEdit ? (
        <>
          <h2>{t("meetings.attendance.addGuest")}</h2>
          <Form method="post" className="stacked">
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            <SelectField
              name="personId"
              label={t("meetings.attendance.person")}
              required
              empty="–"
              options={choices.map((person) => ({ value: person.id, label: person.name }))}
            />
            <SelectField
              name="kind"
              label={t("meetings.attendance.kind")}
              defaultValue="guest"
              options={(["guest", "member"] as const).map((kind) => ({
                value: kind,
                label: t(`meetings.attendance.kind.${kind}`),
              }))}
            />
            <div className="actions">
              <button type="submit">{t("meetings.agenda.addButton")}</button>
            </div>
          </Form>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="invite" />
            <button type="submit">{t("meetings.attendance.inviteMembers")}</button>
          </Form>
          <ul className="plain">
            {people.map((participant) => (
              <li key={participant.id}>
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="personId" value={participant.personId} />
                  <button type="submit" className="danger">
                    {t("meetings.attendance.remove", { name: participant.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
