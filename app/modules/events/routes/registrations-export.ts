import type { Route } from "./+types/registrations-export";
import { getDb } from "../../../db/index.ts";
import { queryFilter } from "../../../platform/forms.ts";
import { refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import {
  registrationBadgesPdf,
  registrationsCsv,
  registrationsXlsx,
} from "../registrations-exports.ts";
import { notFoundResponse } from "./calendar-response.ts";

const writers = {
  xlsx: registrationsXlsx,
  csv: registrationsCsv,
  "badges.pdf": registrationBadgesPdf,
} as const;

/**
 * /events/:id/registrations/export/{xlsx,csv,badges.pdf}: the registrations the list's filter
 * shows, with the list's permissions (organizers and committee members).
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const format = params.format as keyof typeof writers;
  if (!Object.hasOwn(writers, format)) return notFoundResponse();
  try {
    const filter = queryFilter(request, ["ticketTypeId", "status", "q"]);
    const file = await writers[format](await getDb(), actor, params.id, filter, locale);
    return new Response(file.body as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    refusal(error, request);
  }
}
