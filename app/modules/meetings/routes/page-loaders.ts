// Loaders shared by the meetings pages that need a login. Server code: imported by loaders only.
import type { RouterContextProvider } from "react-router";
import type { Db } from "../../../db/client.ts";
import { getDb } from "../../../db/index.ts";
import { translator, type Translate } from "../../../i18n/translate.ts";
import type { Actor } from "../../../platform/actor.ts";
import { forbidden } from "../../../platform/errors.ts";
import { loginRedirect, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { getNetwork } from "../../networks/service.ts";

type PageArgs = { request: Request; context: Readonly<RouterContextProvider> };

/**
 * A loader for logged-in people: the public is sent to log in (and comes back), a service's
 * refusal becomes the error page with its status. `load` gets the database, the actor, a
 * translator into their language and the page's URL.
 */
export async function loggedInPage<T>(
  { request, context }: PageArgs,
  load: (page: { db: Db; actor: Actor; t: Translate; url: URL }) => Promise<T>,
): Promise<T> {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    return await load({
      db: await getDb(),
      actor,
      t: translator(locale),
      url: new URL(request.url),
    });
  } catch (error) {
    refusal(error, request);
  }
}

/** Editors only (chairs, secretaries, the owner's managers): others are refused. */
export function requireEditor(can: { edit: boolean }): void {
  if (!can.edit) throw forbidden();
}

/** A page that adds something to a network (a series, a single meeting): its editors only. */
export function newInNetworkPage(
  args: PageArgs & { params: { id: string } },
  /** The page title's message key; `{network}` is the network's name. */
  titleKey: string,
) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const { network, can } = await getNetwork(db, actor, args.params.id);
    requireEditor(can);
    return {
      network: { id: network.id, name: network.name },
      title: t(titleKey, { network: network.name }),
    };
  });
}
