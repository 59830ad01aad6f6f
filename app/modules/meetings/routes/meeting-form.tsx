// Form pieces shared by the meeting and series pages: the when-and-where fields, and the answer to
// a save that was behind (409 with what the user typed and the saved record beside it).
import type { ReactNode } from "react";
import { data } from "react-router";
import type { AppError } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { Field, type FormErrors } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";

type Values = Record<string, string | undefined>;

/**
 * Date, start and end time, place and online link. `dateName` is the date's field ("date" of a
 * meeting, "firstDate" of a series); `children` comes between the times and the place (a time
 * zone choice or note).
 */
export function WhenWhereFields({
  dateName,
  dateLabel,
  values,
  errors,
  defaultTimes = ["", ""],
  children,
}: {
  dateName: string;
  dateLabel: string;
  values: Values;
  errors: FormErrors;
  defaultTimes?: readonly [string, string];
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <Field
        name={dateName}
        type="date"
        label={dateLabel}
        required
        defaultValue={values[dateName]}
        errors={errors}
      />
      {(["startTime", "endTime"] as const).map((name, index) => (
        <Field
          key={name}
          name={name}
          type="time"
          label={t(`meetings.meeting.${name}`)}
          required
          defaultValue={values[name] ?? defaultTimes[index]}
          errors={errors}
        />
      ))}
      {children}
      <Field
        name="place"
        label={t("meetings.meeting.place")}
        defaultValue={values.place}
        errors={errors}
      />
      <Field
        name="onlineUrl"
        type="url"
        label={t("meetings.meeting.onlineUrl")}
        defaultValue={values.onlineUrl}
        errors={errors}
      />
    </>
  );
}

/** The labels of the when-and-where fields, for the error summary. */
export function whenWhereLabels<D extends string>(
  t: (key: string) => string,
  dateName: D,
  dateLabel: string,
): Record<D | "startTime" | "endTime" | "place" | "onlineUrl", string> {
  return {
    [dateName]: dateLabel,
    startTime: t("meetings.meeting.startTime"),
    endTime: t("meetings.meeting.endTime"),
    place: t("meetings.meeting.place"),
    onlineUrl: t("meetings.meeting.onlineUrl"),
  } as Record<D | "startTime" | "endTime" | "place" | "onlineUrl", string>;
}

/**
 * A save refused for a stale version: back to the form (409) with what the user typed and the
 * record as saved now, whose version the next save carries.
 */
export function staleFailure<T>(
  error: AppError,
  values: Record<string, string>,
  saved: T,
  intent?: string,
) {
  return data(
    { ok: false as const, intent, fieldErrors: {}, formError: error.message, values, saved },
    { status: 409, headers: noStoreHeaders },
  );
}

/** The saved values that differ from what the user typed, under "Saved version". */
export function SavedDifferences({
  saved,
  typed,
  labels,
  show = (_key, value) => value,
}: {
  saved: Record<string, string>;
  typed: Values;
  labels: Record<string, string>;
  show?: (key: string, value: string) => string;
}) {
  const t = useT();
  const rows = Object.entries(saved).filter(([key, value]) => (typed[key] ?? "") !== value);
  if (rows.length === 0) return null;
  return (
    <>
      <h2>{t("meetings.meeting.savedVersion")}</h2>
      <dl className="facts">
        {rows.map(([key, value]) => (
          <div key={key} className="contents">
            <dt>{labels[key] ?? key}</dt>
            <dd>{value ? show(key, value) : t("meetings.meeting.none")}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
