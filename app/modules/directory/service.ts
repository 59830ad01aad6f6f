// Use cases of the directory: organizations, people and their affiliations.
//
// Every function takes a database (or a transaction), the acting user (null for the public) and
// its input; it validates the input with the schemas of schemas.ts (whatever the caller did
// before), checks permissions with policy.ts, writes in one transaction with an audit entry, and
// throws AppError (validation, unauthenticated, forbidden, not_found, conflict) for anything a
// user can act on. Called with a transaction, the work runs in a savepoint of it (the import
// relies on that).
import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditDelete, auditInserted, auditUpdated } from "../../platform/audit/service.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import {
  AppError,
  type FieldErrors,
  requireActor,
  forbidden,
  invalid,
} from "../../platform/errors.ts";
import { todayIn } from "../../i18n/format.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { isUuid } from "../../platform/ids.ts";
import { queryRows, sqlList, withDbErrors } from "./db-helpers.ts";
import * as policy from "./policy.ts";
import type { OrgChain } from "./policy.ts";
import {
  checkOrganizationFacts,
  defaultTimeZone,
  isCurrentAffiliation,
  likePattern,
  pageInfo,
  wouldCreateCycle,
} from "./rules.ts";
import {
  affiliations,
  organizations,
  people,
  type AffiliationRow,
  type Country,
  type OrganizationKind,
  type OrganizationRow,
  type PersonRow,
  type TimeZone,
} from "./schema.ts";
import {
  ZAffiliationCreateSchema,
  ZAffiliationUpdateSchema,
  ZDeleteSchema,
  ZOrganizationCreateSchema,
  ZOrganizationListFilterSchema,
  ZOrganizationUpdateSchema,
  ZPersonCreateSchema,
  ZPersonListFilterSchema,
  ZPersonUpdateSchema,
  type TAffiliationCreateInput,
  type TAffiliationUpdateInput,
  type TDeleteInput,
  type TOrganizationCreateInput,
  type TOrganizationListFilterInput,
  type TOrganizationUpdateInput,
  type TPersonCreateInput,
  type TPersonListFilterInput,
  type TPersonUpdateInput,
} from "./schemas.ts";

// ---------------------------------------------------------------------------------------------
// Types handed to routes and the API

export type Page<T> = {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
};

export type Organization = {
  id: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  country: Country;
  /** Digits only (10 for SE, 9 for NO); format with rules.formatOrgNumber. */
  organizationNumber: string | null;
  hsaId: string | null;
  website: string | null;
  timeZone: TimeZone;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type OrganizationSummary = {
  id: string;
  name: string;
  kind: OrganizationKind;
  country: Country;
  organizationNumber: string | null;
  parentId: string | null;
  parentName: string | null;
};

export type OrganizationRef = {
  id: string;
  name: string;
  kind: OrganizationKind;
  country: Country;
};

export type Person = {
  id: string;
  name: string;
  title: string | null;
  /** Null for the public: contact details are shown to logged-in users only. */
  email: string | null;
  phone: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type PersonSummary = {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  /** Organizations of current affiliations. */
  organizations: { id: string; name: string }[];
};

export type Affiliation = {
  id: string;
  personId: string;
  organizationId: string;
  title: string | null;
  startDate: string | null;
  endDate: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const entity = {
  organization: "organization",
  person: "person",
  affiliation: "affiliation",
} as const;

// ---------------------------------------------------------------------------------------------
// Shared helpers

function notFound(): AppError {
  return new AppError("not_found", "error.notFound");
}

/** "" and null both mean "no value". */
function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "" ? null : value;
}

function today(): string {
  return todayIn("Europe/Stockholm");
}

function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    country: row.country,
    organizationNumber: row.organizationNumber,
    hsaId: row.hsaId,
    website: row.website,
    timeZone: row.timeZone,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toPerson(row: PersonRow, actor: Actor | null): Person {
  const contact = policy.canSeeContactDetails(actor);
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    email: contact ? row.email : null,
    phone: contact ? row.phone : null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toAffiliation(row: AffiliationRow): Affiliation {
  return {
    id: row.id,
    personId: row.personId,
    organizationId: row.organizationId,
    title: row.title,
    startDate: row.startDate,
    endDate: row.endDate,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** For each organization id: the organization, then its parent, grandparent… (empty if absent). */
export async function organizationChains(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const chains = new Map<string, string[]>();
  const valid = [...new Set(ids.filter(isUuid))];
  for (const id of ids) chains.set(id, []);
  if (valid.length === 0) return chains;
  const rows = await queryRows<{ start_id: string; id: string }>(
    db,
    sql`WITH RECURSIVE chain(start_id, id, parent_id, depth) AS (
          SELECT id, id, parent_id, 0 FROM organizations WHERE id IN (${sqlList(valid)})
          UNION ALL
          SELECT c.start_id, o.id, o.parent_id, c.depth + 1
            FROM organizations o JOIN chain c ON o.id = c.parent_id
           WHERE c.depth < 64
        )
        SELECT start_id, id FROM chain ORDER BY start_id, depth`,
  );
  for (const row of rows) chains.get(row.start_id)?.push(row.id);
  return chains;
}

async function organizationChain(db: DbOrTx, id: string): Promise<OrgChain> {
  return (await organizationChains(db, [id])).get(id) ?? [];
}

/** Ids of the given organizations and everything below them. */
export async function subtreeIds(db: DbOrTx, roots: readonly string[]): Promise<string[]> {
  const valid = roots.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`WITH RECURSIVE sub(id, depth) AS (
          SELECT id, 0 FROM organizations WHERE id IN (${sqlList(valid)})
          UNION ALL
          SELECT o.id, s.depth + 1 FROM organizations o JOIN sub s ON o.parent_id = s.id
           WHERE s.depth < 64
        )
        SELECT DISTINCT id FROM sub`,
  );
  return rows.map((row) => row.id);
}

async function assertOrgNumberFree(db: DbOrTx, digits: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      exceptId
        ? and(eq(organizations.organizationNumber, digits), ne(organizations.id, exceptId))
        : eq(organizations.organizationNumber, digits),
    )
    .limit(1);
  if (taken) throw invalid({ organizationNumber: ["directory.error.duplicateOrgNumber"] });
}

async function assertEmailFree(db: DbOrTx, email: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: people.id })
    .from(people)
    .where(
      exceptId ? and(eq(people.email, email), ne(people.id, exceptId)) : eq(people.email, email),
    )
    .limit(1);
  if (taken) throw invalid({ email: ["directory.error.duplicateEmail"] });
}

/**
 * Runs a text search with pg_trgm's word-similarity threshold lowered from 0.6 to 0.5 for this
 * transaction, so one typo in a name still finds it ("Stokholm" → "Region Stockholm"). Plain
 * listings skip the transaction.
 */
async function withFuzzySearch<T>(
  db: DbOrTx,
  fuzzy: boolean,
  work: (db: DbOrTx) => Promise<T>,
): Promise<T> {
  if (!fuzzy) return work(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
    return work(tx);
  });
}

// ---------------------------------------------------------------------------------------------
// Organizations

const parentOrg = alias(organizations, "parent_org");

function organizationSearch(q: string): SQL {
  const digits = q.replace(/[\s-]/g, "");
  const conditions: (SQL | undefined)[] = [
    ilike(organizations.name, likePattern(q)),
    sql`${q} <% ${organizations.name}`,
    ilike(organizations.hsaId, likePattern(q)),
  ];
  if (/^\d{3,12}$/.test(digits)) {
    conditions.push(sql`${organizations.organizationNumber} LIKE ${likePattern(digits)}`);
  }
  return or(...conditions)!;
}

/** The organization list: filters, text search, pagination. Public. */
export async function listOrganizations(
  db: DbOrTx,
  actor: Actor | null,
  filterInput: TOrganizationListFilterInput,
): Promise<Page<OrganizationSummary>> {
  if (!policy.canReadDirectory(actor)) throw forbidden();
  const filter = parseOrThrow(ZOrganizationListFilterSchema, filterInput);
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(organizations.kind, filter.kind));
  if (filter.country) conditions.push(eq(organizations.country, filter.country));
  if (filter.parentId) conditions.push(eq(organizations.parentId, filter.parentId));
  if (filter.q) conditions.push(organizationSearch(filter.q));
  const where = conditions.length ? and(...conditions) : undefined;
  return withFuzzySearch(db, Boolean(filter.q), async (db) => {
    const [{ total } = { total: 0 }] = await db
      .select({ total: count() })
      .from(organizations)
      .where(where);
    const info = pageInfo(total, filter.page, filter.pageSize);
    const order: SQL[] = filter.q
      ? [
          desc(sql`${organizations.name} ILIKE ${`${filter.q.replace(/[\\%_]/g, "\\$&")}%`}`),
          desc(sql`word_similarity(${filter.q}, ${organizations.name})`),
          asc(organizations.name),
          asc(organizations.id),
        ]
      : [asc(organizations.name), asc(organizations.id)];
    const items = await db
      .select({
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        country: organizations.country,
        organizationNumber: organizations.organizationNumber,
        parentId: organizations.parentId,
        parentName: parentOrg.name,
      })
      .from(organizations)
      .leftJoin(parentOrg, eq(parentOrg.id, organizations.parentId))
      .where(where)
      .orderBy(...order)
      .limit(info.pageSize)
      .offset(info.offset);
    return {
      items,
      page: info.page,
      pageSize: info.pageSize,
      total: info.total,
      pageCount: info.pageCount,
    };
  });
}

/** One organization. Public. */
export async function getOrganization(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
): Promise<Organization> {
  if (!policy.canReadDirectory(actor)) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!row) throw notFound();
  return toOrganization(row);
}

export type OrganizationMember = {
  affiliationId: string;
  personId: string;
  name: string;
  /** The title in this organization, else the person's own title. */
  title: string | null;
  startDate: string | null;
  endDate: string | null;
  current: boolean;
};

export type OrganizationOverview = {
  organization: Organization;
  /** From the top-level organization down to the parent. */
  ancestors: OrganizationRef[];
  children: OrganizationRef[];
  members: OrganizationMember[];
  can: { update: boolean; delete: boolean; createChild: boolean; addPeople: boolean };
};

/** An organization with its place in the tree, its sub-organizations and its people. Public. */
export async function getOrganizationOverview(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
): Promise<OrganizationOverview> {
  const organization = await getOrganization(db, actor, id);
  const chain = await organizationChain(db, id);
  const ancestorIds = chain.slice(1);
  const ancestorRows = ancestorIds.length
    ? await db
        .select({
          id: organizations.id,
          name: organizations.name,
          kind: organizations.kind,
          country: organizations.country,
        })
        .from(organizations)
        .where(inArray(organizations.id, ancestorIds))
    : [];
  const ancestors = [...ancestorIds]
    .reverse()
    .map((ancestorId) => ancestorRows.find((row) => row.id === ancestorId))
    .filter((row): row is OrganizationRef => Boolean(row));
  const children = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      country: organizations.country,
    })
    .from(organizations)
    .where(eq(organizations.parentId, id))
    .orderBy(asc(organizations.name));
  const memberRows = await db
    .select({
      affiliationId: affiliations.id,
      personId: people.id,
      name: people.name,
      affiliationTitle: affiliations.title,
      personTitle: people.title,
      startDate: affiliations.startDate,
      endDate: affiliations.endDate,
    })
    .from(affiliations)
    .innerJoin(people, eq(people.id, affiliations.personId))
    .where(eq(affiliations.organizationId, id))
    .orderBy(asc(people.name), asc(affiliations.id));
  const now = today();
  const members = memberRows.map((row) => ({
    affiliationId: row.affiliationId,
    personId: row.personId,
    name: row.name,
    title: row.affiliationTitle ?? row.personTitle,
    startDate: row.startDate,
    endDate: row.endDate,
    current: isCurrentAffiliation(row, now),
  }));
  return {
    organization,
    ancestors,
    children,
    members,
    can: {
      update: policy.canUpdateOrganization(actor, chain),
      delete: policy.canDeleteOrganization(actor, chain),
      createChild: policy.canCreateOrganization(actor, chain),
      addPeople: policy.canManageAffiliation(actor, chain),
    },
  };
}

/**
 * Organizations the actor may place things under (as parent of a new organization, or as the
 * organization of an affiliation): all for platform admins, else those where the actor has a
 * role and everything below them. Sorted by name.
 */
export async function listOrganizationChoices(
  db: DbOrTx,
  actor: Actor | null,
): Promise<OrganizationRef[]> {
  if (!actor) return [];
  const columns = {
    id: organizations.id,
    name: organizations.name,
    kind: organizations.kind,
    country: organizations.country,
  };
  if (actor.isPlatformAdmin) {
    return db.select(columns).from(organizations).orderBy(asc(organizations.name)).limit(10_000);
  }
  const ids = await subtreeIds(db, [...actor.orgRoles.keys()]);
  if (ids.length === 0) return [];
  return db
    .select(columns)
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .orderBy(asc(organizations.name));
}

/** Creates an organization; duplicate organization numbers are refused as a field error. */
export async function createOrganization(
  db: DbOrTx,
  actor: Actor | null,
  input: TOrganizationCreateInput,
): Promise<Organization> {
  const acting = requireActor(actor);
  const data = parseOrThrow(ZOrganizationCreateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const parentId = data.parentId ?? null;
      let parentChain: OrgChain | null = null;
      if (parentId) {
        parentChain = await organizationChain(tx, parentId);
        if (parentChain.length === 0)
          throw invalid({ parentId: ["directory.error.parentNotFound"] });
      }
      if (!policy.canCreateOrganization(acting, parentChain)) throw forbidden();
      const facts = checkOrganizationFacts({
        country: data.country,
        organizationNumber: blankToNull(data.organizationNumber),
        hsaId: blankToNull(data.hsaId),
      });
      if (Object.keys(facts.errors).length) throw invalid(facts.errors);
      if (facts.organizationNumber) await assertOrgNumberFree(tx, facts.organizationNumber);
      const row = await auditInserted(
        tx,
        await tx
          .insert(organizations)
          .values({
            name: data.name,
            kind: data.kind,
            parentId,
            country: data.country,
            organizationNumber: facts.organizationNumber,
            hsaId: facts.hsaId,
            website: blankToNull(data.website),
            timeZone: data.timeZone ?? defaultTimeZone(data.country),
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.organization,
          label: (created) => created.name,
          record: toOrganization,
        },
      );
      return toOrganization(row);
    }),
  );
}

/**
 * Changes an organization. Only given fields change; `version` must match the stored version
 * (else AppError "conflict"). Moving it under another parent needs the right to create there.
 */
export async function updateOrganization(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  input: TOrganizationUpdateInput,
): Promise<Organization> {
  const acting = requireActor(actor);
  if (!isUuid(id)) throw notFound();
  const data = parseOrThrow(ZOrganizationUpdateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(organizations)
        .where(eq(organizations.id, id))
        .for("update");
      if (!before) throw notFound();
      const chain = await organizationChain(tx, id);
      if (!policy.canUpdateOrganization(acting, chain)) throw forbidden();
      assertVersion(before, data.version);

      const country = data.country ?? before.country;
      const errors: FieldErrors = {};
      let parentId = before.parentId;
      if (data.parentId !== undefined && (data.parentId ?? null) !== before.parentId) {
        parentId = data.parentId ?? null;
        if (parentId === null) {
          if (!policy.canCreateOrganization(acting, null))
            errors.parentId = ["directory.error.parentNotAllowed"];
        } else {
          const parentChain = await organizationChain(tx, parentId);
          if (parentChain.length === 0) errors.parentId = ["directory.error.parentNotFound"];
          else if (wouldCreateCycle(id, parentChain))
            errors.parentId = ["directory.error.parentCycle"];
          else if (!policy.canCreateOrganization(acting, parentChain))
            errors.parentId = ["directory.error.parentNotAllowed"];
        }
      }
      const facts = checkOrganizationFacts({
        country,
        organizationNumber:
          data.organizationNumber === undefined
            ? before.organizationNumber
            : blankToNull(data.organizationNumber),
        hsaId: data.hsaId === undefined ? before.hsaId : blankToNull(data.hsaId),
      });
      Object.assign(errors, facts.errors);
      if (Object.keys(errors).length) throw invalid(errors);
      if (facts.organizationNumber) await assertOrgNumberFree(tx, facts.organizationNumber, id);

      let timeZone: TimeZone;
      if (data.timeZone) timeZone = data.timeZone;
      else if (data.timeZone === null || country !== before.country)
        timeZone = defaultTimeZone(country);
      else timeZone = before.timeZone;

      const after = await auditUpdated(
        tx,
        await tx
          .update(organizations)
          .set({
            name: data.name ?? before.name,
            kind: data.kind ?? before.kind,
            parentId,
            country,
            organizationNumber: facts.organizationNumber,
            hsaId: facts.hsaId,
            website: data.website === undefined ? before.website : blankToNull(data.website),
            timeZone,
            ...nextVersion(before),
          })
          .where(eq(organizations.id, id))
          .returning(),
        {
          actor: acting,
          entityType: entity.organization,
          before: toOrganization(before),
          label: (row) => row.name,
          record: toOrganization,
          missing: notFound,
        },
      );
      return toOrganization(after);
    }),
  );
}

/**
 * Deletes an organization with its affiliations. Refused while it has sub-organizations, or when
 * `version` is given and stale.
 */
export async function deleteOrganization(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  options: TDeleteInput = {},
): Promise<void> {
  const acting = requireActor(actor);
  if (!isUuid(id)) throw notFound();
  const { version } = parseOrThrow(ZDeleteSchema, options);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(organizations)
        .where(eq(organizations.id, id))
        .for("update");
      if (!row) throw notFound();
      const chain = await organizationChain(tx, id);
      if (!policy.canDeleteOrganization(acting, chain)) throw forbidden();
      assertVersion(row, version);
      const [child] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.parentId, id))
        .limit(1);
      if (child) throw new AppError("conflict", "directory.error.hasChildren");
      await tx.delete(organizations).where(eq(organizations.id, id));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.organization,
        entityId: id,
        entityLabel: row.name,
        record: toOrganization(row),
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// People

function personSearch(q: string): SQL {
  return or(
    ilike(people.name, likePattern(q)),
    sql`${q} <% ${people.name}`,
    ilike(people.title, likePattern(q)),
    ilike(people.email, likePattern(q)),
  )!;
}

/** The people list: text search, organization, pagination. Public (email for logged-in users). */
export async function listPeople(
  db: DbOrTx,
  actor: Actor | null,
  filterInput: TPersonListFilterInput,
): Promise<Page<PersonSummary>> {
  if (!policy.canReadDirectory(actor)) throw forbidden();
  const filter = parseOrThrow(ZPersonListFilterSchema, filterInput);
  const conditions: SQL[] = [];
  if (filter.q) {
    // Searching by email is for those who may see emails.
    conditions.push(
      policy.canSeeContactDetails(actor)
        ? personSearch(filter.q)
        : or(
            ilike(people.name, likePattern(filter.q)),
            sql`${filter.q} <% ${people.name}`,
            ilike(people.title, likePattern(filter.q)),
          )!,
    );
  }
  if (filter.organizationId) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${affiliations} WHERE ${affiliations.personId} = ${people.id} AND ${affiliations.organizationId} = ${filter.organizationId})`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  return withFuzzySearch(db, Boolean(filter.q), async (db) => {
    const [{ total } = { total: 0 }] = await db
      .select({ total: count() })
      .from(people)
      .where(where);
    const info = pageInfo(total, filter.page, filter.pageSize);
    const rows = await db
      .select()
      .from(people)
      .where(where)
      .orderBy(asc(people.name), asc(people.id))
      .limit(info.pageSize)
      .offset(info.offset);
    const now = today();
    const memberships = rows.length
      ? await db
          .select({
            personId: affiliations.personId,
            organizationId: organizations.id,
            organizationName: organizations.name,
            startDate: affiliations.startDate,
            endDate: affiliations.endDate,
          })
          .from(affiliations)
          .innerJoin(organizations, eq(organizations.id, affiliations.organizationId))
          .where(
            inArray(
              affiliations.personId,
              rows.map((row) => row.id),
            ),
          )
          .orderBy(asc(organizations.name))
      : [];
    const items = rows.map((row) => {
      const person = toPerson(row, actor);
      return {
        id: person.id,
        name: person.name,
        title: person.title,
        email: person.email,
        organizations: memberships
          .filter((m) => m.personId === row.id && isCurrentAffiliation(m, now))
          .map((m) => ({ id: m.organizationId, name: m.organizationName })),
      };
    });
    return { items, page: info.page, pageSize: info.pageSize, total, pageCount: info.pageCount };
  });
}

/** One person. Public; email and phone only for logged-in users. */
export async function getPerson(db: DbOrTx, actor: Actor | null, id: string): Promise<Person> {
  if (!policy.canReadDirectory(actor)) throw forbidden();
  if (!isUuid(id)) throw notFound();
  const [row] = await db.select().from(people).where(eq(people.id, id));
  if (!row) throw notFound();
  return toPerson(row, actor);
}

export type PersonAffiliation = Affiliation & {
  organizationName: string;
  organizationKind: OrganizationKind;
  current: boolean;
  canManage: boolean;
};

export type PersonOverview = {
  person: Person;
  affiliations: PersonAffiliation[];
  can: { update: boolean; delete: boolean; addAffiliation: boolean };
};

/** The affiliations of a person with their organizations' chains, and which are current. */
async function affiliationsWithChains(db: DbOrTx, personId: string) {
  const rows = await db
    .select({
      affiliation: affiliations,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
    })
    .from(affiliations)
    .innerJoin(organizations, eq(organizations.id, affiliations.organizationId))
    .where(eq(affiliations.personId, personId))
    .orderBy(asc(affiliations.endDate), asc(organizations.name));
  const chains = await organizationChains(
    db,
    rows.map((row) => row.affiliation.organizationId),
  );
  const now = today();
  return rows.map((row) => ({
    ...row,
    chain: chains.get(row.affiliation.organizationId) ?? [],
    current: isCurrentAffiliation(row.affiliation, now),
  }));
}

/** A person with affiliations and what the actor may do. Public (contact details as getPerson). */
export async function getPersonOverview(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
): Promise<PersonOverview> {
  const person = await getPerson(db, actor, id);
  const rows = await affiliationsWithChains(db, id);
  const currentChains = rows.filter((row) => row.current).map((row) => row.chain);
  return {
    person,
    affiliations: rows
      .map((row) => ({
        ...toAffiliation(row.affiliation),
        organizationName: row.organizationName,
        organizationKind: row.organizationKind,
        current: row.current,
        canManage: policy.canManageAffiliation(actor, row.chain),
      }))
      .sort((a, b) => Number(b.current) - Number(a.current)),
    can: {
      update: policy.canUpdatePerson(actor, currentChains),
      delete: policy.canDeletePerson(actor, currentChains),
      addAffiliation: policy.canCreateSomething(actor),
    },
  };
}

/** Creates a person, with the affiliations given (which also decide who may do it). */
export async function createPerson(
  db: DbOrTx,
  actor: Actor | null,
  input: TPersonCreateInput,
): Promise<Person> {
  const acting = requireActor(actor);
  const data = parseOrThrow(ZPersonCreateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const affiliationInputs = data.affiliations ?? [];
      const chains = await organizationChains(
        tx,
        affiliationInputs.map((a) => a.organizationId),
      );
      const errors: FieldErrors = {};
      affiliationInputs.forEach((a, index) => {
        if ((chains.get(a.organizationId) ?? []).length === 0)
          errors[`affiliations.${index}.organizationId`] = ["directory.error.organizationNotFound"];
      });
      if (Object.keys(errors).length) throw invalid(errors);
      const affiliationChains = affiliationInputs.map((a) => chains.get(a.organizationId) ?? []);
      if (!policy.canCreatePerson(acting, affiliationChains)) throw forbidden();
      const email = blankToNull(data.email)?.toLowerCase() ?? null;
      if (email) await assertEmailFree(tx, email);
      const row = await auditInserted(
        tx,
        await tx
          .insert(people)
          .values({
            name: data.name,
            title: blankToNull(data.title),
            email,
            phone: blankToNull(data.phone),
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.person,
          label: (created) => created.name,
          record: (created) => toPerson(created, acting),
        },
      );
      for (const a of affiliationInputs) {
        await insertAffiliation(tx, acting, row, a);
      }
      return toPerson(row, acting);
    }),
  );
}

async function insertAffiliation(
  tx: DbOrTx,
  actor: Actor,
  person: PersonRow,
  data: {
    organizationId: string;
    title?: string | null | undefined;
    startDate?: string | null | undefined;
    endDate?: string | null | undefined;
  },
): Promise<Affiliation> {
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, data.organizationId));
  const row = await auditInserted(
    tx,
    await tx
      .insert(affiliations)
      .values({
        personId: person.id,
        organizationId: data.organizationId,
        title: blankToNull(data.title),
        startDate: blankToNull(data.startDate),
        endDate: blankToNull(data.endDate),
      })
      .returning(),
    {
      actor,
      entityType: entity.affiliation,
      label: () => `${person.name} – ${organization?.name ?? ""}`,
      record: toAffiliation,
    },
  );
  return toAffiliation(row);
}

/** Changes a person's name, title, email or phone; `version` must match. */
export async function updatePerson(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  input: TPersonUpdateInput,
): Promise<Person> {
  const acting = requireActor(actor);
  if (!isUuid(id)) throw notFound();
  const data = parseOrThrow(ZPersonUpdateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(people).where(eq(people.id, id)).for("update");
      if (!before) throw notFound();
      const rows = await affiliationsWithChains(tx, id);
      const currentChains = rows.filter((row) => row.current).map((row) => row.chain);
      if (!policy.canUpdatePerson(acting, currentChains)) throw forbidden();
      assertVersion(before, data.version);
      const email =
        data.email === undefined ? before.email : (blankToNull(data.email)?.toLowerCase() ?? null);
      if (email) await assertEmailFree(tx, email, id);
      const after = await auditUpdated(
        tx,
        await tx
          .update(people)
          .set({
            name: data.name ?? before.name,
            title: data.title === undefined ? before.title : blankToNull(data.title),
            email,
            phone: data.phone === undefined ? before.phone : blankToNull(data.phone),
            ...nextVersion(before),
          })
          .where(eq(people.id, id))
          .returning(),
        {
          actor: acting,
          entityType: entity.person,
          before: toPerson(before, acting),
          label: (row) => row.name,
          record: (row) => toPerson(row, acting),
          missing: notFound,
        },
      );
      return toPerson(after, acting);
    }),
  );
}

/** Deletes a person with their affiliations. */
export async function deletePerson(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  options: TDeleteInput = {},
): Promise<void> {
  const acting = requireActor(actor);
  if (!isUuid(id)) throw notFound();
  const { version } = parseOrThrow(ZDeleteSchema, options);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const [row] = await tx.select().from(people).where(eq(people.id, id)).for("update");
      if (!row) throw notFound();
      const rows = await affiliationsWithChains(tx, id);
      const currentChains = rows.filter((r) => r.current).map((r) => r.chain);
      if (!policy.canDeletePerson(acting, currentChains)) throw forbidden();
      assertVersion(row, version);
      await tx.delete(people).where(eq(people.id, id));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.person,
        entityId: id,
        entityLabel: row.name,
        record: toPerson(row, acting),
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Affiliations

/** Affiliations of a person or of an organization (one of the two), current first. Public. */
export async function listAffiliations(
  db: DbOrTx,
  actor: Actor | null,
  filter: { personId?: string; organizationId?: string },
): Promise<Affiliation[]> {
  if (!policy.canReadDirectory(actor)) throw forbidden();
  const conditions: SQL[] = [];
  if (filter.personId !== undefined) {
    if (!isUuid(filter.personId)) return [];
    conditions.push(eq(affiliations.personId, filter.personId));
  }
  if (filter.organizationId !== undefined) {
    if (!isUuid(filter.organizationId)) return [];
    conditions.push(eq(affiliations.organizationId, filter.organizationId));
  }
  if (conditions.length === 0) throw new AppError("bad_request", "error.badRequest");
  const rows = await db
    .select()
    .from(affiliations)
    .where(and(...conditions))
    .orderBy(
      sql`${affiliations.endDate} IS NOT NULL`,
      desc(affiliations.startDate),
      asc(affiliations.id),
    );
  return rows.map(toAffiliation);
}

/** Affiliates a person to an organization (admins and editors of that organization). */
export async function addAffiliation(
  db: DbOrTx,
  actor: Actor | null,
  personId: string,
  input: TAffiliationCreateInput,
): Promise<Affiliation> {
  const acting = requireActor(actor);
  if (!isUuid(personId)) throw notFound();
  const data = parseOrThrow(ZAffiliationCreateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const [person] = await tx.select().from(people).where(eq(people.id, personId));
      if (!person) throw notFound();
      const chain = await organizationChain(tx, data.organizationId);
      if (chain.length === 0)
        throw invalid({ organizationId: ["directory.error.organizationNotFound"] });
      const personChains = (await affiliationsWithChains(tx, personId))
        .filter((row) => row.current)
        .map((row) => row.chain);
      if (!policy.canAddAffiliation(acting, chain, personChains)) throw forbidden();
      return insertAffiliation(tx, acting, person, data);
    }),
  );
}

/**
 * Which affiliations a change may reach: given a person (the one in the page's URL), an
 * affiliation of somebody else is not found.
 */
export type AffiliationScope = { personId?: string };

async function loadAffiliationForChange(
  tx: DbOrTx,
  actor: Actor,
  affiliationId: string,
  scope: AffiliationScope,
) {
  if (!isUuid(affiliationId)) throw notFound();
  const [row] = await tx
    .select()
    .from(affiliations)
    .where(eq(affiliations.id, affiliationId))
    .for("update");
  if (!row) throw notFound();
  if (scope.personId !== undefined && row.personId !== scope.personId) throw notFound();
  const chain = await organizationChain(tx, row.organizationId);
  if (!policy.canManageAffiliation(actor, chain)) throw forbidden();
  const [labels] = await tx
    .select({ person: people.name, organization: organizations.name })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, row.organizationId))
    .where(eq(people.id, row.personId));
  return { row, label: `${labels?.person ?? ""} – ${labels?.organization ?? ""}` };
}

/** Changes an affiliation's title or dates. */
export async function updateAffiliation(
  db: DbOrTx,
  actor: Actor | null,
  affiliationId: string,
  input: TAffiliationUpdateInput,
  scope: AffiliationScope = {},
): Promise<Affiliation> {
  const acting = requireActor(actor);
  const data = parseOrThrow(ZAffiliationUpdateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const { row: before, label } = await loadAffiliationForChange(
        tx,
        acting,
        affiliationId,
        scope,
      );
      const next = {
        title: data.title === undefined ? before.title : blankToNull(data.title),
        startDate: data.startDate === undefined ? before.startDate : blankToNull(data.startDate),
        endDate: data.endDate === undefined ? before.endDate : blankToNull(data.endDate),
      };
      if (next.startDate && next.endDate && next.endDate < next.startDate)
        throw invalid({ endDate: ["directory.error.endBeforeStart"] });
      const after = await auditUpdated(
        tx,
        await tx
          .update(affiliations)
          .set({ ...next, updatedAt: new Date() })
          .where(eq(affiliations.id, before.id))
          .returning(),
        {
          actor: acting,
          entityType: entity.affiliation,
          before: toAffiliation(before),
          label: () => label,
          record: toAffiliation,
          missing: notFound,
        },
      );
      return toAffiliation(after);
    }),
  );
}

/** Ends an affiliation on a date (today in Sweden when not given). */
export async function endAffiliation(
  db: DbOrTx,
  actor: Actor | null,
  affiliationId: string,
  endDate?: string,
  scope: AffiliationScope = {},
): Promise<Affiliation> {
  const date = endDate ?? today();
  const [current] = isUuid(affiliationId)
    ? await db.select().from(affiliations).where(eq(affiliations.id, affiliationId))
    : [];
  // An affiliation that starts later than the end date is ended on its start date.
  const effective = current?.startDate && current.startDate > date ? current.startDate : date;
  return updateAffiliation(db, actor, affiliationId, { endDate: effective }, scope);
}

/** Removes an affiliation entirely (a mistake, rather than a person leaving: use endAffiliation). */
export async function removeAffiliation(
  db: DbOrTx,
  actor: Actor | null,
  affiliationId: string,
  scope: AffiliationScope = {},
): Promise<void> {
  const acting = requireActor(actor);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const { row, label } = await loadAffiliationForChange(tx, acting, affiliationId, scope);
      await tx.delete(affiliations).where(eq(affiliations.id, row.id));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.affiliation,
        entityId: row.id,
        entityLabel: label,
        record: toAffiliation(row),
      });
    }),
  );
}

/** Finds organizations by exact organization number (digits) — used by the import. */
export async function findOrganizationsByNumber(
  db: DbOrTx,
  digits: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (digits.length === 0) return found;
  const rows = await db
    .select({ id: organizations.id, organizationNumber: organizations.organizationNumber })
    .from(organizations)
    .where(inArray(organizations.organizationNumber, [...digits]));
  for (const row of rows) if (row.organizationNumber) found.set(row.organizationNumber, row.id);
  return found;
}

/** Finds organizations by name, case-insensitively; names used by two organizations are ambiguous. */
export async function findOrganizationsByName(
  db: DbOrTx,
  names: readonly string[],
): Promise<Map<string, string | "ambiguous">> {
  const found = new Map<string, string | "ambiguous">();
  const lowered = [...new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean))];
  if (lowered.length === 0) return found;
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(sql`lower(${organizations.name})`, lowered));
  for (const row of rows) {
    const key = row.name.toLowerCase();
    found.set(key, found.has(key) ? "ambiguous" : row.id);
  }
  return found;
}
