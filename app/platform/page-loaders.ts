// Loaders shared by the pages of every module. Server code: imported by loaders and actions only.
import type { RouterContextProvider } from "react-router";
import type { Db } from "../db/client.ts";
import { getDb } from "../db/index.ts";
import type { Locale } from "../i18n/locales.ts";
import { translator, type Translate } from "../i18n/translate.ts";
import type { Actor } from "./actor.ts";
import { loginRedirect, refusal } from "./http.ts";
import { requestStateContext } from "./request-context.ts";

export type PageArgs = { request: Request; context: Readonly<RouterContextProvider> };
type Page = { db: Db; locale: Locale; t: Translate; url: URL };

/**
 * A loader for anyone: a service's refusal becomes the error page with its status (the public is
 * sent to log in first). `load` gets the database, the actor if any, a translator into their
 * language and the page's URL.
 */
export async function anyonesPage<T>(
  { request, context }: PageArgs,
  load: (page: Page & { actor: Actor | null }) => Promise<T>,
): Promise<T> {
  const { actor, locale } = context.get(requestStateContext);
  try {
    return await load({
      db: await getDb(),
      actor,
      locale,
      t: translator(locale),
      url: new URL(request.url),
    });
  } catch (error) {
    refusal(error, request);
  }
}

/** A loader for logged-in people (see `anyonesPage`): the public is sent to log in and back. */
export function loggedInPage<T>(
  args: PageArgs,
  load: (page: Page & { actor: Actor }) => Promise<T>,
): Promise<T> {
  const { actor } = args.context.get(requestStateContext);
  if (!actor) loginRedirect(args.request);
  return anyonesPage(args, (page) => load({ ...page, actor }));
}

/** The notice of the change a redirect reports by `?done=…`, among the page's own. */
export function doneNotice<Notice extends string>(
  request: Request,
  notices: Record<string, Notice>,
): Notice | null {
  const done = new URL(request.url).searchParams.get("done");
  return done && Object.hasOwn(notices, done) ? notices[done]! : null;
}
