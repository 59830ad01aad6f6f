import type { Route } from "./+types/session-ics";
import { getDb } from "../../../db/index.ts";
import { isAppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { sessionCalendar } from "../calendar.ts";
import { calendarResponse, notFoundResponse } from "../../../platform/file-response.ts";

/** One session as iCalendar: /events/:id/sessions/:sessionId.ics. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { actor } = context.get(requestStateContext);
  try {
    const { text, event } = await sessionCalendar(
      await getDb(),
      actor,
      params.id,
      params.sessionId,
    );
    return calendarResponse(text, "session.ics", {
      publicMaxAge: event.status === "draft" ? undefined : 300,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return notFoundResponse();
    throw error;
  }
}
