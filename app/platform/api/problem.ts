import { z } from "zod";
import type { Locale } from "../../i18n/locales.ts";
import { translator } from "../../i18n/translate.ts";
import { config } from "../config.ts";
import { statusOf, type AppErrorCode } from "../errors.ts";
import type { FieldErrorKey, MessageParams } from "./issues.ts";

type ProblemKind = { status: number; slug: string; title: string };

/** Every kind of problem the API answers with: its status, slug (in the type URI) and title. */
export const problemTypes = {
  validation: { status: statusOf.validation, slug: "validation", title: "api.problem.validation" },
  unauthenticated: {
    status: statusOf.unauthenticated,
    slug: "unauthenticated",
    title: "api.problem.unauthenticated",
  },
  forbidden: { status: statusOf.forbidden, slug: "forbidden", title: "api.problem.forbidden" },
  not_found: { status: statusOf.not_found, slug: "not-found", title: "api.problem.notFound" },
  conflict: { status: statusOf.conflict, slug: "conflict", title: "api.problem.conflict" },
  rate_limited: {
    status: statusOf.rate_limited,
    slug: "rate-limited",
    title: "api.problem.rateLimited",
  },
  bad_request: {
    status: statusOf.bad_request,
    slug: "bad-request",
    title: "api.problem.badRequest",
  },
  malformed_json: { status: 400, slug: "malformed-json", title: "api.problem.malformedJson" },
  unsupported_media_type: {
    status: 415,
    slug: "unsupported-media-type",
    title: "api.problem.unsupportedMediaType",
  },
  payload_too_large: {
    status: 413,
    slug: "payload-too-large",
    title: "api.problem.payloadTooLarge",
  },
  method_not_allowed: {
    status: 405,
    slug: "method-not-allowed",
    title: "api.problem.methodNotAllowed",
  },
  csrf: { status: 403, slug: "csrf", title: "api.problem.csrf" },
  server_error: { status: 500, slug: "server-error", title: "api.problem.server" },
} as const satisfies Record<AppErrorCode, ProblemKind> & Record<string, ProblemKind>;

export type ProblemCode = keyof typeof problemTypes;

export function problemTypeUri(code: ProblemCode): string {
  return `${config().BASE_URL.replace(/\/$/, "")}/api/v1/problems/${problemTypes[code].slug}`;
}

export const ProblemFieldErrorSchema = z
  .object({
    field: z.string().meta({
      description:
        "The field that failed, as a dotted path inside its part of the request (`name`, `affiliations.0.title`); `_body` or `_query` for the part as a whole.",
    }),
    in: z
      .enum(["path", "query", "body"])
      .optional()
      .meta({ description: "The part of the request the field is in." }),
    message: z.string().meta({ description: "What is wrong, in the language of the response." }),
  })
  .meta({ id: "ProblemFieldError" });

/** RFC 9457 problem details, with `code` and the field errors as extension members. */
export const ProblemSchema = z
  .object({
    type: z.url().meta({ description: "Identifies the kind of problem." }),
    title: z.string().meta({ description: "A short summary of the kind of problem." }),
    status: z.int().min(400).max(599),
    detail: z.string().meta({ description: "What went wrong with this request." }),
    instance: z.string().meta({ description: "The path of the request that failed." }),
    code: z.enum(Object.keys(problemTypes) as [ProblemCode, ...ProblemCode[]]),
    errors: z.array(ProblemFieldErrorSchema),
  })
  .meta({
    id: "Problem",
    description:
      "An error as application/problem+json (RFC 9457). Messages are in the language of the `lang` cookie or the Accept-Language header (Swedish by default).",
  });

export type Problem = z.output<typeof ProblemSchema>;
export type ProblemFieldError = z.output<typeof ProblemFieldErrorSchema>;

/** A problem to answer with; thrown inside the dispatcher, turned into a response at the edge. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    /** A catalog key (with params) for `detail`. */
    readonly detailKey: string,
    readonly detailParams: MessageParams = {},
    readonly errors: FieldErrorKey[] = [],
    readonly headers: Record<string, string> = {},
    /**
     * RFC 9457 extension members beyond `code` and `errors` (e.g. what a client needs to resolve a
     * conflict); document them with the endpoint's `problemSchemas`.
     */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detailKey);
    this.name = "ApiProblem";
  }
}

/** Members an extension may not replace. */
const reservedMembers = new Set(Object.keys(ProblemSchema.shape));

export function problemDocument(problem: ApiProblem, locale: Locale, instance: string): Problem {
  const translate = translator(locale);
  const t = (key: string, params?: MessageParams) =>
    translate(
      key,
      params &&
        Object.fromEntries(
          Object.entries(params).map(([name, value]) => [
            name,
            typeof value === "object" ? translate(value.key) : value,
          ]),
        ),
    );
  const kind = problemTypes[problem.code];
  const extensions = Object.fromEntries(
    Object.entries(problem.extensions).filter(([name]) => !reservedMembers.has(name)),
  );
  return {
    type: problemTypeUri(problem.code),
    title: t(kind.title),
    status: kind.status,
    detail: t(problem.detailKey, problem.detailParams),
    instance,
    code: problem.code,
    errors: problem.errors.map((error) => ({
      field: error.field,
      ...(error.in ? { in: error.in } : {}),
      message: t(error.key, error.params),
    })),
    ...extensions,
  };
}

export function problemResponse(
  problem: ApiProblem,
  locale: Locale,
  instance: string,
  headers: Record<string, string> = {},
): Response {
  const document = problemDocument(problem, locale, instance);
  return new Response(JSON.stringify(document), {
    status: document.status,
    headers: {
      "Content-Type": "application/problem+json; charset=utf-8",
      "Content-Language": locale,
      "Cache-Control": "no-store",
      ...headers,
      ...problem.headers,
    },
  });
}
