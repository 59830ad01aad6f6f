// Use cases of networks: networks, their members and seat rules.
//
// Every function takes a database (or a transaction), the acting user (null for the public) and
// its input; it validates the input with schemas.ts, checks permissions with policy.ts (through
// access.ts), writes in one transaction with an audit entry, and throws AppError for anything a
// user can act on. A network the actor may not see is "not found".
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  ne,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { todayIn } from "../../i18n/format.ts";
import { addDays } from "../../platform/time.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditDelete, auditInserted, auditUpdated } from "../../platform/audit/service.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import { AppError, requireActor, forbidden, invalid } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { queryRows, sqlList, withDbErrors } from "../directory/db-helpers.ts";
import { likePattern, pageInfo } from "../directory/rules.ts";
import {
  organizations,
  people,
  type Country,
  type OrganizationKind,
  type TimeZone,
} from "../directory/schema.ts";
import { organizationChains, type Page, subtreeIds } from "../directory/service.ts";
import {
  meetingActions,
  meetingSeries,
  meetings,
  type ActionStatus,
  type MeetingStatus,
} from "../meetings/schema.ts";
import { loadNetworkAccess } from "./access.ts";
import * as policy from "./policy.ts";
import type { NetworkAccess } from "./policy.ts";
import {
  checkSeat,
  groupMembersByOrganization,
  isCurrentMembership,
  seatOverview,
  type MemberGroup,
  type SeatOverviewRow,
  type SeatRule,
} from "./rules.ts";
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
import {
  ZMemberCreateSchema,
  ZMemberEndSchema,
  ZMemberListFilterSchema,
  ZMemberUpdateSchema,
  ZNetworkCreateSchema,
  ZNetworkDeleteSchema,
  ZNetworkListFilterSchema,
  ZNetworkUpdateSchema,
  ZSeatRuleCreateSchema,
  ZSeatRuleUpdateSchema,
  type TMemberCreateInput,
  type TMemberEndInput,
  type TMemberListFilterInput,
  type TMemberUpdateInput,
  type TNetworkCreateInput,
  type TNetworkDeleteInput,
  type TNetworkListFilterInput,
  type TNetworkUpdateInput,
  type TSeatRuleCreateInput,
  type TSeatRuleUpdateInput,
} from "./schemas.ts";

// ---------------------------------------------------------------------------------------------
// Types handed to routes and the API

export type Network = {
  id: string;
  name: string;
  description: string;
  ownerOrganizationId: string;
  ownerOrganizationName: string;
  visibility: NetworkVisibility;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type NetworkSummary = {
  id: string;
  name: string;
  description: string;
  visibility: NetworkVisibility;
  ownerOrganizationId: string;
  ownerOrganizationName: string;
  /** Current members. */
  memberCount: number;
};

export type NetworkMember = {
  id: string;
  networkId: string;
  personId: string;
  name: string;
  title: string | null;
  organizationId: string;
  organizationName: string;
  role: MemberRole;
  startDate: string;
  endDate: string | null;
  current: boolean;
};

export type SeatRuleView = {
  id: string;
  organizationId: string | null;
  organizationName: string | null;
  organizationKind: OrganizationKind | null;
  country: Country | null;
  seats: number;
};

export type SeatOverviewEntry = SeatOverviewRow<{
  id: string;
  name: string;
  kind: OrganizationKind;
  country: Country;
}>;

export type NetworkMeeting = {
  id: string;
  title: string;
  startsAt: Date;
  timeZone: TimeZone;
  status: MeetingStatus;
};

export type OpenAction = {
  id: string;
  title: string;
  ownerPersonId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
};

export type NetworkCan = {
  edit: boolean;
  delete: boolean;
  readMembersContent: boolean;
};

export type NetworkOverview = {
  network: Network;
  can: NetworkCan;
  /** The actor's own current role, if a member. */
  myRole: MemberRole | null;
  /** Current members grouped by organization. */
  groups: MemberGroup<NetworkMember>[];
  /** Ended memberships (and future ones are in groups once started: here only ended). */
  history: NetworkMember[];
  /** Memberships that have not started yet. */
  upcomingMembers: NetworkMember[];
  seatRules: SeatRuleView[];
  seats: SeatOverviewEntry[];
  upcomingMeetings: NetworkMeeting[];
  pastMeetings: NetworkMeeting[];
  /** The network's meeting series, by name (their pages show what each reader may see). */
  series: { id: string; name: string }[];
  /** Empty for those who may not read members-only content. */
  openActions: OpenAction[];
};

const entity = {
  network: "network",
  member: "network_member",
  seatRule: "network_seat_rule",
} as const;

/** A seat-holding member over the organization's seats; the message names both. */
export class SeatLimitError extends AppError {
  declare readonly params: { organization: string; seats: number };
  constructor(organization: string, seats: number) {
    super("conflict", "networks.error.seatLimit", {}, { organization, seats });
  }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function networkNotFound(): AppError {
  return new AppError("not_found", "networks.error.notFound");
}

const memberNotFound = () => new AppError("not_found", "networks.error.memberNotFound");
const seatRuleNotFound = () => new AppError("not_found", "networks.error.seatRuleNotFound");

function today(): string {
  return todayIn("Europe/Stockholm");
}

/** Refusal for the public first (so they are asked to log in), else forbidden. */
function refuse(actor: Actor | null): never {
  requireActor(actor);
  throw forbidden();
}

async function ownerName(db: DbOrTx, organizationId: string): Promise<string> {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.name ?? "";
}

async function toNetwork(db: DbOrTx, row: NetworkRow): Promise<Network> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    ownerOrganizationId: row.ownerOrganizationId,
    ownerOrganizationName: await ownerName(db, row.ownerOrganizationId),
    visibility: row.visibility,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function canOf(access: NetworkAccess): NetworkCan {
  return {
    edit: policy.canEditNetwork(access),
    delete: policy.canDeleteNetwork(access),
    readMembersContent: policy.canReadMembersContent(access),
  };
}

/** Loads the network (visible to the actor) and refuses unless the actor may run it. */
async function requireEditor(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
): Promise<{ network: NetworkRow; access: NetworkAccess; acting: Actor }> {
  const { network, access } = await loadNetworkAccess(db, actor, networkId);
  if (!policy.canEditNetwork(access)) refuse(actor);
  return { network, access, acting: requireActor(actor) };
}

/** Takes the network's row lock for the rest of the transaction: seat counts are serialized. */
async function lockNetwork(tx: DbOrTx, networkId: string): Promise<NetworkRow> {
  const [row] = await tx.select().from(networks).where(eq(networks.id, networkId)).for("update");
  if (!row) throw networkNotFound();
  return row;
}

const memberColumns = {
  id: networkMembers.id,
  networkId: networkMembers.networkId,
  personId: networkMembers.personId,
  name: people.name,
  title: people.title,
  organizationId: networkMembers.organizationId,
  organizationName: organizations.name,
  role: networkMembers.role,
  startDate: networkMembers.startDate,
  endDate: networkMembers.endDate,
};

async function memberRows(db: DbOrTx, where: SQL | undefined): Promise<NetworkMember[]> {
  const rows = await db
    .select(memberColumns)
    .from(networkMembers)
    .innerJoin(people, eq(people.id, networkMembers.personId))
    .innerJoin(organizations, eq(organizations.id, networkMembers.organizationId))
    .where(where)
    .orderBy(asc(organizations.name), asc(people.name), asc(networkMembers.startDate));
  const day = today();
  return rows.map((row) => ({ ...row, current: isCurrentMembership(row, day) }));
}

function toMemberRecord(row: NetworkMemberRow) {
  return {
    id: row.id,
    networkId: row.networkId,
    personId: row.personId,
    organizationId: row.organizationId,
    role: row.role,
    startDate: row.startDate,
    endDate: row.endDate,
  };
}

async function seatRuleViews(db: DbOrTx, networkId: string): Promise<SeatRuleView[]> {
  const rows = await db
    .select({
      id: networkSeatRules.id,
      organizationId: networkSeatRules.organizationId,
      organizationName: organizations.name,
      organizationKind: networkSeatRules.organizationKind,
      country: networkSeatRules.country,
      seats: networkSeatRules.seats,
    })
    .from(networkSeatRules)
    .leftJoin(organizations, eq(organizations.id, networkSeatRules.organizationId))
    .where(eq(networkSeatRules.networkId, networkId))
    .orderBy(
      asc(networkSeatRules.organizationKind),
      asc(networkSeatRules.country),
      asc(organizations.name),
      asc(networkSeatRules.id),
    );
  return rows;
}

/** Every organization a rule covers: those named, those of a ruled kind (and country). */
async function coveredOrganizations(db: DbOrTx, rules: readonly SeatRule[], extraIds: string[]) {
  const conditions: SQL[] = [];
  const named = [
    ...rules.flatMap((rule) => (rule.organizationId ? [rule.organizationId] : [])),
    ...extraIds,
  ];
  if (named.length) conditions.push(inArray(organizations.id, named));
  for (const rule of rules) {
    if (!rule.organizationKind) continue;
    conditions.push(
      rule.country
        ? and(
            eq(organizations.kind, rule.organizationKind),
            eq(organizations.country, rule.country),
          )!
        : eq(organizations.kind, rule.organizationKind),
    );
  }
  if (!conditions.length) return [];
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      country: organizations.country,
    })
    .from(organizations)
    .where(or(...conditions))
    .limit(5000);
}

// ---------------------------------------------------------------------------------------------
// Networks

/**
 * Networks the actor may see: public ones for everyone; members-only ones for their current
 * members and the owning organization's managers (all for platform admins). Text filter on
 * name and description; paginated.
 */
export async function listNetworks(
  db: DbOrTx,
  actor: Actor | null,
  filterInput: TNetworkListFilterInput,
): Promise<Page<NetworkSummary>> {
  const filter = parseOrThrow(ZNetworkListFilterSchema, filterInput);
  const conditions: SQL[] = [];
  if (!actor?.isPlatformAdmin) {
    const visible: SQL[] = [eq(networks.visibility, "public")];
    if (actor?.personId) {
      const day = today();
      visible.push(
        sql`EXISTS (SELECT 1 FROM ${networkMembers} WHERE ${networkMembers.networkId} = ${networks.id}
              AND ${networkMembers.personId} = ${actor.personId}
              AND ${networkMembers.startDate} <= ${day}
              AND (${networkMembers.endDate} IS NULL OR ${networkMembers.endDate} >= ${day}))`,
      );
    }
    if (actor && actor.orgRoles.size > 0) {
      const managed = await subtreeIds(db, [...actor.orgRoles.keys()]);
      if (managed.length) visible.push(inArray(networks.ownerOrganizationId, managed));
    }
    conditions.push(or(...visible)!);
  }
  if (filter.q) {
    conditions.push(
      or(
        ilike(networks.name, likePattern(filter.q)),
        ilike(networks.description, likePattern(filter.q)),
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(networks)
    .where(where);
  const info = pageInfo(total, filter.page, filter.pageSize);
  const day = today();
  const items = await db
    .select({
      id: networks.id,
      name: networks.name,
      description: networks.description,
      visibility: networks.visibility,
      ownerOrganizationId: networks.ownerOrganizationId,
      ownerOrganizationName: organizations.name,
      memberCount: sql<number>`(SELECT count(*)::int FROM ${networkMembers}
          WHERE ${networkMembers.networkId} = ${networks.id}
            AND ${networkMembers.startDate} <= ${day}
            AND (${networkMembers.endDate} IS NULL OR ${networkMembers.endDate} >= ${day}))`,
    })
    .from(networks)
    .innerJoin(organizations, eq(organizations.id, networks.ownerOrganizationId))
    .where(where)
    .orderBy(asc(networks.name), asc(networks.id))
    .limit(info.pageSize)
    .offset(info.offset);
  return {
    items: items.map((item) => ({ ...item, memberCount: Number(item.memberCount) })),
    page: info.page,
    pageSize: info.pageSize,
    total: info.total,
    pageCount: info.pageCount,
  };
}

/** One network, with what the actor may do. */
export async function getNetwork(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
): Promise<{ network: Network; can: NetworkCan; myRole: MemberRole | null }> {
  const { network, access } = await loadNetworkAccess(db, actor, id);
  return { network: await toNetwork(db, network), can: canOf(access), myRole: access.memberRole };
}

/**
 * The network page: the network, its members grouped by organization with their history, the
 * seat overview, upcoming and past meetings, and (for insiders) the open actions.
 */
export async function getNetworkOverview(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
): Promise<NetworkOverview> {
  const { network, access } = await loadNetworkAccess(db, actor, id);
  const can = canOf(access);
  const day = today();
  const members = await memberRows(db, eq(networkMembers.networkId, network.id));
  const current = members.filter((member) => member.current);
  const history = members
    .filter((member) => member.endDate !== null && member.endDate < day)
    .sort((a, b) => (b.endDate ?? "").localeCompare(a.endDate ?? ""));
  const upcomingMembers = members.filter((member) => member.startDate > day);
  const seatRules = await seatRuleViews(db, network.id);
  const covered = await coveredOrganizations(db, seatRules, []);
  const seats = seatOverview(seatRules, covered, members, day);
  const now = new Date();
  const meetingColumns = {
    id: meetings.id,
    title: meetings.title,
    startsAt: meetings.startsAt,
    timeZone: meetings.timeZone,
    status: meetings.status,
  };
  const upcomingMeetings = await db
    .select(meetingColumns)
    .from(meetings)
    .where(and(eq(meetings.networkId, network.id), gte(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(20);
  const pastMeetings = await db
    .select(meetingColumns)
    .from(meetings)
    .where(and(eq(meetings.networkId, network.id), lt(meetings.startsAt, now)))
    .orderBy(desc(meetings.startsAt))
    .limit(20);
  const series = await db
    .select({ id: meetingSeries.id, name: meetingSeries.name })
    .from(meetingSeries)
    .where(eq(meetingSeries.networkId, network.id))
    .orderBy(asc(meetingSeries.name), asc(meetingSeries.id))
    .limit(100);
  const openActions = can.readMembersContent
    ? await db
        .select({
          id: meetingActions.id,
          title: meetingActions.title,
          ownerPersonId: meetingActions.ownerPersonId,
          ownerName: people.name,
          dueDate: meetingActions.dueDate,
          status: meetingActions.status,
          meetingId: meetings.id,
          meetingTitle: meetings.title,
          meetingStartsAt: meetings.startsAt,
        })
        .from(meetingActions)
        .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
        .leftJoin(people, eq(people.id, meetingActions.ownerPersonId))
        .where(and(eq(meetingActions.networkId, network.id), ne(meetingActions.status, "done")))
        .orderBy(sql`${meetingActions.dueDate} ASC NULLS LAST`, asc(meetingActions.title))
        .limit(200)
    : [];
  return {
    network: await toNetwork(db, network),
    can,
    myRole: access.memberRole,
    groups: groupMembersByOrganization(current),
    history,
    upcomingMembers,
    seatRules,
    seats,
    upcomingMeetings,
    pastMeetings,
    series,
    openActions,
  };
}

/** Creates a network owned by an organization the actor manages (or any, for platform admins). */
export async function createNetwork(
  db: DbOrTx,
  actor: Actor | null,
  input: TNetworkCreateInput,
): Promise<Network> {
  const acting = requireActor(actor);
  const data = parseOrThrow(ZNetworkCreateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const chain = (await organizationChains(tx, [data.ownerOrganizationId])).get(
        data.ownerOrganizationId,
      );
      if (!chain || chain.length === 0)
        throw invalid({ ownerOrganizationId: ["networks.error.organizationNotFound"] });
      if (!policy.canCreateNetwork(acting, chain)) throw forbidden();
      const row = await auditInserted(
        tx,
        await tx
          .insert(networks)
          .values({
            name: data.name,
            description: data.description ?? "",
            ownerOrganizationId: data.ownerOrganizationId,
            visibility: data.visibility,
          })
          .returning(),
        { actor: acting, entityType: entity.network, label: (created) => created.name },
      );
      return toNetwork(tx, row);
    }),
  );
}

/** Changes a network's name, description or visibility; a stale `version` is a conflict. */
export async function updateNetwork(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  input: TNetworkUpdateInput,
): Promise<Network> {
  const { acting } = await requireEditor(db, actor, id);
  const data = parseOrThrow(ZNetworkUpdateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const before = await lockNetwork(tx, id);
      assertVersion(before, data.version);
      const after = await auditUpdated(
        tx,
        await tx
          .update(networks)
          .set({
            name: data.name ?? before.name,
            description: data.description ?? before.description,
            visibility: data.visibility ?? before.visibility,
            ...nextVersion(before),
          })
          .where(eq(networks.id, id))
          .returning(),
        {
          actor: acting,
          entityType: entity.network,
          before,
          label: (row) => row.name,
          missing: networkNotFound,
        },
      );
      return toNetwork(tx, after);
    }),
  );
}

/** Deletes a network with its members, rules and meetings. Owner's managers only. */
export async function deleteNetwork(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  options: TNetworkDeleteInput = {},
): Promise<void> {
  const { access } = await loadNetworkAccess(db, actor, id);
  if (!policy.canDeleteNetwork(access)) refuse(actor);
  const acting = requireActor(actor);
  const { version } = parseOrThrow(ZNetworkDeleteSchema, options);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const before = await lockNetwork(tx, id);
      assertVersion(before, version);
      await tx.delete(networks).where(eq(networks.id, id));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.network,
        entityId: id,
        entityLabel: before.name,
        record: before,
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Members

/** The network's members (current and coming; with includeEnded also the history). */
export async function listMembers(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  filterInput: TMemberListFilterInput = {},
): Promise<NetworkMember[]> {
  const { network } = await loadNetworkAccess(db, actor, networkId);
  const filter = parseOrThrow(ZMemberListFilterSchema, filterInput);
  const includeEnded =
    filter.includeEnded === true || filter.includeEnded === "true" || filter.includeEnded === "1";
  const conditions: SQL[] = [eq(networkMembers.networkId, network.id)];
  if (!includeEnded) {
    conditions.push(or(isNull(networkMembers.endDate), gte(networkMembers.endDate, today()))!);
  }
  return memberRows(db, and(...conditions));
}

/** One membership of the network. */
export async function getMember(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  memberId: string,
): Promise<NetworkMember> {
  const { network } = await loadNetworkAccess(db, actor, networkId);
  if (!isUuid(memberId)) throw memberNotFound();
  const [member] = await memberRows(
    db,
    and(eq(networkMembers.networkId, network.id), eq(networkMembers.id, memberId)),
  );
  if (!member) throw memberNotFound();
  return member;
}

/**
 * Checks, under the network's row lock, that a membership fits its organization's seats and
 * that the person is not already a member for the organization in the same period.
 */
async function assertFits(
  tx: DbOrTx,
  networkId: string,
  candidate: {
    id?: string;
    personId: string;
    organizationId: string;
    role: MemberRole;
    startDate: string;
    endDate: string | null;
  },
) {
  const [organization] = await tx
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      country: organizations.country,
    })
    .from(organizations)
    .where(eq(organizations.id, candidate.organizationId));
  if (!organization) throw invalid({ organizationId: ["networks.error.organizationNotFound"] });
  const existing = await tx
    .select({
      id: networkMembers.id,
      personId: networkMembers.personId,
      organizationId: networkMembers.organizationId,
      role: networkMembers.role,
      startDate: networkMembers.startDate,
      endDate: networkMembers.endDate,
    })
    .from(networkMembers)
    .where(
      and(
        eq(networkMembers.networkId, networkId),
        eq(networkMembers.organizationId, candidate.organizationId),
      ),
    );
  const overlapping = existing.some(
    (member) =>
      member.id !== candidate.id &&
      member.personId === candidate.personId &&
      (candidate.endDate === null || member.startDate <= candidate.endDate) &&
      (member.endDate === null || member.endDate >= candidate.startDate),
  );
  if (overlapping) throw invalid({ personId: ["networks.error.alreadyMember"] });
  const rules = await tx
    .select()
    .from(networkSeatRules)
    .where(eq(networkSeatRules.networkId, networkId));
  const result = checkSeat(rules, organization, existing, candidate);
  if (!result.ok) throw new SeatLimitError(organization.name, result.seats);
}

/**
 * Adds a member. For a seat-holding role the network row is locked (SELECT … FOR UPDATE)
 * before the seats are counted, so two concurrent adds cannot both take the last seat.
 */
export async function addMember(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  input: TMemberCreateInput,
): Promise<NetworkMember> {
  const { network, acting } = await requireEditor(db, actor, networkId);
  const data = parseOrThrow(ZMemberCreateSchema, input);
  const startDate = data.startDate ?? today();
  if (data.endDate && data.endDate < startDate)
    throw invalid({ endDate: ["networks.error.endBeforeStart"] });
  const id = await withDbErrors(() =>
    db.transaction(async (tx) => {
      await lockNetwork(tx, network.id);
      const [person] = await tx
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(eq(people.id, data.personId));
      if (!person) throw invalid({ personId: ["networks.error.personNotFound"] });
      const candidate = {
        personId: data.personId,
        organizationId: data.organizationId,
        role: data.role,
        startDate,
        endDate: data.endDate ?? null,
      };
      await assertFits(tx, network.id, candidate);
      const row = await auditInserted(
        tx,
        await tx
          .insert(networkMembers)
          .values({ networkId: network.id, ...candidate })
          .returning(),
        {
          actor: acting,
          entityType: entity.member,
          label: () => `${person.name} · ${network.name}`,
          record: toMemberRecord,
        },
      );
      return row.id;
    }),
  );
  return getMember(db, actor, network.id, id);
}

/** Locks one membership of the network, or not_found. */
async function lockMember(tx: DbOrTx, networkId: string, memberId: string) {
  const [row] = await tx
    .select()
    .from(networkMembers)
    .where(and(eq(networkMembers.id, memberId), eq(networkMembers.networkId, networkId)))
    .for("update");
  if (!row) throw memberNotFound();
  return row;
}

/** Writes changes to a locked membership, with the audit entry. */
async function writeMember(
  tx: DbOrTx,
  acting: Actor,
  network: NetworkRow,
  before: NetworkMemberRow,
  changes: Partial<Pick<NetworkMemberRow, "role" | "startDate" | "endDate">>,
): Promise<void> {
  await auditUpdated(
    tx,
    await tx
      .update(networkMembers)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(networkMembers.id, before.id))
      .returning(),
    {
      actor: acting,
      entityType: entity.member,
      before: toMemberRecord(before),
      label: () => network.name,
      record: toMemberRecord,
      missing: memberNotFound,
    },
  );
}

/**
 * Changes a member's role or dates, with the same seat check as adding (under the lock). A new
 * role for a membership that began before today is a new period: the old role ends yesterday
 * and stays in the history, and the new role holds from today (the membership returned).
 * Changes to dates, and a role set before the membership began, correct the row itself.
 */
export async function updateMember(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  memberId: string,
  input: TMemberUpdateInput,
): Promise<NetworkMember> {
  const { network, acting } = await requireEditor(db, actor, networkId);
  if (!isUuid(memberId)) throw memberNotFound();
  const data = parseOrThrow(ZMemberUpdateSchema, input);
  const changedOn = today();
  const id = await withDbErrors(() =>
    db.transaction(async (tx) => {
      await lockNetwork(tx, network.id);
      const before = await lockMember(tx, network.id, memberId);
      const candidate = {
        id: before.id,
        personId: before.personId,
        organizationId: before.organizationId,
        role: data.role ?? before.role,
        startDate: data.startDate ?? before.startDate,
        endDate: data.endDate === undefined ? before.endDate : data.endDate,
      };
      if (candidate.endDate !== null && candidate.endDate < candidate.startDate)
        throw invalid({ endDate: ["networks.error.endBeforeStart"] });
      if (isNewRolePeriod(before, candidate, changedOn)) {
        await writeMember(tx, acting, network, before, { endDate: addDays(changedOn, -1) });
        const next = { ...candidate, id: undefined, startDate: changedOn };
        await assertFits(tx, network.id, next);
        const row = await auditInserted(
          tx,
          await tx
            .insert(networkMembers)
            .values({ networkId: network.id, ...next })
            .returning(),
          {
            actor: acting,
            entityType: entity.member,
            label: () => network.name,
            record: toMemberRecord,
          },
        );
        return row.id;
      }
      await assertFits(tx, network.id, candidate);
      const { role, startDate, endDate } = candidate;
      await writeMember(tx, acting, network, before, { role, startDate, endDate });
      return before.id;
    }),
  );
  return getMember(db, actor, network.id, id);
}

function isNewRolePeriod(
  before: NetworkMemberRow,
  after: Pick<NetworkMemberRow, "role" | "startDate" | "endDate">,
  changedOn: string,
): boolean {
  return (
    after.role !== before.role &&
    after.startDate === before.startDate &&
    before.startDate < changedOn &&
    (after.endDate === null || after.endDate >= changedOn)
  );
}

/** Ends a membership (today unless a date is given); the row stays as history. */
export async function endMember(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  memberId: string,
  input: TMemberEndInput = {},
): Promise<NetworkMember> {
  const { network, acting } = await requireEditor(db, actor, networkId);
  if (!isUuid(memberId)) throw memberNotFound();
  const data = parseOrThrow(ZMemberEndSchema, input);
  const endDate = data.endDate ?? today();
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const before = await lockMember(tx, network.id, memberId);
      if (endDate < before.startDate) throw invalid({ endDate: ["networks.error.endBeforeStart"] });
      await writeMember(tx, acting, network, before, { endDate });
    }),
  );
  return getMember(db, actor, network.id, memberId);
}

// ---------------------------------------------------------------------------------------------
// Seat rules

/** The network's seat rules and seat overview (readable by whoever reads the network). */
export async function listSeatRules(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
): Promise<{ rules: SeatRuleView[]; seats: SeatOverviewEntry[] }> {
  const { network } = await loadNetworkAccess(db, actor, networkId);
  const rules = await seatRuleViews(db, network.id);
  const members = await memberRows(db, eq(networkMembers.networkId, network.id));
  const covered = await coveredOrganizations(db, rules, []);
  return { rules, seats: seatOverview(rules, covered, members, today()) };
}

function toRuleRecord(row: NetworkSeatRuleRow) {
  return {
    id: row.id,
    networkId: row.networkId,
    organizationId: row.organizationId,
    organizationKind: row.organizationKind,
    country: row.country,
    seats: row.seats,
  };
}

function ruleLabel(row: NetworkSeatRuleRow, organizationName: string | null): string {
  const target = organizationName ?? [row.organizationKind, row.country].filter(Boolean).join(" ");
  return `${target}: ${row.seats}`;
}

/** Adds a seat rule (for one organization, or a kind and optional country). */
export async function addSeatRule(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  input: TSeatRuleCreateInput,
): Promise<SeatRuleView> {
  const { network, acting } = await requireEditor(db, actor, networkId);
  const data = parseOrThrow(ZSeatRuleCreateSchema, input);
  const id = await withDbErrors(() =>
    db.transaction(async (tx) => {
      await lockNetwork(tx, network.id);
      let organizationName: string | null = null;
      if (data.organizationId) {
        const [organization] = await tx
          .select({ name: organizations.name })
          .from(organizations)
          .where(eq(organizations.id, data.organizationId));
        if (!organization)
          throw invalid({ organizationId: ["networks.error.organizationNotFound"] });
        organizationName = organization.name;
      }
      const existing = await tx
        .select()
        .from(networkSeatRules)
        .where(eq(networkSeatRules.networkId, network.id));
      const duplicate = existing.some((rule) =>
        data.organizationId
          ? rule.organizationId === data.organizationId
          : rule.organizationKind === data.organizationKind &&
            (rule.country ?? null) === (data.country ?? null),
      );
      if (duplicate) throw invalid({ organizationId: ["networks.error.seatRuleDuplicate"] });
      const row = await auditInserted(
        tx,
        await tx
          .insert(networkSeatRules)
          .values({
            networkId: network.id,
            organizationId: data.organizationId ?? null,
            organizationKind: data.organizationId ? null : (data.organizationKind ?? null),
            country: data.organizationId ? null : (data.country ?? null),
            seats: data.seats,
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.seatRule,
          label: (created) => `${network.name} · ${ruleLabel(created, organizationName)}`,
          record: toRuleRecord,
        },
      );
      return row.id;
    }),
  );
  const rule = (await seatRuleViews(db, network.id)).find((view) => view.id === id);
  if (!rule) throw seatRuleNotFound();
  return rule;
}

/** Changes a rule's number of seats. Members already beyond it stay (shown as over). */
export async function updateSeatRule(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  ruleId: string,
  input: TSeatRuleUpdateInput,
): Promise<SeatRuleView> {
  const { network, acting } = await requireEditor(db, actor, networkId);
  if (!isUuid(ruleId)) throw seatRuleNotFound();
  const data = parseOrThrow(ZSeatRuleUpdateSchema, input);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      await lockNetwork(tx, network.id);
      const [before] = await tx
        .select()
        .from(networkSeatRules)
        .where(and(eq(networkSeatRules.id, ruleId), eq(networkSeatRules.networkId, network.id)));
      if (!before) throw seatRuleNotFound();
      await auditUpdated(
        tx,
        await tx
          .update(networkSeatRules)
          .set({ seats: data.seats, updatedAt: new Date() })
          .where(eq(networkSeatRules.id, ruleId))
          .returning(),
        {
          actor: acting,
          entityType: entity.seatRule,
          before: toRuleRecord(before),
          label: (after) => `${network.name} · ${ruleLabel(after, null)}`,
          record: toRuleRecord,
          missing: seatRuleNotFound,
        },
      );
    }),
  );
  const rule = (await seatRuleViews(db, network.id)).find((view) => view.id === ruleId);
  if (!rule) throw seatRuleNotFound();
  return rule;
}

export async function removeSeatRule(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  ruleId: string,
): Promise<void> {
  const { network, acting } = await requireEditor(db, actor, networkId);
  if (!isUuid(ruleId)) throw seatRuleNotFound();
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .delete(networkSeatRules)
        .where(and(eq(networkSeatRules.id, ruleId), eq(networkSeatRules.networkId, network.id)))
        .returning();
      if (!before) throw seatRuleNotFound();
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.seatRule,
        entityId: ruleId,
        entityLabel: `${network.name} · ${ruleLabel(before, null)}`,
        record: toRuleRecord(before),
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Choices for forms

/** Organizations an actor may make a network's owner: all for platform admins, else managed. */
export async function listOwnerChoices(
  db: DbOrTx,
  actor: Actor | null,
): Promise<{ id: string; name: string }[]> {
  if (!actor) return [];
  const columns = { id: organizations.id, name: organizations.name };
  if (actor.isPlatformAdmin)
    return db.select(columns).from(organizations).orderBy(asc(organizations.name)).limit(10_000);
  const ids = await subtreeIds(db, [...actor.orgRoles.keys()]);
  if (!ids.length) return [];
  return db
    .select(columns)
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .orderBy(asc(organizations.name));
}

export type PersonChoice = {
  id: string;
  name: string;
  /** Current affiliations' organizations, for the organization field's default. */
  organizations: { id: string; name: string }[];
};

/**
 * People to choose from when adding a member (editors only): matching `q` on name, title or
 * email, at most 50; with their current organizations. All organizations too, for the select.
 */
export async function memberFormChoices(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  q: string | undefined,
): Promise<{ people: PersonChoice[]; organizations: { id: string; name: string }[] }> {
  await requireEditor(db, actor, networkId);
  const text = q?.trim().slice(0, 200) ?? "";
  const found = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(
      text
        ? or(
            ilike(people.name, likePattern(text)),
            ilike(people.title, likePattern(text)),
            ilike(people.email, likePattern(text)),
          )
        : undefined,
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(text ? 50 : 200);
  const day = today();
  const affiliationRows = found.length
    ? await queryRows<{ person_id: string; id: string; name: string }>(
        db,
        sql`SELECT a.person_id, o.id, o.name FROM affiliations a JOIN organizations o ON o.id = a.organization_id
             WHERE a.person_id IN (${sqlList(found.map((p) => p.id))})
               AND (a.start_date IS NULL OR a.start_date <= ${day})
               AND (a.end_date IS NULL OR a.end_date >= ${day})
             ORDER BY o.name`,
      )
    : [];
  const choices = found.map((person) => ({
    ...person,
    organizations: affiliationRows
      .filter((row) => row.person_id === person.id)
      .map((row) => ({ id: row.id, name: row.name })),
  }));
  return { people: choices, organizations: await allOrganizations(db) };
}

async function allOrganizations(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.name))
    .limit(10_000);
}

/** Organizations a seat rule may name (editors only): every organization, by name. */
export async function seatRuleFormChoices(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
): Promise<{ id: string; name: string }[]> {
  await requireEditor(db, actor, networkId);
  return allOrganizations(db);
}
