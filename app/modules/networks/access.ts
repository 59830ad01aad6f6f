import { and, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { AppError } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { todayIn } from "../../i18n/format.ts";
import { organizationChains } from "../directory/service.ts";
import {
  canReadNetwork,
  managesOrganization,
  strongestRole,
  type NetworkAccess,
} from "./policy.ts";
import { networkMembers, networks, type NetworkRow } from "./schema.ts";

/**
 * What the actor may do in a network, with the network itself. A network the actor may not see
 * is "not found", so its existence does not leak.
 */
export async function loadNetworkAccess(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
): Promise<{ network: NetworkRow; access: NetworkAccess }> {
  const network = isUuid(networkId)
    ? (await db.select().from(networks).where(eq(networks.id, networkId)))[0]
    : undefined;
  if (!network) throw new AppError("not_found", "networks.error.notFound");
  const access = await accessTo(db, actor, network);
  if (!canReadNetwork(access)) throw new AppError("not_found", "networks.error.notFound");
  return { network, access };
}

/** The actor's access to a network row already read (no visibility check). */
export async function accessTo(
  db: DbOrTx,
  actor: Actor | null,
  network: Pick<NetworkRow, "id" | "visibility" | "ownerOrganizationId">,
): Promise<NetworkAccess> {
  const personId = actor?.personId ?? null;
  let memberRole: NetworkAccess["memberRole"] = null;
  if (personId) {
    const today = todayIn("Europe/Stockholm");
    const rows = await db
      .select({ role: networkMembers.role })
      .from(networkMembers)
      .where(
        and(
          eq(networkMembers.networkId, network.id),
          eq(networkMembers.personId, personId),
          lte(networkMembers.startDate, today),
          or(isNull(networkMembers.endDate), gte(networkMembers.endDate, today)),
        ),
      );
    memberRole = strongestRole(rows.map((row) => row.role));
  }
  let managesOwner = Boolean(actor?.isPlatformAdmin);
  if (actor && !managesOwner && actor.orgRoles.size > 0) {
    const chains = await organizationChains(db, [network.ownerOrganizationId]);
    managesOwner = managesOrganization(actor, chains.get(network.ownerOrganizationId) ?? []);
  }
  return {
    networkId: network.id,
    visibility: network.visibility,
    memberRole,
    managesOwner,
    personId,
  };
}
