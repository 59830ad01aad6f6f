import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Locale } from "../../i18n/locales.ts";
import type { Translate } from "../../i18n/translate.ts";
import type { Actor } from "../actor.ts";
import type { ProblemCode } from "./problem.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * - `public`: anyone; the actor (or null) is passed on, so the service decides what they may see.
 * - `required`: no actor → 401 before the input is even read.
 */
export type AuthRequirement = "public" | "required";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ObjectSchema = z.ZodObject<any, any>;

type OutputOf<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;
type ResultOf<S> = S extends z.ZodType ? Unwire<z.input<S>> : void;

/**
 * What a handler may return for a response schema that describes JSON: where the wire has a string
 * a Date will do (it is serialized with toJSON before the response schema checks it).
 */
export type Unwire<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? Unwire<U>[]
    : T extends object
      ? { [K in keyof T]: Unwire<T[K]> }
      : T;

export type HandlerContext<TParams, TQuery, TBody> = {
  db: Db;
  actor: Actor | null;
  params: TParams;
  query: TQuery;
  body: TBody;
  locale: Locale;
  t: Translate;
  request: Request;
  /** Headers to add to the success response (e.g. Location after a create). */
  responseHeaders: Headers;
};

export type Endpoint<
  TParams extends ObjectSchema | undefined = ObjectSchema | undefined,
  TQuery extends ObjectSchema | undefined = ObjectSchema | undefined,
  TBody extends z.ZodType | undefined = z.ZodType | undefined,
  TResponse extends z.ZodType | undefined = z.ZodType | undefined,
> = {
  /** Unique and stable: the OpenAPI operationId, e.g. "listOrganizations". */
  operationId: string;
  method: HttpMethod;
  /** Relative to /api/v1, with OpenAPI templates: "/organizations/{id}". */
  path: `/${string}`;
  summary: string;
  description?: string;
  tags: string[];
  auth: AuthRequirement;
  /** Path parameters; a value that fails them answers 404 (there is no such resource). */
  params?: TParams;
  /** Query parameters; strings, so use z.coerce for numbers. Prefer z.strictObject. */
  query?: TQuery;
  /** The JSON body. Use z.strictObject so unknown fields are refused with 422. */
  body?: TBody;
  /** The success response body; absent means no body (status 204). */
  response?: TResponse;
  /** Defaults to 200 with a response schema, 204 without. */
  status?: 200 | 201 | 204;
  responseDescription?: string;
  /**
   * Where the created resource lives, relative to /api/v1 (`(created) => \`/networks/${created.id}\``):
   * answered as the Location header of a 201.
   */
  location?: (
    created: OutputOf<TResponse, never>,
    params: OutputOf<TParams, Record<string, never>>,
  ) => `/${string}`;
  /** The response is a page (`{ items, page, pageSize, total }`): a Link header is added. */
  paginated?: boolean;
  /** Problems the handler's service may answer with, beyond those the dispatcher documents itself. */
  problems?: ProblemCode[];
  /**
   * Problems whose document carries extension members: the schema of the whole document (extend
   * `ProblemSchema`), documented in place of the plain Problem for that status.
   */
  problemSchemas?: Partial<Record<ProblemCode, z.ZodType>>;
  handler(
    context: HandlerContext<
      OutputOf<TParams, Record<string, never>>,
      OutputOf<TQuery, Record<string, never>>,
      OutputOf<TBody, undefined>
    >,
  ): Promise<ResultOf<TResponse>>;
};

/** Any endpoint, as the dispatcher and the OpenAPI generator see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEndpoint = Endpoint<any, any, any, any>;

/** Declares an endpoint; the types of params, query, body and result follow from its schemas. */
export function defineEndpoint<
  TParams extends ObjectSchema | undefined = undefined,
  TQuery extends ObjectSchema | undefined = undefined,
  TBody extends z.ZodType | undefined = undefined,
  TResponse extends z.ZodType | undefined = undefined,
>(endpoint: Endpoint<TParams, TQuery, TBody, TResponse>): AnyEndpoint {
  return endpoint as AnyEndpoint;
}

// Pagination: ?page=&pageSize= in, { items, page, pageSize, total } out.

export const maxPageSize = 100;
export const defaultPageSize = 25;

/** Spread into a query schema: `z.strictObject({ ...paginationQuery, q: … })`. */
export const paginationQuery = {
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1)
    .meta({ description: "The page to return, from 1." }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxPageSize)
    .default(defaultPageSize)
    .meta({ description: `Items per page, at most ${maxPageSize}.` }),
};

export type PageRequest = { page: number; pageSize: number };

/** A page of items of the given schema. */
export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.int().min(1),
    pageSize: z.int().min(1).max(maxPageSize),
    total: z.int().min(0).meta({ description: "How many items match, on all pages." }),
  });
}

/** A timestamp on the wire: ISO 8601 with time zone (handlers may return a Date). */
export const dateTime = () => z.iso.datetime({ offset: true });

/** Path parameters that are UUIDs, by name with their descriptions: `uuidParams({ id: "…" })`. */
export function uuidParams<K extends string>(descriptions: Record<K, string>) {
  const shape = Object.fromEntries(
    Object.entries<string>(descriptions).map(([name, description]) => [
      name,
      z.uuid().meta({ description }),
    ]),
  ) as Record<K, z.ZodUUID>;
  return z.strictObject(shape);
}

/** A resource's version for optimistic locking, as answered (and sent back with a change). */
export const versionField = () =>
  z.int().min(1).meta({ description: "Send it back with a change (optimistic locking)." });
