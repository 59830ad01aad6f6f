// Building blocks of the modules' input schemas (forms, services and /api/v1 alike): messages are
// i18n catalog keys, and nothing transforms, so the schemas turn into JSON Schema as they are.
import { z } from "zod";

/** For z.strictObject: unknown keys are refused with the module's message key. */
export function unknownKeysError(messageKey: string) {
  return {
    error: (issue: { code?: string }) =>
      issue.code === "unrecognized_keys" ? messageKey : undefined,
  };
}

/** Text that must not be empty once trimmed, at most `max` characters. */
export const requiredText = (max: number) =>
  z.string({ error: "error.required" }).trim().min(1, "error.required").max(max, "error.tooLong");

export const uuidInput = () => z.uuid({ error: "error.invalid" });

/** For z.enum: an empty choice is "required"; anything else outside the list is "invalid". */
export const choiceError = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === "" || issue.input === null
      ? "error.required"
      : "error.invalid",
};

/** The version a change starts from (optimistic locking); a form's string is accepted. */
export const versionInput = () =>
  z.coerce.number({ error: "error.invalid" }).int("error.invalid").min(1, "error.invalid");
