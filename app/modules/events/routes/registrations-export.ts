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
import { fileResponse, notFoundResponse } from "../../../platform/file-response.ts";

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
    return fileResponse(file.body, file);
  } catch (error) {
    refusal(error, request);
  }
}
