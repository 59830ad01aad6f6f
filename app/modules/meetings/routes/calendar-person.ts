import type { Route } from "./+types/calendar-person";
import { getDb } from "../../../db/index.ts";
import { personFeed } from "../calendar.ts";
import { icsResponse, notFoundResponse } from "./calendar-helpers.ts";

/** A person's feed of all their meetings: /calendar/person/<feed token>.ics. Unknown → 404. */
export async function loader({ params }: Route.LoaderArgs) {
  const file = params.file ?? "";
  if (!file.endsWith(".ics")) return notFoundResponse();
  const text = await personFeed(await getDb(), file.slice(0, -4));
  return text === null ? notFoundResponse() : icsResponse(text, "meetings.ics");
}
