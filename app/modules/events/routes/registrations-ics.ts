import type { Route } from "./+types/registrations-ics";
import { getDb } from "../../../db/index.ts";
import { isAppError } from "../../../platform/errors.ts";
import { ownAgendaCalendar, ownEventCalendar } from "../registrations-service.ts";
import { calendarResponse, notFoundResponse } from "../../../platform/file-response.ts";

/**
 * The registrant's calendars by their secret link: /registrations/:token/event.ics (the event,
 * or the day of a one-day ticket) and /registrations/:token/agenda.ics (their personal agenda).
 */
export async function loader({ params }: Route.LoaderArgs) {
  if (params.file !== "event.ics" && params.file !== "agenda.ics") return notFoundResponse();
  try {
    const db = await getDb();
    const text =
      params.file === "event.ics"
        ? await ownEventCalendar(db, params.token)
        : await ownAgendaCalendar(db, params.token);
    return calendarResponse(text, params.file, {
      disposition: "attachment",
      headers: { "Referrer-Policy": "no-referrer" },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return notFoundResponse();
    throw error;
  }
}
