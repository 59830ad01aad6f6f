import type { Actor } from "./actor.ts";

/** A failure a user can act on; mapped to an HTTP status and a problem document at the edge. */
export type AppErrorCode =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "bad_request";

export const statusOf: Record<AppErrorCode, number> = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  bad_request: 400,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Message keys of the i18n catalog, by field name. */
  readonly fieldErrors: FieldErrors;

  /** Values for the message's placeholders. */
  readonly params: Record<string, string | number> | undefined;

  constructor(
    code: AppErrorCode,
    messageKey: string,
    fieldErrors: FieldErrors = {},
    params?: Record<string, string | number>,
  ) {
    super(messageKey);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.params = params;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The acting user, or "log in first" for the public. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthenticated", "error.unauthenticated");
  return actor;
}

export function forbidden(): AppError {
  return new AppError("forbidden", "error.forbidden");
}

/** Input that passed its schema but breaks a rule: messages by field, summed up above the form. */
export function invalid(fieldErrors: FieldErrors): AppError {
  return new AppError("validation", "form.errorSummary", fieldErrors);
}
