import type { Route } from "./+types/minutes-docx";
import { getDb } from "../../../db/index.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { minutesDocx } from "../documents.ts";
import { minutesDownload } from "./document-response.ts";

/** /meetings/:id/minutes.docx: the minutes as a Word document, same permissions as the page. */
export async function loader({ params, context }: Route.LoaderArgs) {
  return minutesDownload(
    await getDb(),
    context.get(requestStateContext),
    params.id,
    {
      extension: "docx",
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    minutesDocx,
  );
}
