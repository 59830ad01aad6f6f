// What the events module's /api/v1 files share: the event in the path, who may change an event,
// and refusals whose messages have placeholders.
import { uuidParams } from "../../platform/api/endpoint.ts";
import { fieldErrorsFromAppError } from "../../platform/api/issues.ts";
import { ApiProblem } from "../../platform/api/problem.ts";
import { isAppError } from "../../platform/errors.ts";

const eventId = "The event's id (a UUID).";
export const eventParams = uuidParams({ id: eventId });

/** The event and a part of it in the path: `eventPartParams({ roomId: "The room's id." })`. */
export function eventPartParams<K extends string>(part: Record<K, string>) {
  return uuidParams<"id" | K>({ id: eventId, ...part });
}

export const editors =
  "Organizers (admins and editors of a lead or deputy lead organizer) and committee members.";

/**
 * A refusal whose messages have placeholders (what clashes, and when; the places already
 * confirmed) keeps their values, which the dispatcher's own mapping of an AppError drops. The
 * form's summary is not repeated among the field errors: `detail` says it, or points at `errors`.
 */
export async function withMessageParams<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.params) {
      const { _form: _summary, ...fields } = error.fieldErrors;
      const detail = error.message === "form.errorSummary" ? "api.error.validation" : error.message;
      throw new ApiProblem(
        error.code,
        detail,
        error.params,
        fieldErrorsFromAppError(fields).map((field) => ({ ...field, params: error.params })),
      );
    }
    throw error;
  }
}
