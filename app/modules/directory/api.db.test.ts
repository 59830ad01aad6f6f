// The directory's /api/v1 endpoints against a real database: the dispatcher is called with
// Request objects, authenticated by identity's real token and session lookup, and every answer
// is checked against the generated OpenAPI document.
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { Db } from "../../db/client.ts";
import { resetConfig } from "../../platform/config.ts";
import { apiV1, handleApiRequest } from "../api/v1.ts";
import { actorOf } from "../identity/actors.ts";
import {
  authenticateApiRequest,
  createIdentityMiddleware,
  SESSION_COOKIE,
} from "../identity/middleware.ts";
import {
  createApiToken,
  createUserWithPassword,
  setOrganizationRole,
} from "../identity/service.ts";
import { startSession } from "../identity/sessions.ts";
import { createOrganization } from "./service.ts";

// Vitest sets BASE_URL to "/" (Vite's base); the app needs an absolute URL.
process.env.BASE_URL = "http://localhost:3000";
resetConfig();

type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        responses: Record<
          string,
          { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }
        >;
      }
    >
  >;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>;
  };
};

// A copy: the checks below add inline schemas to it.
const document = structuredClone(apiV1.openapi()) as unknown as OpenApiDocument;

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The whole document is one schema resource, so "#/components/schemas/…" refs resolve.
ajv.addSchema({ $id: "https://samverka.test/openapi.json", components: document.components });

/** The documented schema of an operation's response with this status and content type. */
function documentedSchema(operationId: string, status: number, contentType: string) {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.operationId !== operationId) continue;
      let response = operation.responses[String(status)];
      if (!response) throw new Error(`${operationId}: status ${status} is not documented`);
      if (response.$ref) {
        const name = response.$ref.split("/").pop()!;
        response = document.components.responses[name]!;
      }
      const mediaType = contentType.split(";")[0]!.trim();
      const schema = response.content?.[mediaType]?.schema;
      if (!response.content) return null;
      if (!schema) throw new Error(`${operationId} ${status}: ${mediaType} is not documented`);
      return schema;
    }
  }
  throw new Error(`operation ${operationId} is not in the document`);
}

/** Asserts the response is documented for the operation and its body matches the schema. */
async function expectDocumented(operationId: string, response: Response): Promise<unknown> {
  const contentType = response.headers.get("content-type") ?? "";
  const schema = documentedSchema(operationId, response.status, contentType);
  const text = await response.text();
  if (schema === null) {
    expect(text).toBe("");
    return undefined;
  }
  const body: unknown = JSON.parse(text);
  const validate = ajv.compile({
    $id: `https://samverka.test/check/${operationId}/${response.status}/${Math.random()}`,
    $ref: `https://samverka.test/openapi.json${schemaPointer(schema)}`,
  });
  const valid = validate(body);
  if (!valid) {
    throw new Error(
      `${operationId} ${response.status}: body does not match the documented schema: ${JSON.stringify(validate.errors)}\n${text}`,
    );
  }
  return body;
}

/** The request body validates against the operation's documented request schema. */
function expectValidRequestBody(method: string, path: string, body: unknown) {
  const pathname = path.split("?")[0]!;
  for (const [template, operations] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    const operation = operations[method.toLowerCase()] as
      | {
          operationId: string;
          requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
        }
      | undefined;
    if (!pattern.test(pathname) || !operation?.requestBody) continue;
    const schema = operation.requestBody.content["application/json"]!.schema;
    const validate = ajv.compile({
      $id: `https://samverka.test/request/${operation.operationId}/${Math.random()}`,
      $ref: `https://samverka.test/openapi.json${schemaPointer(schema)}`,
    });
    if (!validate(body)) {
      throw new Error(
        `${operation.operationId}: accepted a body its documented schema refuses: ${JSON.stringify(validate.errors)}`,
      );
    }
    return;
  }
  throw new Error(`${method} ${path} has no documented request body`);
}

/** Schemas in operations are inline or $refs into components; register inline ones as needed. */
let inlineCounter = 0;
function schemaPointer(schema: Record<string, unknown>): string {
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/components/schemas/")) {
    return schema.$ref;
  }
  const name = `Inline${++inlineCounter}`;
  (document.components.schemas as Record<string, unknown>)[`__check_${name}`] = schema;
  ajv.removeSchema("https://samverka.test/openapi.json");
  ajv.addSchema({ $id: "https://samverka.test/openapi.json", components: document.components });
  return `#/components/schemas/__check_${name}`;
}

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors: { field: string; in?: string; message: string }[];
};

const base = "http://localhost:3000/api/v1";
const strongPassword = "korrekt-häst-batteri-häftklammer-7";

describeDatabases("directory API", (ctx) => {
  let adminToken: string;
  let editorToken: string;
  let plainToken: string;
  let editorSessionId: string;
  let editorCsrf: string;
  let regionId: string;
  let swedishIds: string[];

  /** The dispatcher with identity's real authentication (Bearer token or session cookie). */
  async function call(
    method: string,
    path: string,
    options: {
      token?: string;
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const headers = new Headers(options.headers);
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    if (options.json !== undefined) headers.set("content-type", "application/json");
    const request = new Request(`${base}${path}`, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    const response = await apiV1.handle(request, {
      db: ctx.db,
      authenticate: (incoming) => authenticateApiRequest(incoming, ctx.db),
      verifyCsrf: () => false,
    });
    // What the server accepted, the document must accept too.
    if (options.json !== undefined && response.ok)
      expectValidRequestBody(method, path, options.json);
    return response;
  }

  /** The whole server path: identity's root middleware, then the resource route. */
  async function callThroughMiddleware(request: Request): Promise<Response> {
    const middleware = createIdentityMiddleware({ getDatabase: async () => ctx.db });
    const context = new RouterContextProvider();
    const next = async () => handleApiRequest(request, context, ctx.db);
    const args = { request, context, params: {}, unstable_pattern: "/api/v1/*" };
    return (await middleware(args as never, next as never)) as Response;
  }

  async function problemOf(response: Response, operationId: string): Promise<ProblemBody> {
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    return (await expectDocumented(operationId, response)) as ProblemBody;
  }

  beforeAll(async () => {
    const db: Db = ctx.db;
    const admin = await createUserWithPassword(db, {
      email: "admin@example.org",
      name: "Admin Adminsson",
      password: strongPassword,
      isPlatformAdmin: true,
    });
    const editor = await createUserWithPassword(db, {
      email: "editor@example.org",
      name: "Eva Editor",
      password: strongPassword,
    });
    const plain = await createUserWithPassword(db, {
      email: "plain@example.org",
      name: "Per Plain",
      password: strongPassword,
    });
    const user = (id: string, email: string, isPlatformAdmin = false) => ({
      id,
      email,
      isPlatformAdmin,
      personId: null,
    });
    const adminActor = await actorOf(db, user(admin.id, "admin@example.org", true), "session");

    const region = await createOrganization(db, adminActor, {
      name: "Region Testland",
      kind: "region",
      country: "SE",
    });
    regionId = region.id;
    swedishIds = [regionId];
    for (const name of ["Region Alfa", "Region Beta", "Region Gamma"]) {
      swedishIds.push(
        (await createOrganization(db, adminActor, { name, kind: "region", country: "SE" })).id,
      );
    }
    await createOrganization(db, adminActor, {
      name: "Helse Testnord",
      kind: "regional_health_authority",
      country: "NO",
    });
    await setOrganizationRole(db, adminActor, {
      userId: editor.id,
      organizationId: regionId,
      role: "editor",
    });

    adminToken = (await createApiToken(db, adminActor, { name: "admin" })).token;
    const editorActor = await actorOf(db, user(editor.id, "editor@example.org"), "session");
    editorToken = (await createApiToken(db, editorActor, { name: "editor" })).token;
    const plainActor = await actorOf(db, user(plain.id, "plain@example.org"), "session");
    plainToken = (await createApiToken(db, plainActor, { name: "plain" })).token;

    const session = await startSession(db, editor.id);
    editorSessionId = session.sessionId;
    editorCsrf = session.csrfToken;
  });

  describe("reading", () => {
    it("lists with filters and pagination, as documented", async () => {
      const response = await call("GET", "/organizations?country=SE&kind=region&pageSize=3&page=2");
      expect(response.status).toBe(200);
      expect(response.headers.get("link")).toContain('rel="prev"');
      const body = (await expectDocumented("listOrganizations", response)) as {
        items: { name: string; country: string }[];
        page: number;
        pageSize: number;
        total: number;
      };
      expect(body).toMatchObject({ page: 2, pageSize: 3, total: 4 });
      expect(body.items.map((item) => item.name)).toEqual(["Region Testland"]);

      const norway = (await (await call("GET", "/organizations?country=NO")).json()) as {
        items: { name: string }[];
        total: number;
      };
      expect(norway.total).toBe(1);
      expect(norway.items[0]!.name).toBe("Helse Testnord");

      const search = (await (await call("GET", "/organizations?q=gamma")).json()) as {
        items: { name: string }[];
      };
      expect(search.items.map((item) => item.name)).toEqual(["Region Gamma"]);
    });

    it("reads one organization, and 404 for one that does not exist", async () => {
      const response = await call("GET", `/organizations/${regionId}`);
      expect(response.status).toBe(200);
      expect(await expectDocumented("getOrganization", response)).toMatchObject({
        id: regionId,
        name: "Region Testland",
        version: 1,
        timeZone: "Europe/Stockholm",
      });
      const missing = await call("GET", "/organizations/6f1e4a2b-9c3d-4e5f-8a7b-1c2d3e4f5a6b");
      expect((await problemOf(missing, "getOrganization")).status).toBe(404);
      const malformed = await call("GET", "/organizations/not-an-id");
      expect(malformed.status).toBe(404);
    });

    it("refuses an unknown filter with 422 naming it", async () => {
      const response = await call("GET", "/organizations?colour=blue&kind=castle");
      expect(response.status).toBe(422);
      const body = await problemOf(response, "listOrganizations");
      expect(body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: "colour", in: "query", message: "Fältet finns inte." }),
          expect.objectContaining({ field: "kind", in: "query" }),
        ]),
      );
    });
  });

  describe("writing with a token", () => {
    it("creates, updates with the version read, refuses a stale version and deletes", async () => {
      const created = await call("POST", "/organizations", {
        token: adminToken,
        json: {
          name: "Testkommunen",
          kind: "municipality",
          country: "SE",
          parentId: regionId,
          organizationNumber: "212000-0142",
          website: "https://test.example.se",
        },
      });
      expect(created.status).toBe(201);
      const organization = (await expectDocumented("createOrganization", created)) as {
        id: string;
        version: number;
        organizationNumber: string;
      };
      expect(created.headers.get("location")).toBe(`/api/v1/organizations/${organization.id}`);
      expect(organization).toMatchObject({ version: 1, organizationNumber: "2120000142" });

      const updated = await call("PATCH", `/organizations/${organization.id}`, {
        token: adminToken,
        json: { name: "Testkommun", version: 1 },
      });
      expect(updated.status).toBe(200);
      expect(await expectDocumented("updateOrganization", updated)).toMatchObject({
        name: "Testkommun",
        version: 2,
      });

      const stale = await call("PATCH", `/organizations/${organization.id}`, {
        token: adminToken,
        json: { name: "Someone else's change", version: 1 },
        headers: { "accept-language": "en" },
      });
      expect(stale.status).toBe(409);
      const conflict = await problemOf(stale, "updateOrganization");
      expect(conflict).toMatchObject({
        code: "conflict",
        title: "Conflict",
        detail: "Someone else changed this record meanwhile. Reload and try again.",
        instance: `/api/v1/organizations/${organization.id}`,
      });

      const staleDelete = await call("DELETE", `/organizations/${organization.id}?version=1`, {
        token: adminToken,
      });
      expect(staleDelete.status).toBe(409);
      await problemOf(staleDelete, "deleteOrganization");

      const deleted = await call("DELETE", `/organizations/${organization.id}?version=2`, {
        token: adminToken,
      });
      expect(deleted.status).toBe(204);
      await expectDocumented("deleteOrganization", deleted);
      expect((await call("GET", `/organizations/${organization.id}`)).status).toBe(404);
    });

    it("refuses a duplicate organization number, naming the field", async () => {
      const body = {
        name: "Dubbel AB",
        kind: "supplier",
        country: "SE",
        organizationNumber: "556016-0680",
      };
      const first = await call("POST", "/organizations", { token: adminToken, json: body });
      expect(first.status).toBe(201);
      const second = await call("POST", "/organizations", {
        token: adminToken,
        json: { ...body, name: "Dubbel två AB" },
      });
      expect(second.status).toBe(422);
      const problem = await problemOf(second, "createOrganization");
      expect(problem.errors.map((error) => error.field)).toEqual(["organizationNumber"]);
      expect(problem.errors[0]!.message).not.toMatch(/^directory\./);
    });

    it("checks the organization number's check digit, with the message in the caller's language", async () => {
      const json = {
        name: "Fel AB",
        kind: "supplier",
        country: "SE",
        organizationNumber: "556016-0681",
      };
      const swedish = await problemOf(
        await call("POST", "/organizations", { token: adminToken, json }),
        "createOrganization",
      );
      const english = await problemOf(
        await call("POST", "/organizations", {
          token: adminToken,
          json,
          headers: { "accept-language": "en-US,en;q=0.8" },
        }),
        "createOrganization",
      );
      expect(swedish.status).toBe(422);
      expect(swedish.errors[0]!.field).toBe("organizationNumber");
      expect(english.errors[0]!.field).toBe("organizationNumber");
      expect(swedish.errors[0]!.message).not.toBe(english.errors[0]!.message);
      expect(swedish.title).toBe("Ogiltiga uppgifter");
      expect(english.title).toBe("Invalid input");
    });

    it("creates a person with an affiliation; contact details only for logged-in callers", async () => {
      const created = await call("POST", "/people", {
        token: editorToken,
        json: {
          name: "Karin Lindqvist",
          title: "IT-direktör",
          email: "Karin.Lindqvist@example.se",
          affiliations: [
            { organizationId: regionId, title: "IT-direktör", startDate: "2024-01-01" },
          ],
        },
      });
      expect(created.status).toBe(201);
      const person = (await expectDocumented("createPerson", created)) as {
        id: string;
        email: string | null;
        affiliations: { organizationId: string; current: boolean }[];
      };
      expect(person.email).toBe("karin.lindqvist@example.se");
      expect(person.affiliations).toEqual([
        expect.objectContaining({ organizationId: regionId, current: true }),
      ]);

      const anonymous = await call("GET", `/people/${person.id}`);
      expect(await expectDocumented("getPerson", anonymous)).toMatchObject({
        email: null,
        phone: null,
      });
      const list = await call("GET", `/people?organizationId=${regionId}`, { token: plainToken });
      const page = (await expectDocumented("listPeople", list)) as {
        items: { name: string; email: string | null }[];
      };
      expect(page.items).toEqual([
        expect.objectContaining({ name: "Karin Lindqvist", email: "karin.lindqvist@example.se" }),
      ]);

      const updated = await call("PATCH", `/people/${person.id}`, {
        token: editorToken,
        json: { phone: "+46 70 123 45 67", version: 1 },
      });
      expect(await expectDocumented("updatePerson", updated)).toMatchObject({
        phone: "+46 70 123 45 67",
        version: 2,
      });
      const added = await call("POST", `/people/${person.id}/affiliations`, {
        token: editorToken,
        json: { organizationId: swedishIds[1], title: "Rådgivare" },
      });
      expect(added.status).toBe(403);
      await problemOf(added, "addAffiliation");
      const own = await call("POST", `/people/${person.id}/affiliations`, {
        token: adminToken,
        json: { organizationId: swedishIds[1], title: "Rådgivare", startDate: "2025-02-01" },
      });
      expect(own.status).toBe(201);
      const affiliation = (await expectDocumented("addAffiliation", own)) as { id: string };
      const ended = await call("PATCH", `/affiliations/${affiliation.id}`, {
        token: adminToken,
        json: { endDate: "2025-01-01" },
      });
      expect(ended.status).toBe(422);
      expect((await problemOf(ended, "updateAffiliation")).errors[0]!.field).toBe("endDate");
      const fixed = await call("PATCH", `/affiliations/${affiliation.id}`, {
        token: adminToken,
        json: { endDate: "2025-06-30" },
      });
      expect(await expectDocumented("updateAffiliation", fixed)).toMatchObject({
        endDate: "2025-06-30",
      });
      const removed = await call("DELETE", `/affiliations/${affiliation.id}`, {
        token: adminToken,
      });
      expect(removed.status).toBe(204);

      // Editors may not delete people; admins may.
      expect((await call("DELETE", `/people/${person.id}`, { token: editorToken })).status).toBe(
        403,
      );
      const deleted = await call("DELETE", `/people/${person.id}`, { token: adminToken });
      expect(deleted.status).toBe(204);
    });
  });

  describe("who may write", () => {
    it("answers 401 without credentials, before reading the body", async () => {
      for (const [method, path, operationId] of [
        ["POST", "/organizations", "createOrganization"],
        ["PATCH", `/organizations/${regionId}`, "updateOrganization"],
        ["DELETE", `/organizations/${regionId}`, "deleteOrganization"],
        ["POST", "/people", "createPerson"],
      ] as const) {
        const response = await call(method, path, { json: { name: "x" } });
        expect(response.status).toBe(401);
        expect((await problemOf(response, operationId)).code).toBe("unauthenticated");
      }
    });

    it("answers 401 for a token that does not exist", async () => {
      const response = await call("GET", "/organizations", { token: "svk_notarealtokenatall" });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("invalid_token");
    });

    it("answers 403 where the role does not allow it", async () => {
      const topLevel = await call("POST", "/organizations", {
        token: editorToken,
        json: { name: "Egen region", kind: "region", country: "SE" },
      });
      expect(topLevel.status).toBe(403);
      expect((await problemOf(topLevel, "createOrganization")).detail).toBe(
        "Du har inte behörighet att göra det här.",
      );
      // An editor may change the region, but not delete it.
      const deleteRegion = await call("DELETE", `/organizations/${regionId}`, {
        token: editorToken,
      });
      expect(deleteRegion.status).toBe(403);
      const noRole = await call("PATCH", `/organizations/${regionId}`, {
        token: plainToken,
        json: { name: "Kapad", version: 1 },
      });
      expect(noRole.status).toBe(403);
      await problemOf(noRole, "updateOrganization");
    });

    it("lets an editor change the organization they edit", async () => {
      const response = await call("PATCH", `/organizations/${swedishIds[0]}`, {
        token: editorToken,
        json: { website: "https://testland.example.se", version: 1 },
      });
      expect(response.status).toBe(200);
      expect(await expectDocumented("updateOrganization", response)).toMatchObject({
        website: "https://testland.example.se",
        version: 2,
      });
    });
  });

  describe("bad input", () => {
    it("answers 400 for malformed JSON", async () => {
      const response = await call("POST", "/organizations", {
        token: adminToken,
        body: '{"name": "Trasig", "kind": ',
        headers: { "content-type": "application/json" },
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response, "createOrganization")).code).toBe("malformed_json");
    });

    it("answers 415 for a form body", async () => {
      const response = await call("POST", "/organizations", {
        token: adminToken,
        body: "name=Form&kind=region&country=SE",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(response.status).toBe(415);
      await problemOf(response, "createOrganization");
    });

    it("answers 422 for an unknown field, naming it, in Swedish by default", async () => {
      const response = await call("POST", "/organizations", {
        token: adminToken,
        json: { name: "Extra AB", kind: "supplier", country: "SE", isAdmin: true },
      });
      expect(response.status).toBe(422);
      expect(response.headers.get("content-language")).toBe("sv");
      const problem = await problemOf(response, "createOrganization");
      expect(problem.errors).toEqual([
        { field: "isAdmin", in: "body", message: "Fältet finns inte." },
      ]);
    });

    it("answers 422 for wrong types, naming each field, in English when asked", async () => {
      const response = await call("POST", "/organizations", {
        token: adminToken,
        json: { name: 42, kind: "castle", country: ["SE"] },
        headers: { "accept-language": "en" },
      });
      expect(response.status).toBe(422);
      const problem = await problemOf(response, "createOrganization");
      expect(problem.title).toBe("Invalid input");
      const fields = Object.fromEntries(
        problem.errors.map((error) => [error.field, error.message]),
      );
      expect(Object.keys(fields).sort()).toEqual(["country", "kind", "name"]);
      expect(fields.name).toBe("Wrong type: expected a string.");
      expect(fields.kind).toMatch(/^Use one of: national_agency, /);
    });

    it("answers 422 for a PATCH without version or with a wrong one", async () => {
      const missing = await call("PATCH", `/organizations/${regionId}`, {
        token: adminToken,
        json: { name: "Utan version" },
      });
      expect(missing.status).toBe(422);
      expect((await problemOf(missing, "updateOrganization")).errors).toEqual([
        { field: "version", in: "body", message: "Fyll i fältet." },
      ]);
      const wrongType = await call("PATCH", `/organizations/${regionId}`, {
        token: adminToken,
        json: { name: "Fel version", version: "tre" },
      });
      expect(wrongType.status).toBe(422);
      expect((await problemOf(wrongType, "updateOrganization")).errors).toEqual([
        { field: "version", in: "body", message: "Fel typ: ange ett tal." },
      ]);
    });

    it("never leaks a stack trace or answers 500 for garbage", async () => {
      for (const body of ["null", "[]", '"text"', "123", '{"name": {"$gt": ""}}', "\u0000"]) {
        const response = await call("POST", "/organizations", {
          token: adminToken,
          body,
          headers: { "content-type": "application/json" },
        });
        expect([400, 422]).toContain(response.status);
        const text = await response.text();
        expect(text).not.toMatch(/\bat\b.*\.(ts|js):\d+/);
      }
    });
  });

  describe("through the root middleware", () => {
    const json = { name: "Via sessionen", kind: "administration", country: "SE", parentId: "" };

    function sessionRequest(headers: Record<string, string>) {
      return new Request(`${base}/organizations`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: `${SESSION_COOKIE}=${editorSessionId}`,
          ...headers,
        },
        body: JSON.stringify({ ...json, parentId: regionId }),
      });
    }

    it("refuses a session-cookie write without the CSRF token", async () => {
      const response = await callThroughMiddleware(sessionRequest({}));
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    });

    it("refuses a session-cookie write from another site even with a token", async () => {
      const response = await callThroughMiddleware(
        sessionRequest({ "x-csrf-token": editorCsrf, origin: "https://evil.example" }),
      );
      expect(response.status).toBe(403);
    });

    it("does not fall back to the session cookie when a Bearer token fails", async () => {
      // Otherwise a forged request could add any Authorization header to skip the CSRF check.
      const bogusBearer = await callThroughMiddleware(
        sessionRequest({ authorization: "Bearer svk_forged" }),
      );
      expect(bogusBearer.status).toBe(401);
      const basic = await callThroughMiddleware(
        sessionRequest({ authorization: "Basic ZWRpdG9yOnNlY3JldA==" }),
      );
      expect(basic.status).toBe(403);
      const list = (await (await call("GET", "/organizations?q=Via%20sessionen")).json()) as {
        total: number;
      };
      expect(list.total).toBe(0);
    });

    it("accepts a session-cookie write with the CSRF token", async () => {
      const response = await callThroughMiddleware(sessionRequest({ "x-csrf-token": editorCsrf }));
      expect(response.status).toBe(201);
      await expectDocumented("createOrganization", response);
    });

    it("needs no CSRF token with a Bearer token, and reads need none either", async () => {
      const write = await callThroughMiddleware(
        new Request(`${base}/organizations`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
          body: JSON.stringify({ name: "Via token", kind: "other", country: "NO" }),
        }),
      );
      expect(write.status).toBe(201);
      const read = await callThroughMiddleware(
        new Request(`${base}/organizations?country=NO`, {
          headers: { cookie: `${SESSION_COOKIE}=${editorSessionId}` },
        }),
      );
      expect(read.status).toBe(200);
    });

    it("never lets an anonymous write through", async () => {
      const response = await callThroughMiddleware(
        new Request(`${base}/organizations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "Anonym", kind: "other", country: "SE" }),
        }),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    });
  });
});

describe("the /api/v1 OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(apiV1.openapi()));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("holds every registered endpoint", () => {
    const fresh = apiV1.openapi() as unknown as OpenApiDocument;
    for (const endpoint of apiV1.endpoints) {
      const operation = fresh.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
      expect(operation?.operationId, `${endpoint.method} ${endpoint.path}`).toBe(
        endpoint.operationId,
      );
    }
    expect(Object.keys(fresh.components.schemas)).toEqual(
      expect.arrayContaining([
        "Organization",
        "OrganizationCreate",
        "OrganizationUpdate",
        "OrganizationKind",
        "Person",
        "PersonCreate",
        "Problem",
      ]),
    );
  });

  it("is served at /api/v1/openapi.json", async () => {
    const response = await apiV1.handle(new Request(`${base}/openapi.json`), {
      db: undefined as never,
      authenticate: async () => null,
      verifyCsrf: () => false,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toMatch(/^3\.1\./);
  });
});
