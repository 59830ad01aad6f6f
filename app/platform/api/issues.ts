import type { z } from "zod";
import type { FieldErrors } from "../errors.ts";

export type RequestPart = "path" | "query" | "body";

/** Message params; `{ key }` is itself translated. */
export type MessageParams = Record<string, string | number | { key: string }>;

export type FieldErrorKey = {
  field: string;
  in?: RequestPart;
  key: string;
  params?: MessageParams;
};

const wholePart: Record<RequestPart, string> = { path: "_path", query: "_query", body: "_body" };

/**
 * Zod issues as field errors with catalog keys. An unknown field names that field; a wrong type
 * says which type was expected. Schemas that give a catalog key as message keep it.
 */
export function fieldErrorsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  part: RequestPart,
  /** What the client sent, to tell a missing value from a wrong one (coercion hides it). */
  input: unknown,
): FieldErrorKey[] {
  const errors: FieldErrorKey[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ field: [...base, key].join("."), in: part, key: "api.error.unknownField" });
      }
      continue;
    }
    const field = base.length ? base.join(".") : wholePart[part];
    errors.push({ field, in: part, ...messageOf(issue, valueAt(input, issue.path)) });
  }
  return errors;
}

function isCatalogKey(message: string): boolean {
  return /^[a-z][\w-]*(\.[\w-]+)+$/i.test(message) && !message.includes(" ");
}

/** Keys so general that the API's own message says more. */
const genericKeys = new Set(["error.invalid", "error.required"]);

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function messageOf(issue: z.core.$ZodIssue, sent: unknown): Pick<FieldErrorKey, "key" | "params"> {
  const generic = !isCatalogKey(issue.message) || genericKeys.has(issue.message);
  if (issue.code === "invalid_type" && generic) {
    // Missing, or there but of the wrong type (a number where text belongs): say which.
    if (sent === undefined) return { key: "error.required" };
    if (sent !== null) {
      return {
        key: "api.error.wrongType",
        params: { expected: { key: `api.type.${typeName(issue.expected)}` } },
      };
    }
  }
  if (issue.code === "invalid_value" && generic) {
    return issue.values.length > 0 && issue.values.length <= 20
      ? { key: "api.error.oneOf", params: { values: issue.values.map(String).join(", ") } }
      : { key: "error.invalid" };
  }
  if (isCatalogKey(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case "invalid_type":
      return { key: "error.required" };
    case "too_big":
      return { key: issue.origin === "string" ? "error.tooLong" : "error.invalid" };
    case "too_small":
      return {
        key:
          issue.origin === "string" && Number(issue.minimum) <= 1
            ? "error.required"
            : "error.invalid",
      };
    case "invalid_format":
      return {
        key:
          issue.format === "email"
            ? "error.email"
            : issue.format === "url"
              ? "error.url"
              : "error.invalid",
      };
    default:
      return { key: "error.invalid" };
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case "string":
    case "number":
    case "int":
    case "boolean":
    case "object":
    case "array":
    case "null":
    case "date":
      return expected;
    case "bigint":
      return "int";
    case "tuple":
      return "array";
    default:
      return "string";
  }
}

/** Field errors of an AppError (field → catalog keys) in the same shape. */
export function fieldErrorsFromAppError(fieldErrors: FieldErrors): FieldErrorKey[] {
  return Object.entries(fieldErrors).flatMap(([field, keys]) =>
    keys.map((key) => ({ field, key })),
  );
}
