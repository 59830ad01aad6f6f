import { data } from "react-router";
import { isAppError, statusOf, type FieldErrors } from "../../platform/errors.ts";
import { noStoreHeaders } from "../../platform/http.ts";

export type FormFailure = {
  ok: false;
  fieldErrors: FieldErrors;
  formError: string | null;
  /** What the user typed, to fill the form again (never passwords). */
  values: Record<string, string>;
};

/** An AppError becomes the form's errors (status by its code); anything else is a server error. */
export function formFailure(error: unknown, values: Record<string, unknown> = {}) {
  if (!isAppError(error)) throw error;
  const hasFields = Object.keys(error.fieldErrors).length > 0;
  return data<FormFailure>(
    {
      ok: false,
      fieldErrors: error.fieldErrors,
      formError: hasFields ? null : error.message,
      values: Object.fromEntries(
        Object.entries(values).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === "string" && !/password|confirm|_csrf/i.test(entry[0]),
        ),
      ),
    },
    { status: statusOf[error.code], headers: noStoreHeaders },
  );
}
