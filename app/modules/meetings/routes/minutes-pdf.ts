import type { Route } from "./+types/minutes-pdf";
import { getDb } from "../../../db/index.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { minutesPdf } from "../documents.ts";
import { minutesDownload } from "./document-response.ts";

/** /meetings/:id/minutes.pdf: the minutes as a PDF, same permissions as the page. */
export async function loader({ params, context }: Route.LoaderArgs) {
  return minutesDownload(
    await getDb(),
    context.get(requestStateContext),
    params.id,
    { extension: "pdf", contentType: "application/pdf" },
    minutesPdf,
  );
}
