import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getDb } from "../../../db/index.ts";
import { clearSessionCookie, readSessionId } from "../middleware.ts";
import { endSession } from "../sessions.ts";

/** Logout is a POST (with the CSRF token); the session row is deleted on the server. */
export async function action({ request }: Route.ActionArgs) {
  const sessionId = readSessionId(request);
  if (sessionId) await endSession(await getDb(), sessionId);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}

/** GET changes nothing. */
export async function loader() {
  return redirect("/");
}
