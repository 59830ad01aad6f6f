// The series form, shared by the new-series and the edit-series pages: the recurrence as friendly
// fields (weekly or monthly on a weekday) or as an own RRULE, the default time, place and link.
import type { Locale } from "../../../i18n/locales.ts";
import type { Translate } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { ErrorSummary, Field, SelectField, type FormErrors } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { timeZones } from "../../directory/schema.ts";
import {
  buildRrule,
  describeRrule,
  friendlyRuleOf,
  normalizeRrule,
  weekdays,
  type Weekday,
} from "../rules.ts";
import type { TSeriesCreateInput } from "../schemas.ts";
import type { Series } from "../service.ts";
import { ruleInWords } from "./meeting-ui.tsx";
import { whenWhereLabels, WhenWhereFields } from "./meeting-form.tsx";

type Values = Record<string, string | undefined>;

/** The rule from the friendly fields, or the advanced field when "own rule" is chosen. */
export function ruleOf(values: Values): { rrule: string } | { error: string } {
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

/** The submitted series form as the service's input; a bad interval is refused at its field. */
export function seriesInputOf(values: Record<string, string>): TSeriesCreateInput {
  const rule = ruleOf(values);
  if ("error" in rule)
    throw new AppError("validation", "form.errorSummary", { interval: [rule.error] });
  return {
    name: values.name ?? "",
    rrule: rule.rrule,
    firstDate: values.firstDate ?? "",
    startTime: values.startTime ?? "",
    endTime: values.endTime ?? "",
    timeZone: (values.timeZone || undefined) as TSeriesCreateInput["timeZone"],
    place: values.place ?? "",
    onlineUrl: values.onlineUrl || null,
  };
}

/** A saved series as the form's values: the friendly fields where its rule fits them. */
export function seriesValues(series: Series): Record<string, string> {
  const friendly = friendlyRuleOf(series.rrule);
  return {
    name: series.name,
    frequency: friendly?.frequency ?? "advanced",
    interval: String(friendly?.interval ?? 1),
    weekday: friendly?.weekday ?? "TU",
    nth: friendly?.frequency === "monthly" ? String(friendly.nth) : "2",
    rrule: series.rrule,
    firstDate: series.firstDate,
    startTime: series.startTime,
    endTime: series.endTime,
    timeZone: series.timeZone,
    place: series.place,
    onlineUrl: series.onlineUrl ?? "",
  };
}

/** What a reader compares: the rule as one value instead of its friendly parts. */
export function seriesFacts(values: Values): Record<string, string> {
  const rule = ruleOf(values);
  return {
    name: values.name ?? "",
    rrule: "rrule" in rule ? normalizeRrule(rule.rrule) : "",
    firstDate: values.firstDate ?? "",
    startTime: values.startTime ?? "",
    endTime: values.endTime ?? "",
    timeZone: values.timeZone ?? "",
    place: values.place ?? "",
    onlineUrl: values.onlineUrl ?? "",
  };
}

export function seriesLabels(t: Translate): Record<string, string> {
  return {
    name: t("meetings.series.name"),
    rrule: t("meetings.series.rrule"),
    interval: t("meetings.series.interval"),
    timeZone: t("meetings.series.timeZone"),
    ...whenWhereLabels(t, "firstDate", t("meetings.series.firstDate")),
  };
}

/** A rule as words for the saved-version list; other values as they are. */
export function showSeriesFact(t: Translate, locale: Locale) {
  return (key: string, value: string) =>
    key === "rrule" ? ruleInWords(t, locale, describeRrule(value), value) : value;
}

/**
 * The fields of a series. `values` are what to show (typed, saved or empty); a new series may
 * leave the time zone to the owning organization's (the "–" choice).
 */
export function SeriesFields({
  values,
  errors,
  isNew,
}: {
  values: Values;
  errors: FormErrors;
  isNew: boolean;
}) {
  const t = useT();
  const labels = seriesLabels(t);
  const frequency = values.frequency ?? "monthly";
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <Field
        name="name"
        label={labels.name!}
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
          label={labels.interval!}
          hint={t("meetings.series.intervalHint")}
          defaultValue={values.interval ?? "1"}
          errors={errors}
        />
        <SelectField
          name="weekday"
          label={t("meetings.series.weekday")}
          errors={errors}
          defaultValue={values.weekday ?? "TU"}
          options={weekdays.map((day) => ({ value: day, label: t(`meetings.weekday.${day}`) }))}
        />
        <SelectField
          name="nth"
          label={t("meetings.series.nth")}
          errors={errors}
          defaultValue={values.nth ?? "2"}
          options={["1", "2", "3", "4", "-1"].map((nth) => ({
            value: nth,
            label: t(`meetings.series.nth.${nth}`),
          }))}
        />
        <Field
          name="rrule"
          label={labels.rrule!}
          hint={t("meetings.series.rruleHint")}
          defaultValue={values.rrule}
          errors={errors}
        />
      </fieldset>
      <WhenWhereFields
        dateName="firstDate"
        dateLabel={labels.firstDate!}
        values={values}
        errors={errors}
        defaultTimes={["09:00", "11:00"]}
      >
        <SelectField
          name="timeZone"
          label={labels.timeZone!}
          errors={errors}
          defaultValue={values.timeZone}
          empty={isNew ? "–" : undefined}
          options={timeZones.map((zone) => ({ value: zone, label: zone }))}
        />
      </WhenWhereFields>
    </>
  );
}
