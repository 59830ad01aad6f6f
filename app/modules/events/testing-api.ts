// Calls the events' /api/v1 endpoints through the real dispatcher with a Bearer token and a
// language, as an API client does; actors come from a test map keyed by token (identity's token
// lookup is tested elsewhere). tests/support/api-call.ts sends no Accept-Language, and these
// tests read the English messages too.
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { apiV1 } from "../api/v1.ts";

export function eventsApiClient(db: () => Db) {
  const actors = new Map<string, Actor>();

  /** A Bearer token that authenticates as `actor`. */
  function tokenFor(actor: Actor): string {
    const token = `t-${actors.size + 1}`;
    actors.set(token, { ...actor, via: "token" });
    return token;
  }

  async function call(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; lang?: string } = {},
  ): Promise<Response> {
    const headers = new Headers();
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    if (options.json !== undefined) headers.set("content-type", "application/json");
    headers.set("accept-language", options.lang ?? "sv");
    return apiV1.handle(
      new Request(`http://localhost:3000/api/v1${path}`, {
        method,
        headers,
        body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
      }),
      {
        db: db(),
        authenticate: async (request) => {
          const token = request.headers.get("authorization")?.replace(/^Bearer /, "");
          return (token && actors.get(token)) || null;
        },
        verifyCsrf: () => false,
      },
    );
  }

  return { tokenFor, call };
}

/** The operationIds the OpenAPI document describes. */
export function documentedOperations(): string[] {
  const document = apiV1.openapi() as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  return Object.values(document.paths).flatMap((ops) =>
    Object.values(ops).map((op) => op.operationId),
  );
}
