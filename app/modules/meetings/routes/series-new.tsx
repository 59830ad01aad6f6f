import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/series-new";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { timeZones } from "../../directory/schema.ts";
import { getNetwork } from "../../networks/service.ts";
import { buildRrule, weekdays, type Weekday } from "../rules.ts";
import type { TSeriesCreateInput } from "../schemas.ts";
import { createSeries } from "../service.ts";
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
      title: translator(locale)("meetings.series.newIn", { network: network.name }),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** The rule from the friendly fields, or the advanced field when "own rule" is chosen. */
function ruleOf(values: Record<string, string>): { rrule: string } | { error: string } {
  const frequency = values.frequency ?? "weekly";
  if (frequency === "advanced") return { rrule: values.rrule ?? "" };
  const interval = Number(values.interval || "1");
  if (!Number.isInteger(interval) || interval < 1 || interval > 52)
    return { error: "meetings.error.interval" };
  const weekday = (values.weekday ?? "MO") as Weekday;
  if (!weekdays.includes(weekday)) return { error: "error.invalid" };
  if (frequency === "monthly")
    return {
      rrule: buildRrule({ frequency, interval, weekday, nth: Number(values.nth || "1") }),
    };
  return { rrule: buildRrule({ frequency: "weekly", interval, weekday }) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    const rule = ruleOf(values);
    if ("error" in rule)
      throw new AppError("validation", "form.errorSummary", { interval: [rule.error] });
    const input: TSeriesCreateInput = {
      name: values.name ?? "",
      rrule: rule.rrule,
      firstDate: values.firstDate ?? "",
      startTime: values.startTime ?? "",
      endTime: values.endTime ?? "",
      timeZone: (values.timeZone || undefined) as TSeriesCreateInput["timeZone"],
      place: values.place ?? "",
      onlineUrl: values.onlineUrl || null,
    };
    const series = await createSeries(await getDb(), actor, params.id, input);
    return redirect(`/series/${series.id}?created=1`);
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function NewSeries({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors;
  const frequency = values.frequency ?? "monthly";
  const labels = {
    name: t("meetings.series.name"),
    rrule: t("meetings.series.rrule"),
    interval: t("meetings.series.interval"),
    firstDate: t("meetings.series.firstDate"),
    startTime: t("meetings.meeting.startTime"),
    endTime: t("meetings.meeting.endTime"),
    timeZone: t("meetings.series.timeZone"),
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
          name="name"
          label={labels.name}
          hint={t("meetings.series.nameHint")}
          required
          defaultValue={values.name}
          errors={errors}
        />
        <fieldset>
          <legend>{t("meetings.series.recurrence")}</legend>
          <fieldset>
            <legend>{t("meetings.series.frequency")}</legend>
            {(["weekly", "monthly", "advanced"] as const).map((option) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  name="frequency"
                  value={option}
                  defaultChecked={frequency === option}
                />{" "}
                {t(`meetings.series.${option}`)}
              </label>
            ))}
          </fieldset>
          <Field
            name="interval"
            type="number"
            label={labels.interval}
            hint={t("meetings.series.intervalHint")}
            defaultValue={values.interval ?? "1"}
            errors={errors}
          />
          <Field name="weekday" label={t("meetings.series.weekday")} errors={errors}>
            {(props) => (
              <select {...props} defaultValue={values.weekday ?? "TU"}>
                {weekdays.map((day) => (
                  <option key={day} value={day}>
                    {t(`meetings.weekday.${day}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="nth" label={t("meetings.series.nth")} errors={errors}>
            {(props) => (
              <select {...props} defaultValue={values.nth ?? "2"}>
                {["1", "2", "3", "4", "-1"].map((nth) => (
                  <option key={nth} value={nth}>
                    {t(`meetings.series.nth.${nth}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            name="rrule"
            label={labels.rrule}
            hint={t("meetings.series.rruleHint")}
            defaultValue={values.rrule}
            errors={errors}
          />
        </fieldset>
        <Field
          name="firstDate"
          type="date"
          label={labels.firstDate}
          required
          defaultValue={values.firstDate}
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
          defaultValue={values.endTime ?? "11:00"}
          errors={errors}
        />
        <Field name="timeZone" label={labels.timeZone} errors={errors}>
          {(props) => (
            <select {...props} defaultValue={values.timeZone ?? ""}>
              <option value="">–</option>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="place" label={labels.place} defaultValue={values.place} errors={errors} />
        <Field
          name="onlineUrl"
          type="url"
          label={labels.onlineUrl}
          defaultValue={values.onlineUrl}
          errors={errors}
        />
        <div className="actions">
          <button type="submit">{t("meetings.series.create")}</button>
          <Link to={`/networks/${loaderData.network.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
