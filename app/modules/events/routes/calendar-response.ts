// Responses of the program's iCalendar files. A published program is public: shared caches may
// keep it for a few minutes. A draft's (for its editors only) is never stored.

export function calendarResponse(text: string, fileName: string, isPublic: boolean): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${fileName}"`,
      "Cache-Control": isPublic ? "public, max-age=300" : "private, no-store",
    },
  });
}

export function notFoundResponse(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
