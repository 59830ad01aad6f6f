import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-new";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { getNetwork } from "../../networks/service.ts";
import { planMeeting } from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const { network, can } = await getNetwork(await getDb(), actor, params.id);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    return {
      network: { id: network.id, name: network.name },
      title: translator(locale)("meetings.meeting.newIn", { network: network.name }),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    const meeting = await planMeeting(await getDb(), actor, {
      networkId: params.id,
      title: values.title ?? "",
      date: values.date ?? "",
      startTime: values.startTime ?? "",
      endTime: values.endTime ?? "",
      place: values.place ?? "",
      onlineUrl: values.onlineUrl || null,
    });
    return redirect(`/meetings/${meeting.id}?planned=1`);
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function NewMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors;
  const labels = {
    title: t("meetings.meeting.title"),
    date: t("meetings.meeting.date"),
    startTime: t("meetings.meeting.startTime"),
    endTime: t("meetings.meeting.endTime"),
    place: t("meetings.meeting.place"),
    onlineUrl: t("meetings.meeting.onlineUrl"),
  };
  return (
    <section>
      <h1>{loaderData.title}</h1>
      {failure?.formError ? (
        <div className="notice error" role="alert">
          <p>{t(failure.formError)}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <Field
          name="title"
          label={labels.title}
          required
          defaultValue={values.title}
          errors={errors}
        />
        <Field
          name="date"
          type="date"
          label={labels.date}
          required
          defaultValue={values.date}
          errors={errors}
        />
        <Field
          name="startTime"
          type="time"
          label={labels.startTime}
          required
          defaultValue={values.startTime ?? "09:00"}
          errors={errors}
        />
        <Field
          name="endTime"
          type="time"
          label={labels.endTime}
          required
          defaultValue={values.endTime ?? "10:00"}
          errors={errors}
        />
        <Field name="place" label={labels.place} defaultValue={values.place} errors={errors} />
        <Field
          name="onlineUrl"
          type="url"
          label={labels.onlineUrl}
          defaultValue={values.onlineUrl}
          errors={errors}
        />
        <div className="actions">
          <button type="submit">{t("meetings.meeting.planButton")}</button>
          <Link to={`/networks/${loaderData.network.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
