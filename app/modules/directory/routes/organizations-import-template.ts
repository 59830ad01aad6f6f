import type { Route } from "./+types/organizations-import-template";
import { fileResponse } from "../../../platform/file-response.ts";
import { importTemplate } from "../import-format.ts";

/** A template to download: ?kind=organizations|people&format=xlsx|csv. Public. */
export async function loader({ request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind") === "people" ? "people" : "organizations";
  const format = params.get("format") === "csv" ? "csv" : "xlsx";
  const template = await importTemplate(kind, format);
  return fileResponse(template.body, { ...template, publicMaxAge: 3600 });
}
