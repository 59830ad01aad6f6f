import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Locale } from "../../i18n/locales.ts";
import { translator } from "../../i18n/translate.ts";
import type { Actor } from "../actor.ts";
import { isAppError } from "../errors.ts";
import type { AnyEndpoint, HttpMethod } from "./endpoint.ts";
import { fieldErrorsFromAppError, fieldErrorsFromIssues, type RequestPart } from "./issues.ts";
import { negotiateLocale } from "./locale.ts";
import { buildOpenApiDocument, type OpenApiInfo } from "./openapi.ts";
import { ApiProblem, problemResponse } from "./problem.ts";

/** What a request needs from outside: the database, who is asking, and the CSRF check. */
export type ApiDependencies = {
  db: Db;
  /** Session cookie or `Authorization: Bearer`; null when neither names a live login. */
  authenticate: (request: Request) => Promise<Actor | null>;
  /**
   * Whether a state-changing request authenticated by the session cookie carries a valid CSRF
   * token. Requests authenticated by a Bearer token need none: a browser never adds that header
   * to a cross-site request on its own.
   */
  verifyCsrf: (request: Request, actor: Actor) => boolean | Promise<boolean>;
};

export type Api = {
  basePath: string;
  endpoints: readonly AnyEndpoint[];
  /** The OpenAPI 3.1 document, generated once from the endpoints' schemas. */
  openapi: () => Record<string, unknown>;
  handle: (request: Request, dependencies: ApiDependencies) => Promise<Response>;
};

type CompiledRoute = {
  endpoint: AnyEndpoint;
  pattern: RegExp;
  paramNames: string[];
};

/** Bodies above this size are refused with 413 before they are parsed. */
export const maxBodyBytes = 1024 * 1024;

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function createApi(options: {
  basePath: string;
  info: OpenApiInfo;
  endpoints: readonly AnyEndpoint[];
}): Api {
  const basePath = options.basePath.replace(/\/$/, "");
  const routes = compileRoutes(options.endpoints);
  let document: Record<string, unknown> | undefined;
  const openapi = () => {
    document ??= buildOpenApiDocument({
      info: options.info,
      serverUrl: basePath,
      endpoints: options.endpoints,
    });
    return document;
  };

  async function handle(request: Request, dependencies: ApiDependencies): Promise<Response> {
    const url = new URL(request.url);
    const locale = negotiateLocale(request);
    const instance = url.pathname;
    try {
      const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : "";
      const method = (
        request.method.toUpperCase() === "HEAD" ? "GET" : request.method.toUpperCase()
      ) as HttpMethod;

      if (path === "/openapi.json" && method === "GET") {
        return Response.json(openapi(), {
          headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
        });
      }

      const { route, params: rawParams } = match(routes, path, method, url.pathname);
      const { endpoint } = route;
      const actor = await authenticate(request, dependencies, endpoint);

      if (unsafeMethods.has(method) && actor?.via === "session") {
        if (!(await dependencies.verifyCsrf(request, actor))) {
          throw new ApiProblem("csrf", "api.error.csrf");
        }
      }

      const params = endpoint.params
        ? parsePathParams(endpoint.params, rawParams)
        : ({} as Record<string, never>);
      const query = endpoint.query
        ? parsePart(endpoint.query, queryObject(url.searchParams), "query")
        : ({} as Record<string, never>);
      const body = endpoint.body
        ? parsePart(endpoint.body, await readJsonBody(request), "body")
        : undefined;

      const responseHeaders = new Headers();
      const result = await endpoint.handler({
        db: dependencies.db,
        actor,
        params,
        query,
        body,
        locale,
        t: translator(locale),
        request,
        responseHeaders,
      });
      return successResponse(endpoint, result, responseHeaders, url, (created) =>
        endpoint.location ? `${basePath}${endpoint.location(created, params)}` : null,
      );
    } catch (error) {
      return errorResponse(error, locale, instance);
    }
  }

  return { basePath, endpoints: options.endpoints, openapi, handle };
}

function compileRoutes(endpoints: readonly AnyEndpoint[]): CompiledRoute[] {
  const seenOperations = new Set<string>();
  const seenRoutes = new Set<string>();
  return endpoints.map((endpoint) => {
    if (seenOperations.has(endpoint.operationId)) {
      throw new Error(`Duplicate API operationId ${endpoint.operationId}`);
    }
    seenOperations.add(endpoint.operationId);
    const routeKey = `${endpoint.method} ${endpoint.path.replace(/\{[^}]+\}/g, "{}")}`;
    if (seenRoutes.has(routeKey)) throw new Error(`Duplicate API route ${routeKey}`);
    seenRoutes.add(routeKey);

    const paramNames: string[] = [];
    const source = endpoint.path
      .split("/")
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        if (param) {
          paramNames.push(param[1]!);
          return "([^/]+)";
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    const declared = Object.keys(endpoint.params?.shape ?? {}).sort();
    if (declared.join() !== [...paramNames].sort().join()) {
      throw new Error(`API ${endpoint.operationId}: path parameters and params schema differ`);
    }
    return { endpoint, pattern: new RegExp(`^${source}$`), paramNames };
  });
}

function match(
  routes: CompiledRoute[],
  path: string,
  method: HttpMethod,
  fullPath: string,
): { route: CompiledRoute; params: Record<string, string> } {
  const allowed: string[] = [];
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    if (route.endpoint.method !== method) {
      allowed.push(route.endpoint.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [index, name] of route.paramNames.entries()) {
      try {
        params[name] = decodeURIComponent(found[index + 1]!);
      } catch {
        throw new ApiProblem("not_found", "error.notFound");
      }
    }
    return { route, params };
  }
  if (allowed.length) {
    const allow = [...new Set(allowed.flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])))].join(
      ", ",
    );
    throw new ApiProblem(
      "method_not_allowed",
      "api.error.methodNotAllowed",
      { method, allowed: allow },
      [],
      { Allow: allow },
    );
  }
  throw new ApiProblem("not_found", "api.error.routeNotFound", { path: fullPath });
}

async function authenticate(
  request: Request,
  dependencies: ApiDependencies,
  endpoint: AnyEndpoint,
): Promise<Actor | null> {
  const actor = await dependencies.authenticate(request);
  // A client that sends credentials that do not work is told so, even where none are needed.
  if (!actor && request.headers.has("authorization")) {
    throw new ApiProblem("unauthenticated", "api.error.tokenInvalid", {}, [], {
      "WWW-Authenticate": 'Bearer realm="samverka", error="invalid_token"',
    });
  }
  if (!actor && endpoint.auth === "required") {
    throw new ApiProblem("unauthenticated", "error.unauthenticated", {}, [], {
      "WWW-Authenticate": 'Bearer realm="samverka"',
    });
  }
  return actor;
}

function parsePathParams(schema: z.ZodType, raw: Record<string, string>) {
  const result = schema.safeParse(raw);
  // A path that names no possible resource is a resource that does not exist.
  if (!result.success) throw new ApiProblem("not_found", "error.notFound");
  return result.data;
}

function parsePart(schema: z.ZodType, input: unknown, part: RequestPart) {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ApiProblem(
      "validation",
      "api.error.validation",
      {},
      fieldErrorsFromIssues(result.error.issues, part, input),
    );
  }
  return result.data;
}

/** Query parameters as an object; a repeated name becomes an array. */
function queryObject(searchParams: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of searchParams) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const mediaType = header.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get("content-type");
  if (!isJsonContentType(contentType)) {
    throw new ApiProblem(
      "unsupported_media_type",
      "api.error.unsupportedMediaType",
      { contentType: contentType?.split(";")[0]?.trim() || "–" },
      [],
      { "Accept-Post": "application/json", "Accept-Patch": "application/json" },
    );
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge();
  const text = await readLimited(request, maxBodyBytes);
  if (text.trim() === "") {
    throw new ApiProblem("malformed_json", "api.error.emptyBody", {}, [
      { field: "_body", in: "body", key: "api.error.emptyBody" },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiProblem("malformed_json", "api.error.malformedJson", {}, [
      { field: "_body", in: "body", key: "api.error.malformedJson" },
    ]);
  }
}

function tooLarge() {
  return new ApiProblem("payload_too_large", "api.error.payloadTooLarge", { limit: maxBodyBytes });
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

function successResponse(
  endpoint: AnyEndpoint,
  result: unknown,
  headers: Headers,
  url: URL,
  locationOf: (created: unknown) => string | null,
): Response {
  headers.set("Cache-Control", "no-store");
  const status = endpoint.status ?? (endpoint.response ? 200 : 204);
  if (!endpoint.response || status === 204) return new Response(null, { status, headers });

  // Dates become ISO strings as in any JSON; the response schema then drops what it does not
  // name (nothing internal leaks) and proves the answer matches the documented contract.
  const wire: unknown = result === undefined ? null : JSON.parse(JSON.stringify(result));
  const checked = (endpoint.response as z.ZodType).safeParse(wire);
  if (!checked.success) {
    throw new Error(
      `API ${endpoint.operationId}: response does not match its schema: ${JSON.stringify(checked.error.issues)}`,
    );
  }
  const location = locationOf(checked.data);
  if (location) headers.set("Location", location);
  if (endpoint.paginated) {
    const link = linkHeader(url, checked.data);
    if (link) headers.set("Link", link);
  }
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(checked.data), { status, headers });
}

/** RFC 8288 links to the first, previous, next and last page. */
function linkHeader(url: URL, body: unknown): string | undefined {
  const { page, pageSize, total } = body as { page?: number; pageSize?: number; total?: number };
  if (typeof page !== "number" || typeof pageSize !== "number" || typeof total !== "number") {
    return undefined;
  }
  const last = Math.max(1, Math.ceil(total / pageSize));
  const to = (target: number) => {
    const next = new URL(url);
    next.searchParams.set("page", String(target));
    next.searchParams.set("pageSize", String(pageSize));
    return `<${next.pathname}${next.search}>`;
  };
  const links = [`${to(1)}; rel="first"`];
  if (page > 1) links.push(`${to(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${to(page + 1)}; rel="next"`);
  links.push(`${to(last)}; rel="last"`);
  return links.join(", ");
}

function errorResponse(error: unknown, locale: Locale, instance: string): Response {
  if (error instanceof ApiProblem) return problemResponse(error, locale, instance);
  if (isAppError(error)) {
    // Services summarize field errors for a form; the API's summary points at `errors`.
    const detail = error.message === "form.errorSummary" ? "api.error.validation" : error.message;
    return problemResponse(
      new ApiProblem(
        error.code,
        detail,
        error.params ?? {},
        fieldErrorsFromAppError(error.fieldErrors),
      ),
      locale,
      instance,
    );
  }
  // Unexpected: logged here with its stack; the client learns nothing but that it failed.
  console.error(`API ${instance} failed:`, error);
  return problemResponse(new ApiProblem("server_error", "error.server"), locale, instance);
}
