import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor, OrgRole } from "../../platform/actor.ts";
import { organizationRoles, type UserRow } from "./schema.ts";

/** The Actor of an account: its organization roles read fresh, so a changed role counts at once. */
export async function actorOf(
  db: DbOrTx,
  user: Pick<UserRow, "id" | "email" | "isPlatformAdmin" | "personId">,
  via: Actor["via"],
): Promise<Actor> {
  const roles = await db
    .select({ organizationId: organizationRoles.organizationId, role: organizationRoles.role })
    .from(organizationRoles)
    .where(eq(organizationRoles.userId, user.id));
  return {
    userId: user.id,
    label: user.email,
    isPlatformAdmin: user.isPlatformAdmin,
    personId: user.personId,
    orgRoles: new Map<string, OrgRole>(roles.map((row) => [row.organizationId, row.role])),
    via,
  };
}
