import type { Route } from "./+types/program-ics";
import { getDb } from "../../../db/index.ts";
import { isAppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { programCalendar } from "../calendar.ts";
import { calendarResponse, notFoundResponse } from "../../../platform/file-response.ts";

/** The whole program of an event as iCalendar: /events/:id/program.ics. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { actor } = context.get(requestStateContext);
  try {
    const { text, event } = await programCalendar(await getDb(), actor, params.id);
    return calendarResponse(text, "program.ics", {
      publicMaxAge: event.status === "draft" ? undefined : 300,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return notFoundResponse();
    throw error;
  }
}
