import type { Route } from "./+types/calendar-series";
import { getDb } from "../../../db/index.ts";
import { seriesFeed } from "../calendar.ts";
import { calendarResponse, notFoundResponse } from "../../../platform/file-response.ts";

/** The subscribable feed of a series: /calendar/series/<feed token>.ics. Unknown token → 404. */
export async function loader({ params }: Route.LoaderArgs) {
  const file = params.file ?? "";
  if (!file.endsWith(".ics")) return notFoundResponse();
  const text = await seriesFeed(await getDb(), file.slice(0, -4));
  return text === null
    ? notFoundResponse()
    : calendarResponse(text, "series.ics", { headers: { "X-Robots-Tag": "noindex" } });
}
