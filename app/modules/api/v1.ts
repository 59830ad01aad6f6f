import type { RouterContextProvider } from "react-router";
import type { Db } from "../../db/client.ts";
import { getDb } from "../../db/index.ts";
import { cookieName } from "../../platform/cookies.ts";
import { createApi } from "../../platform/api/dispatch.ts";
import { requestStateContext } from "../../platform/request-context.ts";
import { directoryEndpoints } from "../directory/api.ts";
import { networksEndpoints } from "../networks/api.ts";
import { meetingsEndpoints } from "../meetings/api.ts";
import { minutesEndpoints } from "../meetings/minutes-api.ts";
import { eventsEndpoints } from "../events/api.ts";
import { bookingsEndpoints } from "../events/bookings-api.ts";
import { budgetEndpoints } from "../events/budget-api.ts";
import { registrationsEndpoints } from "../events/registrations-api.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../identity/middleware.ts";
import { safeEqual } from "../identity/crypto.ts";

/** /api/v1: every module's endpoints, one dispatcher, one generated OpenAPI document. */
export const apiV1 = createApi({
  basePath: "/api/v1",
  info: {
    title: "Samverka API",
    version: "1",
    description: [
      "The JSON API of Samverka. Authenticate with a personal API token (`Authorization: Bearer …`) or the web session cookie.",
      "Lists take `page` (from 1) and `pageSize` and answer `{ items, page, pageSize, total }` with a `Link` header.",
      "Updates carry the `version` that was read; a stale version is refused with 409.",
      "Messages follow the `lang` cookie or `Accept-Language` (sv, nb, en; Swedish by default).",
    ].join("\n\n"),
    get sessionCookieName() {
      return cookieName(SESSION_COOKIE);
    },
  },
  endpoints: [
    ...directoryEndpoints,
    ...networksEndpoints,
    ...meetingsEndpoints,
    ...minutesEndpoints,
    ...eventsEndpoints,
    ...bookingsEndpoints,
    ...budgetEndpoints,
    ...registrationsEndpoints,
  ],
});

/**
 * The resource route's work. The root middleware has already authenticated the request (a Bearer
 * token on /api/ paths, else the session cookie) and, for a state-changing request by session,
 * checked its CSRF token; the dispatcher checks the token again, so the API stays closed even if
 * the middleware changes.
 */
export async function handleApiRequest(
  request: Request,
  context: Readonly<RouterContextProvider>,
  db?: Db,
): Promise<Response> {
  const state = context.get(requestStateContext);
  return apiV1.handle(request, {
    db: db ?? (await getDb()),
    authenticate: async () => state.actor,
    verifyCsrf: (incoming) => {
      const submitted = incoming.headers.get(CSRF_HEADER);
      return Boolean(submitted && state.csrfToken && safeEqual(submitted, state.csrfToken));
    },
  });
}
