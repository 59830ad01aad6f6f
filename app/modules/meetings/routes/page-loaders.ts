// Loaders shared by the meetings pages that need a login. Server code: imported by loaders only.
import { forbidden } from "../../../platform/errors.ts";
import { loggedInPage, type PageArgs } from "../../../platform/page-loaders.ts";
import { getNetwork } from "../../networks/service.ts";

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
