import { pingDatabase } from "../db/index.ts";

/** Readiness: the database answers a query. */
export async function loader() {
  const ready = await pingDatabase();
  return Response.json(
    { status: ready ? "ready" : "unavailable" },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
