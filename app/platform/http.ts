// What pages and resource routes of every module answer alike.
import { data, redirect } from "react-router";
import { isAppError, statusOf } from "./errors.ts";

/** Pages with personal data or per-user controls are never stored by browsers or proxies. */
export const noStoreHeaders = { "Cache-Control": "no-store" } as const;

/** To the login page, coming back here afterwards. */
export function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, {
    headers: noStoreHeaders,
  });
}

/**
 * A service's refusal in a loader: the public goes to the login page (and comes back), others
 * get the error page with the status of the error. Anything but an AppError is rethrown.
 */
export function refusal(error: unknown, request: Request): never {
  if (!isAppError(error)) throw error;
  if (error.code === "unauthenticated") loginRedirect(request);
  throw data(
    { messageKey: error.message, fieldErrors: error.fieldErrors },
    { status: statusOf[error.code], headers: noStoreHeaders },
  );
}
