import { useRouteLoaderData } from "react-router";

/** Every state-changing form carries the CSRF token of this session. */
export function CsrfField() {
  const data = useRouteLoaderData("root") as { csrfToken?: string } | undefined;
  return <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />;
}
