import { data, redirect } from "react-router";
import { isAppError, statusOf } from "../../platform/errors.ts";

/** Pages of the administration area hold personal data: never cached. */
export const noStoreHeaders = { "Cache-Control": "no-store" } as const;

/**
 * Maps a service's refusal to a response: the public goes to the login page (and comes back),
 * others get the status of the error (403 for a non-admin). Other errors are rethrown.
 */
export function refusal(error: unknown, request: Request): never {
  if (!isAppError(error)) throw error;
  if (error.code === "unauthenticated") {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, {
      headers: noStoreHeaders,
    });
  }
  throw data(
    { messageKey: error.message, fieldErrors: error.fieldErrors },
    { status: statusOf[error.code], headers: noStoreHeaders },
  );
}
