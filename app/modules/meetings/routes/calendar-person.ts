import type { Route } from "./+types/calendar-person";
import { getDb } from "../../../db/index.ts";
import { personFeed } from "../calendar.ts";
import { calendarResponse, notFoundResponse } from "../../../platform/file-response.ts";

/** A person's feed of all their meetings: /calendar/person/<feed token>.ics. Unknown → 404. */
export async function loader({ params }: Route.LoaderArgs) {
  const file = params.file ?? "";
  if (!file.endsWith(".ics")) return notFoundResponse();
  const text = await personFeed(await getDb(), file.slice(0, -4));
  return text === null
    ? notFoundResponse()
    : calendarResponse(text, "meetings.ics", { headers: { "X-Robots-Tag": "noindex" } });
}
