import type { z } from "zod";
import { AppError, type FieldErrors } from "./errors.ts";

/**
 * Schemas give catalog keys as messages (`z.string().min(1, "error.required")`); an issue without
 * one falls back to a key by its kind, so every message reaches the user in their language.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    (fieldErrors[field] ??= []).push(messageKeyOf(issue));
  }
  return fieldErrors;
}

function messageKeyOf(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith("error.") || issue.message.includes(".error.")) return issue.message;
  switch (issue.code) {
    case "too_big":
      return "error.tooLong";
    case "too_small":
      return "error.required";
    case "invalid_format":
      return issue.format === "email"
        ? "error.email"
        : issue.format === "url"
          ? "error.url"
          : "error.invalid";
    case "invalid_type":
      return issue.input === undefined ? "error.required" : "error.invalid";
    default:
      return "error.invalid";
  }
}

/** Parses or throws a validation AppError whose field errors are catalog keys. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AppError("validation", "form.errorSummary", fieldErrorsOf(result.error));
  return result.data;
}

/**
 * A form's fields as an object: empty strings become undefined (so optional fields stay optional),
 * repeated names become arrays. `_csrf` and `intent` are left out.
 */
export function formObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, raw] of formData.entries()) {
    if (key === "_csrf") continue;
    const value = typeof raw === "string" ? raw.trim() : raw;
    const normalized = value === "" ? undefined : value;
    if (key in result) {
      const existing = result[key];
      result[key] = Array.isArray(existing) ? [...existing, normalized] : [existing, normalized];
    } else {
      result[key] = normalized;
    }
  }
  return result;
}
