// The response of a minutes download (DOCX, PDF), shared by both routes.
import type { DbOrTx } from "../../../db/client.ts";
import { translator } from "../../../i18n/translate.ts";
import { isAppError, statusOf } from "../../../platform/errors.ts";
import { fileResponse } from "../../../platform/file-response.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import type { RequestState } from "../../../platform/request-context.ts";
import { documentFileName, loadMinutesDocument, type MinutesDocument } from "../documents.ts";

export async function minutesDownload(
  db: DbOrTx,
  state: RequestState,
  meetingId: string,
  format: { extension: "docx" | "pdf"; contentType: string },
  render: (doc: MinutesDocument, locale: RequestState["locale"]) => Promise<Buffer>,
): Promise<Response> {
  let doc: MinutesDocument;
  try {
    doc = await loadMinutesDocument(db, state.actor, meetingId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A file download answers in plain text, in the reader's language.
    return new Response(translator(state.locale)(error.message), {
      status: statusOf[error.code],
      headers: { "Content-Type": "text/plain; charset=utf-8", ...noStoreHeaders },
    });
  }
  const body = await render(doc, state.locale);
  const name = documentFileName(doc, format.extension);
  return fileResponse(new Uint8Array(body), {
    contentType: format.contentType,
    fileName: name.ascii,
    unicodeName: name.unicode,
    publicMaxAge: doc.isPublic ? 60 : undefined,
    headers: { "Content-Length": String(body.length) },
  });
}
