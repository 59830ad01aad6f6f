import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { resetConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { createApi, maxBodyBytes, type ApiDependencies } from "./dispatch.ts";
import { dateTime, defineEndpoint, paginated, paginationQuery } from "./endpoint.ts";
import { fromAcceptLanguage, negotiateLocale } from "./locale.ts";

// Vitest sets BASE_URL to "/" (Vite's base); the app needs an absolute URL.
process.env.BASE_URL = "http://localhost:3000";
resetConfig();

// A small API of its own, so the dispatcher is tested apart from any domain.

const Color = z.enum(["red", "green"]).meta({ id: "Color" });
const Widget = z
  .object({
    id: z.uuid(),
    name: z.string(),
    color: Color,
    size: z.int(),
    createdAt: dateTime(),
  })
  .meta({ id: "Widget" });
const WidgetCreate = z
  .strictObject({
    name: z.string().trim().min(1, "error.required"),
    color: Color,
    size: z.int().min(1).default(1),
    tags: z.array(z.string()).optional(),
  })
  .meta({ id: "WidgetCreate" });
const Settings = z.object({ level: z.int().default(3) }).meta({ id: "Settings" });

const widgetId = "7f1d1a52-3c9b-4b7e-9f59-0a4c2d1e5b6a";

const endpoints = [
  defineEndpoint({
    operationId: "listWidgets",
    method: "GET",
    path: "/widgets",
    summary: "List widgets",
    tags: ["widgets"],
    auth: "public",
    query: z.strictObject({ ...paginationQuery, color: Color.optional() }),
    response: paginated(Widget),
    paginated: true,
    handler: async ({ query }) => ({
      items: [
        {
          id: widgetId,
          name: "Bolt",
          color: query.color ?? "red",
          size: 2,
          createdAt: new Date("2025-01-02T03:04:05Z"),
          secret: "never on the wire",
        },
      ],
      page: query.page,
      pageSize: query.pageSize,
      total: 45,
    }),
  }),
  defineEndpoint({
    operationId: "getWidget",
    method: "GET",
    path: "/widgets/{id}",
    summary: "Read a widget",
    tags: ["widgets"],
    auth: "public",
    params: z.strictObject({ id: z.uuid() }),
    response: Widget,
    problems: ["not_found"],
    handler: async ({ params }) => {
      if (params.id !== widgetId) throw new AppError("not_found", "error.notFound");
      return { id: widgetId, name: "Bolt", color: "red" as const, size: 2, createdAt: new Date() };
    },
  }),
  defineEndpoint({
    operationId: "createWidget",
    method: "POST",
    path: "/widgets",
    summary: "Create a widget",
    tags: ["widgets"],
    auth: "required",
    body: WidgetCreate,
    response: Widget,
    status: 201,
    problems: ["conflict"],
    handler: async ({ body, responseHeaders }) => {
      if (body.name === "Taken") {
        throw new AppError("conflict", "error.conflict", { name: ["error.invalid"] });
      }
      if (body.name === "Crash") throw new Error("database exploded at /secret/path");
      responseHeaders.set("Location", `/api/v1/widgets/${widgetId}`);
      return { id: widgetId, ...body, createdAt: new Date() };
    },
  }),
  defineEndpoint({
    operationId: "deleteWidget",
    method: "DELETE",
    path: "/widgets/{id}",
    summary: "Delete a widget",
    tags: ["widgets"],
    auth: "required",
    params: z.strictObject({ id: z.uuid() }),
    handler: async () => {},
  }),
  defineEndpoint({
    operationId: "putSettings",
    method: "PUT",
    path: "/settings",
    summary: "Settings in and out",
    tags: ["settings"],
    auth: "public",
    body: Settings,
    response: Settings,
    handler: async ({ body }) => body,
  }),
];

const api = createApi({
  basePath: "/api/v1",
  info: { title: "Test API", version: "1", sessionCookieName: "sid" },
  endpoints,
});

const tokenActor: Actor = {
  userId: "u1",
  label: "token@example.org",
  isPlatformAdmin: false,
  personId: null,
  orgRoles: new Map(),
  via: "token",
};
const sessionActor: Actor = { ...tokenActor, via: "session" };

function deps(actor: Actor | null, csrfOk = false): ApiDependencies {
  return {
    db: {} as Db,
    authenticate: async () => actor,
    verifyCsrf: () => csrfOk,
  };
}

function request(
  path: string,
  init: RequestInit & { json?: unknown; lang?: string } = {},
): Request {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  if (init.lang) headers.set("accept-language", init.lang);
  return new Request(`http://localhost:3000/api/v1${path}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
}

async function problem(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = await response.json();
  expect(body).toMatchObject({ status: response.status });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/i);
  return body as {
    type: string;
    title: string;
    status: number;
    detail: string;
    instance: string;
    code: string;
    errors: { field: string; in?: string; message: string }[];
  };
}

describe("API dispatcher", () => {
  it("answers a list with page data, a Link header and only the documented fields", async () => {
    const response = await api.handle(
      request("/widgets?page=2&pageSize=10&color=green"),
      deps(null),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body).toEqual({
      items: [
        {
          id: widgetId,
          name: "Bolt",
          color: "green",
          size: 2,
          createdAt: "2025-01-02T03:04:05.000Z",
        },
      ],
      page: 2,
      pageSize: 10,
      total: 45,
    });
    const link = response.headers.get("link")!;
    expect(link).toContain('</api/v1/widgets?page=1&pageSize=10&color=green>; rel="first"');
    expect(link).toContain('page=3&pageSize=10&color=green>; rel="next"');
    expect(link).toContain('page=5&pageSize=10&color=green>; rel="last"');
    expect(link).toContain('page=1&pageSize=10&color=green>; rel="prev"');
  });

  it("refuses unknown query parameters and bad page sizes with 422 naming them", async () => {
    const response = await api.handle(request("/widgets?colour=red&pageSize=500"), deps(null));
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.code).toBe("validation");
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "colour", in: "query" }),
        expect.objectContaining({ field: "pageSize", in: "query" }),
      ]),
    );
  });

  it("answers 404 for unknown paths and path values that cannot name a resource", async () => {
    const unknown = await problem(await api.handle(request("/gadgets"), deps(null)));
    expect(unknown).toMatchObject({ status: 404, code: "not_found", instance: "/api/v1/gadgets" });
    const badId = await problem(await api.handle(request("/widgets/not-a-uuid"), deps(null)));
    expect(badId.status).toBe(404);
    const missing = await api.handle(
      request("/widgets/00000000-0000-4000-8000-000000000000"),
      deps(null),
    );
    expect(missing.status).toBe(404);
  });

  it("answers 405 with Allow for a method the path does not take", async () => {
    const response = await api.handle(request("/widgets", { method: "PATCH" }), deps(tokenActor));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
    await problem(response);
  });

  it("asks for a login before reading the body of a write", async () => {
    const response = await api.handle(
      request("/widgets", {
        method: "POST",
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      deps(null),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await problem(response)).code).toBe("unauthenticated");
  });

  it("says so when credentials were sent but do not work, even on a public endpoint", async () => {
    const response = await api.handle(
      request("/widgets", { headers: { authorization: "Bearer svk_wrong" } }),
      deps(null),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("invalid_token");
  });

  it("creates with a token, with Location, status 201 and defaults applied", async () => {
    const response = await api.handle(
      request("/widgets", { method: "POST", json: { name: " Nut ", color: "green" } }),
      deps(tokenActor),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`/api/v1/widgets/${widgetId}`);
    expect(await response.json()).toMatchObject({ name: "Nut", color: "green", size: 1 });
  });

  it("answers 204 without a body", async () => {
    const response = await api.handle(
      request(`/widgets/${widgetId}`, { method: "DELETE" }),
      deps(tokenActor),
    );
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });

  it("requires the CSRF token of a session for a write, but not of a Bearer token", async () => {
    const post = () => request("/widgets", { method: "POST", json: { name: "Nut", color: "red" } });
    const refused = await api.handle(post(), deps(sessionActor, false));
    expect(refused.status).toBe(403);
    expect((await problem(refused)).code).toBe("csrf");
    expect((await api.handle(post(), deps(sessionActor, true))).status).toBe(201);
    expect((await api.handle(post(), deps(tokenActor, false))).status).toBe(201);
    // Reading needs no CSRF token.
    expect((await api.handle(request("/widgets"), deps(sessionActor, false))).status).toBe(200);
  });

  it("answers 415 for a body that is not JSON", async () => {
    const response = await api.handle(
      request("/widgets", {
        method: "POST",
        body: "name=Nut&color=red",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      deps(tokenActor),
    );
    expect(response.status).toBe(415);
    expect(response.headers.get("accept-post")).toBe("application/json");
    const body = await problem(response);
    expect(body.detail).toContain("application/x-www-form-urlencoded");
  });

  it("answers 400 for malformed or missing JSON", async () => {
    for (const body of ['{"name": "Nut",', "", "   "]) {
      const response = await api.handle(
        request("/widgets", {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
        }),
        deps(tokenActor),
      );
      expect(response.status).toBe(400);
      const document = await problem(response);
      expect(document.code).toBe("malformed_json");
      expect(document.errors[0]).toMatchObject({ field: "_body", in: "body" });
    }
  });

  it("answers 413 for a body over the limit", async () => {
    const big = JSON.stringify({ name: "x".repeat(maxBodyBytes), color: "red" });
    const response = await api.handle(
      request("/widgets", {
        method: "POST",
        body: big,
        headers: { "content-type": "application/json" },
      }),
      deps(tokenActor),
    );
    expect(response.status).toBe(413);
    await problem(response);
  });

  it("names unknown fields and wrong types with 422, in Swedish by default", async () => {
    const response = await api.handle(
      request("/widgets", {
        method: "POST",
        json: { name: 42, color: "blue", size: "big", extra: true, nested: { a: 1 } },
      }),
      deps(tokenActor),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get("content-language")).toBe("sv");
    const body = await problem(response);
    expect(body.title).toBe("Ogiltiga uppgifter");
    const byField = Object.fromEntries(body.errors.map((error) => [error.field, error.message]));
    expect(byField).toEqual({
      name: "Fel typ: ange en text.",
      color: "Ange ett av: red, green.",
      size: "Fel typ: ange ett tal.",
      extra: "Fältet finns inte.",
      nested: "Fältet finns inte.",
    });
    expect(body.errors.every((error) => error.in === "body")).toBe(true);
  });

  it("answers in English or Norwegian when asked, and the lang cookie wins", async () => {
    const post = (headers: Record<string, string>) =>
      api.handle(
        request("/widgets", { method: "POST", json: { name: "", color: "red", x: 1 }, headers }),
        deps(tokenActor),
      );
    const english = await problem(await post({ "accept-language": "en-GB,en;q=0.9" }));
    expect(english.title).toBe("Invalid input");
    expect(english.errors).toEqual(
      expect.arrayContaining([
        { field: "x", in: "body", message: "This field does not exist." },
        { field: "name", in: "body", message: "Fill in this field." },
      ]),
    );
    expect(english.errors).toHaveLength(2);
    const norwegian = await problem(await post({ "accept-language": "nn-NO" }));
    expect(norwegian.title).toBe("Ugyldige opplysninger");
    const cookie = await problem(await post({ "accept-language": "en", cookie: "lang=sv" }));
    expect(cookie.title).toBe("Ogiltiga uppgifter");
  });

  it("maps AppErrors of services to problems with their field errors", async () => {
    const response = await api.handle(
      request("/widgets", { method: "POST", json: { name: "Taken", color: "red" }, lang: "en" }),
      deps(tokenActor),
    );
    expect(response.status).toBe(409);
    const body = await problem(response);
    expect(body).toMatchObject({
      code: "conflict",
      title: "Conflict",
      detail: "Someone else changed this record meanwhile. Reload and try again.",
      errors: [{ field: "name", message: "The value is not valid." }],
      type: expect.stringMatching(/\/api\/v1\/problems\/conflict$/),
    });
  });

  it("answers an unexpected error with a bare 500 and logs it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await api.handle(
      request("/widgets", { method: "POST", json: { name: "Crash", color: "red" } }),
      deps(tokenActor),
    );
    expect(response.status).toBe(500);
    const body = await problem(response);
    expect(JSON.stringify(body)).not.toContain("exploded");
    expect(body.code).toBe("server_error");
    expect(logged).toHaveBeenCalledOnce();
  });

  it("serves the OpenAPI document", async () => {
    const response = await api.handle(request("/openapi.json"), deps(null));
    expect(response.status).toBe(200);
    expect((await response.json()).openapi).toMatch(/^3\.1\./);
  });
});

describe("OpenAPI generation", () => {
  const document = api.openapi() as {
    paths: Record<string, Record<string, { operationId: string; parameters?: unknown[] }>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("holds every endpoint", () => {
    for (const endpoint of endpoints) {
      expect(document.paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.operationId).toBe(
        endpoint.operationId,
      );
    }
  });

  it("puts named schemas into components, split where input and output differ", () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        "Color",
        "Widget",
        "WidgetCreate",
        "Problem",
        "Settings",
        "SettingsInput",
      ]),
    );
    // A default makes the field optional for the client, but always present in the answer.
    expect(schemas.Settings!.required).toEqual(["level"]);
    expect(schemas.SettingsInput!.required).toBeUndefined();
    expect(schemas.WidgetCreate!.additionalProperties).toBe(false);
    const put = document.paths["/settings"]!.put as unknown as {
      requestBody: { content: { "application/json": { schema: unknown } } };
    };
    expect(put.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/SettingsInput",
    });
    expect(JSON.stringify(document)).not.toContain("#/$defs/");
  });

  it("describes query and path parameters one by one", () => {
    const list = document.paths["/widgets"]!.get!;
    expect(list.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "page", in: "query", required: false }),
        expect.objectContaining({
          name: "color",
          in: "query",
          required: false,
          schema: { $ref: "#/components/schemas/Color" },
        }),
      ]),
    );
    expect(document.paths["/widgets/{id}"]!.get!.parameters).toEqual([
      expect.objectContaining({ name: "id", in: "path", required: true }),
    ]);
  });
});

describe("response language", () => {
  it("reads Accept-Language by quality", () => {
    expect(fromAcceptLanguage("de-DE, en;q=0.5, nb;q=0.8")).toBe("nb");
    expect(fromAcceptLanguage("no")).toBe("nb");
    expect(fromAcceptLanguage("fr, de")).toBeUndefined();
    expect(fromAcceptLanguage("en;q=0, sv;q=0.1")).toBe("sv");
  });

  it("falls back to Swedish", () => {
    expect(negotiateLocale(new Request("http://localhost/api/v1/x"))).toBe("sv");
  });
});
