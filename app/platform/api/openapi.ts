import { z } from "zod";
import type { AnyEndpoint } from "./endpoint.ts";
import { ProblemSchema, problemTypes, problemTypeUri, type ProblemCode } from "./problem.ts";

export type OpenApiInfo = {
  title: string;
  version: string;
  description?: string;
  /** The session cookie's name, for the cookie security scheme. */
  sessionCookieName: string;
};

type JsonSchema = Record<string, unknown>;
type Io = "input" | "output";

const componentPrefix = "#/components/schemas/";

/**
 * Turns Zod schemas into JSON Schema 2020-12 (OpenAPI 3.1's dialect). Every schema with an `id`
 * in its metadata (`.meta({ id: "Organization" })`) becomes a component, referenced by `$ref`.
 * Inputs are converted as the client sends them (`io: "input"`: before defaults and coercion),
 * outputs as the server sends them. Where one named schema differs between the two (defaults make
 * fields optional on input), the input one is named `<id>Input`.
 */
class SchemaCollector {
  private defs: Record<Io, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };
  private converted: Record<Io, JsonSchema[]> = { input: [], output: [] };
  private anonymous = 0;

  convert(schema: z.ZodType, io: Io): JsonSchema {
    const json = z.toJSONSchema(schema, {
      io,
      target: "draft-2020-12",
      unrepresentable: "any",
    }) as JsonSchema;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;

    // Cycles and reused unnamed schemas come back as __schemaN, numbered per call: make them unique.
    const renames = new Map<string, string>();
    for (const id of Object.keys(defs)) {
      if (id.startsWith("__schema")) renames.set(id, `Schema${++this.anonymous}`);
    }
    const rename = (ref: string) => {
      const id = ref.slice("#/$defs/".length);
      return `#/$defs/${renames.get(id) ?? id}`;
    };
    rewriteRefs(json, rename);
    for (const [id, def] of Object.entries(defs)) {
      rewriteRefs(def, rename);
      const name = renames.get(id) ?? id;
      const existing = this.defs[io].get(name);
      if (existing && JSON.stringify(existing) !== JSON.stringify(def)) {
        throw new Error(`Two different schemas share the OpenAPI component id "${name}"`);
      }
      if (!existing) {
        this.defs[io].set(name, def);
        this.converted[io].push(def);
      }
    }
    this.converted[io].push(json);
    return json;
  }

  /** Points every `$ref` at components and returns components.schemas. */
  finish(): Record<string, JsonSchema> {
    const { input, output } = this.defs;
    // Named schemas whose input form differs from their output form, and those that refer to them.
    const split = new Set<string>();
    for (const [id, def] of input) {
      const other = output.get(id);
      if (other && JSON.stringify(other) !== JSON.stringify(def)) split.add(id);
    }
    for (let grew = true; grew;) {
      grew = false;
      for (const [id, def] of input) {
        if (split.has(id) || !output.has(id)) continue;
        if (refsOf(def).some((ref) => split.has(ref))) {
          split.add(id);
          grew = true;
        }
      }
    }
    const inputName = (id: string) => (split.has(id) ? `${id}Input` : id);
    for (const json of this.converted.input) {
      rewriteRefs(json, (ref) => componentPrefix + inputName(ref.slice("#/$defs/".length)));
    }
    for (const json of this.converted.output) {
      rewriteRefs(json, (ref) => componentPrefix + ref.slice("#/$defs/".length));
    }
    const schemas: Record<string, JsonSchema> = {};
    for (const [id, def] of output) schemas[id] = def;
    for (const [id, def] of input) schemas[inputName(id)] ??= def;
    return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  }
}

function rewriteRefs(value: unknown, map: (ref: string) => string): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteRefs(item, map);
    return;
  }
  if (!value || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (key === "$ref" && typeof child === "string" && child.startsWith("#/$defs/")) {
      record[key] = map(child);
    } else {
      rewriteRefs(child, map);
    }
  }
}

function refsOf(value: unknown): string[] {
  const refs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith("#/$defs/")) {
          refs.push(child.slice("#/$defs/".length));
        } else walk(child);
      }
    }
  };
  walk(value);
  return refs;
}

const problemStatusDescriptions: Record<number, string> = {
  400: "Malformed JSON or an unreadable request.",
  401: "Not logged in, or the API token is invalid.",
  403: "Not allowed for this account, or a session request without a valid CSRF token.",
  404: "No such resource.",
  409: "Conflict: the resource changed since it was read (stale `version`), or a unique value is taken.",
  413: "The body is too large.",
  415: "The body is not application/json.",
  422: "Invalid input: `errors` names every field that failed and why.",
  429: "Too many requests.",
  500: "Unexpected server error (details are logged, never returned).",
};

function problemStatuses(endpoint: AnyEndpoint): number[] {
  const statuses = new Set<number>([401, 500]);
  const hasInput = endpoint.params || endpoint.query || endpoint.body;
  if (hasInput) statuses.add(422);
  if (endpoint.params) statuses.add(404);
  if (endpoint.body) [400, 413, 415].forEach((status) => statuses.add(status));
  if (endpoint.method !== "GET") statuses.add(403);
  for (const code of endpoint.problems ?? []) statuses.add(problemTypes[code].status);
  return [...statuses].sort((a, b) => a - b);
}

type Parameter = {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
};

function parametersOf(
  collector: SchemaCollector,
  schema: z.ZodType | undefined,
  location: "path" | "query",
): Parameter[] {
  if (!schema) return [];
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, property]) => {
    const json = collector.convert(property, "input");
    const description = typeof json.description === "string" ? json.description : undefined;
    const optional = property.safeParse(undefined).success;
    return {
      name,
      in: location,
      required: location === "path" || !optional,
      ...(description ? { description } : {}),
      schema: json,
    };
  });
}

export function buildOpenApiDocument(options: {
  info: OpenApiInfo;
  serverUrl: string;
  endpoints: readonly AnyEndpoint[];
}): Record<string, unknown> {
  const collector = new SchemaCollector();
  const problemRef = collector.convert(ProblemSchema, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();

  for (const endpoint of options.endpoints) {
    endpoint.tags.forEach((tag) => tags.add(tag));
    const status = endpoint.status ?? (endpoint.response ? 200 : 204);
    const success: Record<string, unknown> = {
      description: endpoint.responseDescription ?? (status === 201 ? "Created." : "Success."),
    };
    if (endpoint.response && status !== 204) {
      success.content = {
        "application/json": { schema: collector.convert(endpoint.response, "output") },
      };
    }
    const headers: Record<string, unknown> = {};
    if (endpoint.paginated) {
      headers.Link = {
        description: 'RFC 8288 links to the "first", "prev", "next" and "last" pages.',
        schema: { type: "string" },
      };
    }
    if (status === 201) {
      headers.Location = {
        description: "The address of the created resource.",
        schema: { type: "string" },
      };
    }
    if (Object.keys(headers).length) success.headers = headers;

    const responses: Record<string, unknown> = { [String(status)]: success };
    for (const problemStatus of problemStatuses(endpoint)) {
      responses[String(problemStatus)] = { $ref: `#/components/responses/Problem${problemStatus}` };
    }
    for (const [code, schema] of Object.entries(endpoint.problemSchemas ?? {})) {
      const problemStatus = problemTypes[code as ProblemCode].status;
      responses[String(problemStatus)] = {
        description:
          problemStatusDescriptions[problemStatus] ?? problemTypes[code as ProblemCode].slug,
        content: {
          "application/problem+json": { schema: collector.convert(schema as z.ZodType, "output") },
        },
      };
    }

    const parameters = [
      ...parametersOf(collector, endpoint.params, "path"),
      ...parametersOf(collector, endpoint.query, "query"),
    ];
    const operation: Record<string, unknown> = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      tags: endpoint.tags,
      security:
        endpoint.auth === "required"
          ? [{ bearerAuth: [] }, { cookieAuth: [] }]
          : [{}, { bearerAuth: [] }, { cookieAuth: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: collector.convert(endpoint.body, "input") },
              },
            },
          }
        : {}),
      responses,
    };
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation;
  }

  const problemResponses: Record<string, unknown> = {};
  for (const status of Object.keys(problemStatusDescriptions).map(Number)) {
    problemResponses[`Problem${status}`] = {
      description: problemStatusDescriptions[status],
      content: { "application/problem+json": { schema: problemRef } },
    };
  }

  const problemList = (Object.keys(problemTypes) as ProblemCode[])
    .map((code) => `| \`${code}\` | ${problemTypes[code].status} | ${problemTypeUri(code)} |`)
    .join("\n");

  return {
    openapi: "3.1.1",
    info: {
      title: options.info.title,
      version: options.info.version,
      description: [
        options.info.description ?? "",
        "Errors are `application/problem+json` (RFC 9457). Each has a `code`:",
        "",
        "| code | status | type |",
        "| --- | --- | --- |",
        problemList,
      ]
        .join("\n")
        .trim(),
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: options.serverUrl }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: collector.finish(),
      responses: problemResponses,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "A personal API token (created on the account page): `Authorization: Bearer <token>`. No CSRF token is needed.",
        },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: options.info.sessionCookieName,
          description:
            "The web session. Requests that change data must also send the session's CSRF token in the `X-CSRF-Token` header.",
        },
      },
    },
  };
}
