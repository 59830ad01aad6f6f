import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-new";
import { getDb } from "../../../db/index.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { planMeeting } from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { newInNetworkPage } from "./page-loaders.ts";
import { whenWhereLabels, WhenWhereFields } from "./meeting-form.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return newInNetworkPage(args, "meetings.meeting.newIn");
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
    ...whenWhereLabels(t, "date", t("meetings.meeting.date")),
  };
  return (
    <section>
      <h1>{loaderData.title}</h1>
      <FormError failure={failure} />
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
        <WhenWhereFields
          dateName="date"
          dateLabel={labels.date}
          values={values}
          errors={errors}
          defaultTimes={["09:00", "10:00"]}
        />
        <div className="actions">
          <button type="submit">{t("meetings.meeting.planButton")}</button>
          <Link to={`/networks/${loaderData.network.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
