import type { Route } from "./+types/organizations-import-template";
import { importTemplate } from "../import-format.ts";

/** A template to download: ?kind=organizations|people&format=xlsx|csv. Public. */
export async function loader({ request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind") === "people" ? "people" : "organizations";
  const format = params.get("format") === "csv" ? "csv" : "xlsx";
  const template = await importTemplate(kind, format);
  return new Response(template.body as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": template.contentType,
      "Content-Disposition": `attachment; filename="${template.fileName}"`,
      "Cache-Control": "public, max-age=3600",
    },
  });
}
