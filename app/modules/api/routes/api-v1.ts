import type { Route } from "./+types/api-v1";
import { handleApiRequest } from "../v1.ts";

// /api/v1/* — every method goes to the dispatcher, which matches the endpoint registry.

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApiRequest(request, context);
}

export async function action({ request, context }: Route.ActionArgs) {
  return handleApiRequest(request, context);
}
