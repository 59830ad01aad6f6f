// Responses that carry a file (downloads, calendar feeds): the headers every file needs, in one
// place.

/**
 * A file. `fileName` is ASCII (see `asciiSlug`); `unicodeName` adds the RFC 6266 `filename*` for
 * browsers that show the real name. Without `publicMaxAge` the file is private and never stored:
 * anything not readable by everyone stays out of shared caches and browser histories.
 */
export function fileResponse(
  body: Uint8Array | string,
  file: {
    contentType: string;
    fileName: string;
    unicodeName?: string;
    disposition?: "attachment" | "inline";
    publicMaxAge?: number;
    headers?: Record<string, string>;
  },
): Response {
  const unicode = file.unicodeName
    ? `; filename*=UTF-8''${encodeURIComponent(file.unicodeName)}`
    : "";
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `${file.disposition ?? "attachment"}; filename="${file.fileName}"${unicode}`,
      "Cache-Control":
        file.publicMaxAge === undefined
          ? "private, no-store"
          : `public, max-age=${file.publicMaxAge}`,
      "X-Content-Type-Options": "nosniff",
      ...file.headers,
    },
  });
}

/** A plain 404 for a file route (a feed or download that does not exist, or no longer). */
export function notFoundResponse(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Text as a file name part safe in any header: ASCII letters and digits, dashes between words,
 * at most `max` characters; Nordic letters are spelled out (å → a, æ → ae, ø → o).
 */
export function asciiSlug(text: string, max = 60): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "Ae")
    .replace(/ø/g, "o")
    .replace(/Ø/g, "O")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max);
}

/** An iCalendar file, shown inline (calendar apps subscribe to it) unless said otherwise. */
export function calendarResponse(
  text: string,
  fileName: string,
  options: Pick<
    Parameters<typeof fileResponse>[1],
    "disposition" | "publicMaxAge" | "headers"
  > = {},
): Response {
  return fileResponse(text, {
    contentType: "text/calendar; charset=utf-8",
    fileName,
    disposition: "inline",
    ...options,
  });
}
