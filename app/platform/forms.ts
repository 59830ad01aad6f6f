// What every page's action does with a form: read what was typed, and turn a refusal into the
// form's errors (with what the user typed, so nothing is lost) or into the right page.
import { data } from "react-router";
import { isAppError, statusOf, type FieldErrors } from "./errors.ts";
import { loginRedirect, noStoreHeaders, refusal } from "./http.ts";

export type FormFailure = {
  ok: false;
  /** Which form of the page failed (pages with several forms). */
  intent?: string;
  fieldErrors: FieldErrors;
  /** A message for the whole form (a conflict, a refusal without a field). */
  formError: string | null;
  /** Values for the message's placeholders (say, the organization and its seats). */
  formErrorParams?: Record<string, string | number>;
  /** What the user submitted, to show it again. */
  values: Record<string, string>;
};

/**
 * A refusal in an action: validation and conflicts go back to the form with what the user typed;
 * the public is sent to log in; other refusals show the error page. `fieldNames` renames the
 * service's fields to the form's.
 */
export function formFailure(
  error: unknown,
  request: Request,
  values: Record<string, string>,
  options: { intent?: string; fieldNames?: Record<string, string> } = {},
) {
  if (!isAppError(error)) throw error;
  if (error.code === "unauthenticated") loginRedirect(request);
  if (error.code !== "validation" && error.code !== "conflict") refusal(error, request);
  const fieldErrors: FieldErrors = {};
  for (const [field, keys] of Object.entries(error.fieldErrors)) {
    const name = options.fieldNames?.[field] ?? field;
    fieldErrors[name] = [...(fieldErrors[name] ?? []), ...keys];
  }
  const formLevel = fieldErrors._form;
  delete fieldErrors._form;
  const hasFields = Object.keys(fieldErrors).length > 0;
  return data<FormFailure>(
    {
      ok: false,
      intent: options.intent,
      fieldErrors,
      formError: formLevel?.[0] ?? (hasFields ? null : error.message),
      formErrorParams: error.params,
      values,
    },
    { status: statusOf[error.code], headers: noStoreHeaders },
  );
}

/**
 * The text fields of a submitted form, as typed (trimmed), for showing them again; a repeated
 * field (a multi-select) gives its values one per line.
 */
export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key === "_csrf" || typeof value !== "string") continue;
    values[key] = key in values ? `${values[key]}\n${value.trim()}` : value.trim();
  }
  return values;
}

/** Optional text fields: empty means "clear it" (null), for updates where absent means "keep". */
export function emptyToNull(
  values: Record<string, string>,
  names: readonly string[],
): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const name of names) {
    const value = values[name];
    result[name] = value === undefined || value === "" ? null : value;
  }
  return result;
}

/** Empty fields left out (create forms: absent optional fields take their defaults). */
export function withoutEmpty(values: Record<string, string>, names: readonly string[]) {
  const result: Record<string, string> = {};
  for (const name of names) {
    const value = values[name];
    if (value !== undefined && value !== "") result[name] = value;
  }
  return result;
}

/** The query parameters a list understands, non-empty only (others, like utm_*, are ignored). */
export function queryFilter(request: Request, names: readonly string[]): Record<string, string> {
  const params = new URL(request.url).searchParams;
  const result: Record<string, string> = {};
  for (const name of names) {
    const value = params.get(name)?.trim();
    if (value) result[name] = value;
  }
  return result;
}
