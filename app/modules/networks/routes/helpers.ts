// Server-side helpers of the networks' pages.
import { data } from "react-router";
import { isAppError, statusOf, type FieldErrors } from "../../../platform/errors.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { SeatLimitError } from "../service.ts";

export { queryFilter, submittedValues } from "../../directory/routes/helpers.ts";

export type NetworkFormFailure = {
  ok: false;
  /** Which form of the page failed (pages with several forms). */
  intent?: string;
  fieldErrors: FieldErrors;
  /** A message for the whole form (conflict, seats, a refusal without a field). */
  formError: string | null;
  formErrorParams?: Record<string, string | number>;
  /** What the user submitted, to show it again. */
  values: Record<string, string>;
};

/**
 * A refusal in an action: validation and conflicts go back to the form with what the user typed
 * (a refusal over the seats with a message naming the organization and its seats); the public is
 * sent to log in; other refusals show the error page.
 */
export function networkFormFailure(
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
  return data<NetworkFormFailure>(
    {
      ok: false,
      intent: options.intent,
      fieldErrors,
      formError: formLevel?.[0] ?? (hasFields ? null : error.message),
      formErrorParams: error instanceof SeatLimitError ? error.params : undefined,
      values,
    },
    { status: statusOf[error.code], headers: noStoreHeaders },
  );
}
