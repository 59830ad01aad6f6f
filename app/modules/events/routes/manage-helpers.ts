// Small helpers of the events' management pages.

/** The notice key a redirect asked for (`?saved`, `?removed`, `?moved`). */
export function noticeOf(request: Request): string | null {
  const search = new URL(request.url).searchParams;
  if (search.has("saved")) return "events.saved";
  if (search.has("removed")) return "events.removed";
  if (search.has("moved")) return "events.moved";
  return null;
}

/** The new position of a row moved one step up or down in the list as it is now. */
export function positionOf(
  rows: readonly { id: string }[],
  rowId: string,
  intent: "up" | "down",
): number {
  const index = rows.findIndex((row) => row.id === rowId);
  if (index < 0) return 0;
  return intent === "up" ? Math.max(0, index - 1) : index + 1;
}
