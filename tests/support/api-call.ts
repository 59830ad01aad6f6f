// Calls /api/v1 through the real dispatcher as an actor (authenticated as by an API token, so no
// CSRF token is needed), in a language if given, and answers what a client reads back.
import type { Db } from "../../app/db/client.ts";
import { apiV1 } from "../../app/modules/api/v1.ts";
import type { Actor } from "../../app/platform/actor.ts";

export type ApiAnswer = {
  status: number;
  type: string | null;
  location: string | null;
  headers: Headers;
  /** The parsed JSON body (a problem document on errors); null without a body. */
  json: Record<string, unknown> | null;
};

export function apiCaller(db: () => Db, options: { language?: string } = {}) {
  return async function call(
    actor: Actor | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer> {
    const headers = new Headers();
    if (options.language) headers.set("Accept-Language", options.language);
    if (body !== undefined) headers.set("Content-Type", "application/json");
    const request = new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await apiV1.handle(request, {
      db: db(),
      authenticate: async () => (actor ? { ...actor, via: "token" as const } : null),
      verifyCsrf: () => true,
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      location: response.headers.get("location"),
      headers: response.headers,
      json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  };
}

/** The operationIds the OpenAPI document describes. */
export function documentedOperations(): string[] {
  const document = apiV1.openapi() as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  return Object.values(document.paths).flatMap((operations) =>
    Object.values(operations).map((operation) => operation.operationId),
  );
}
