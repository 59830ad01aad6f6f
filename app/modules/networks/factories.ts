// Test, seed and demo data for networks: networks, members and seat rules written directly (no
// permission check), with an actor for a member. Inputs are valid by construction; overrides
// change what a test cares about.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor, OrgRole } from "../../platform/actor.ts";
import { auditCreate } from "../../platform/audit/service.ts";
import { todayIn } from "../../i18n/format.ts";
import { actorFor, insertOrganization, insertPerson } from "../directory/factories.ts";
import {
  organizations,
  people,
  type Country,
  type OrganizationKind,
  type OrganizationRow,
  type PersonRow,
} from "../directory/schema.ts";
import {
  networkMembers,
  networks,
  networkSeatRules,
  type MemberRole,
  type NetworkMemberRow,
  type NetworkRow,
  type NetworkSeatRuleRow,
  type NetworkVisibility,
} from "./schema.ts";

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** An organization for tests (a Swedish municipality unless overridden). */
export async function insertTestOrganization(
  db: DbOrTx,
  overrides: {
    name?: string;
    kind?: OrganizationKind;
    country?: Country;
    parentId?: string | null;
  } = {},
): Promise<OrganizationRow> {
  const n = next();
  return insertOrganization(db, {
    name: overrides.name ?? `Nätverksorganisation ${n}`,
    kind: overrides.kind ?? "municipality",
    country: overrides.country ?? "SE",
    parentId: overrides.parentId ?? null,
  });
}

/**
 * A network, written directly. Without ownerOrganizationId, a fresh owner organization (a
 * region) is created. Members-only unless overridden.
 */
export async function insertNetwork(
  db: DbOrTx,
  overrides: {
    name?: string;
    description?: string;
    ownerOrganizationId?: string;
    visibility?: NetworkVisibility;
  } = {},
  actor: Actor | null = null,
): Promise<NetworkRow> {
  const n = next();
  const ownerOrganizationId =
    overrides.ownerOrganizationId ?? (await insertTestOrganization(db, { kind: "region" })).id;
  const [row] = await db
    .insert(networks)
    .values({
      name: overrides.name ?? `Testnätverk ${n}`,
      description: overrides.description ?? "",
      ownerOrganizationId,
      visibility: overrides.visibility ?? "members",
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await auditCreate(db, {
    actor,
    entityType: "network",
    entityId: row.id,
    entityLabel: row.name,
    record: row,
  });
  return row;
}

export type TestMember = {
  member: NetworkMemberRow;
  person: PersonRow;
  organization: OrganizationRow;
};

/**
 * A membership, written directly (no seat check). Without personId a fresh person is created;
 * without organizationId a fresh organization; the person is affiliated to the organization
 * when either is fresh. Role "member", starting today, unless overridden.
 */
export async function insertMember(
  db: DbOrTx,
  networkId: string,
  overrides: {
    role?: MemberRole;
    personId?: string;
    personName?: string;
    personTitle?: string | null;
    email?: string | null;
    organizationId?: string;
    startDate?: string;
    endDate?: string | null;
  } = {},
  actor: Actor | null = null,
): Promise<TestMember> {
  const organization = overrides.organizationId
    ? await loadOrganization(db, overrides.organizationId)
    : await insertTestOrganization(db);
  const person = overrides.personId
    ? await loadPerson(db, overrides.personId)
    : await insertPerson(db, {
        name: overrides.personName ?? `Nätverksperson ${next()}`,
        title: overrides.personTitle === undefined ? "Utvecklingsledare" : overrides.personTitle,
        email: overrides.email ?? null,
        affiliations: [{ organizationId: organization.id }],
      });
  const [member] = await db
    .insert(networkMembers)
    .values({
      networkId,
      personId: person.id,
      organizationId: organization.id,
      role: overrides.role ?? "member",
      startDate: overrides.startDate ?? todayIn("Europe/Stockholm"),
      endDate: overrides.endDate ?? null,
    })
    .returning();
  if (!member) throw new Error("insert returned nothing");
  await auditCreate(db, {
    actor,
    entityType: "network_member",
    entityId: member.id,
    entityLabel: person.name,
    record: member,
  });
  return { member, person, organization };
}

/** A seat rule, written directly: either for one organization or for a kind and country. */
export async function insertSeatRule(
  db: DbOrTx,
  networkId: string,
  rule:
    | { organizationId: string; seats: number }
    | { organizationKind: OrganizationKind; country?: Country | null; seats: number },
  actor: Actor | null = null,
): Promise<NetworkSeatRuleRow> {
  const [row] = await db
    .insert(networkSeatRules)
    .values({
      networkId,
      seats: rule.seats,
      organizationId: "organizationId" in rule ? rule.organizationId : null,
      organizationKind: "organizationKind" in rule ? rule.organizationKind : null,
      country: "organizationKind" in rule ? (rule.country ?? null) : null,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await auditCreate(db, {
    actor,
    entityType: "network_seat_rule",
    entityId: row.id,
    entityLabel: String(row.seats),
    record: row,
  });
  return row;
}

/** An actor acting as the given person (e.g. a network member), optionally with org roles. */
export function actorForPerson(
  personId: string,
  options: { roles?: Record<string, OrgRole>; isPlatformAdmin?: boolean; label?: string } = {},
): Actor {
  return actorFor({ ...options, personId });
}

/**
 * A network with one member of each role (chair, vice chair, secretary, member, adjunct,
 * observer), each with an actor, plus an editor of the owning organization and an outsider.
 * Handy for permission matrices.
 */
export async function insertNetworkWithRoles(
  db: DbOrTx,
  overrides: { visibility?: NetworkVisibility; name?: string } = {},
): Promise<{
  network: NetworkRow;
  members: Record<MemberRole, TestMember & { actor: Actor }>;
  ownerEditor: Actor;
  ownerAdmin: Actor;
  outsider: Actor;
  platformAdmin: Actor;
}> {
  const network = await insertNetwork(db, overrides);
  const roles: MemberRole[] = ["chair", "vice_chair", "secretary", "member", "adjunct", "observer"];
  const members = {} as Record<MemberRole, TestMember & { actor: Actor }>;
  for (const role of roles) {
    const created = await insertMember(db, network.id, { role });
    members[role] = { ...created, actor: actorForPerson(created.person.id) };
  }
  const outsiderPerson = await insertPerson(db, { name: `Utomstående ${next()}` });
  return {
    network,
    members,
    ownerEditor: actorFor({ roles: { [network.ownerOrganizationId]: "editor" } }),
    ownerAdmin: actorFor({ roles: { [network.ownerOrganizationId]: "admin" } }),
    outsider: actorForPerson(outsiderPerson.id),
    platformAdmin: actorFor({ isPlatformAdmin: true }),
  };
}

async function loadOrganization(db: DbOrTx, id: string): Promise<OrganizationRow> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!row) throw new Error(`organization ${id} not found`);
  return row;
}

async function loadPerson(db: DbOrTx, id: string): Promise<PersonRow> {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  if (!row) throw new Error(`person ${id} not found`);
  return row;
}
