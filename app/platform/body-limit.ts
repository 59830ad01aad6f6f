/** The largest request body accepted: an import file of 5 MB plus its multipart wrapping. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Whether a request's body is refused before anything reads it: too large by its declared
 * length (413), or sent without a declared length (411), which would let it grow unbounded
 * while the CSRF check or an action buffers it. Node refuses bodies longer than declared.
 */
export function bodyRefusal(
  method: string,
  headers: { "content-length"?: string; "transfer-encoding"?: string },
): 411 | 413 | null {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return null;
  const declared = headers["content-length"];
  if (declared === undefined) return headers["transfer-encoding"] ? 411 : null;
  const length = Number(declared);
  return Number.isFinite(length) && length <= MAX_BODY_BYTES ? null : 413;
}
