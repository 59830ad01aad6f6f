// One set of builders for test data, reference data (app/db/seed.ts) and demo data
// (app/db/demo.ts). Inputs are valid by construction; overrides change what a test cares about.
import crypto from "node:crypto";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor, OrgRole } from "../../platform/actor.ts";
import { auditCreate } from "../../platform/audit/service.ts";
import { defaultTimeZone, luhnCheckDigit, norwegianCheckDigit } from "./rules.ts";
import {
  affiliations,
  organizations,
  people,
  type Country,
  type OrganizationKind,
  type OrganizationRow,
  type PersonRow,
} from "./schema.ts";
import type { TOrganizationCreateInput, TPersonCreateInput } from "./schemas.ts";

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** A valid Swedish organization number (a limited company's 556 series) from a counter. */
export function swedishOrgNumber(n: number = next()): string {
  const body = `556${String(n % 1_000_000).padStart(6, "0")}`;
  return `${body.slice(0, 6)}-${body.slice(6)}${luhnCheckDigit(body)}`;
}

/** A valid Norwegian organization number from a counter (skipping the numbers mod 11 forbids). */
export function norwegianOrgNumber(n: number = next()): string {
  for (let candidate = n; ; candidate++) {
    const body = `9${String(candidate % 10_000_000).padStart(7, "0")}`;
    const check = norwegianCheckDigit(body);
    if (check !== null) return `${body}${check}`;
  }
}

/** Input for createOrganization: a Swedish municipality with a fresh number unless overridden. */
export function organizationInput(
  overrides: Partial<TOrganizationCreateInput> = {},
): TOrganizationCreateInput {
  const n = next();
  const country = overrides.country ?? "SE";
  return {
    name: `Testorganisation ${n}`,
    kind: "municipality",
    country,
    organizationNumber: country === "SE" ? swedishOrgNumber(n) : norwegianOrgNumber(n),
    ...overrides,
  };
}

export function personInput(overrides: Partial<TPersonCreateInput> = {}): TPersonCreateInput {
  const n = next();
  return {
    name: `Testperson ${n}`,
    title: "Utvecklingsledare",
    email: `person${n}-${crypto.randomBytes(3).toString("hex")}@example.se`,
    ...overrides,
  };
}

/** An actor for tests: roles by organization id. */
export function actorFor(
  options: {
    isPlatformAdmin?: boolean;
    roles?: Record<string, OrgRole>;
    label?: string;
    personId?: string;
  } = {},
): Actor {
  const userId = crypto.randomUUID();
  return {
    userId,
    label: options.label ?? `user-${userId.slice(0, 8)}@example.se`,
    isPlatformAdmin: options.isPlatformAdmin ?? false,
    personId: options.personId ?? null,
    orgRoles: new Map(Object.entries(options.roles ?? {})),
    via: "session",
  };
}

export type OrganizationValues = {
  name: string;
  kind: OrganizationKind;
  country: Country;
  parentId?: string | null;
  /** Digits only. */
  organizationNumber?: string | null;
  hsaId?: string | null;
  website?: string | null;
  referenceKey?: string | null;
};

/**
 * Writes an organization directly (no permission check), with an audit entry by the given actor
 * or by "system". For seed and demo data, whose values are trusted.
 */
export async function insertOrganization(
  db: DbOrTx,
  values: OrganizationValues,
  actor: Actor | null = null,
): Promise<OrganizationRow> {
  const [row] = await db
    .insert(organizations)
    .values({ ...values, timeZone: defaultTimeZone(values.country) })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await auditCreate(db, {
    actor,
    entityType: "organization",
    entityId: row.id,
    entityLabel: row.name,
    record: row,
  });
  return row;
}

/** Writes a person directly, with their affiliations (see insertOrganization). */
export async function insertPerson(
  db: DbOrTx,
  values: {
    name: string;
    title?: string | null;
    email?: string | null;
    phone?: string | null;
    affiliations?: {
      organizationId: string;
      title?: string | null;
      startDate?: string | null;
      endDate?: string | null;
    }[];
  },
  actor: Actor | null = null,
): Promise<PersonRow> {
  const { affiliations: memberships = [], ...personValues } = values;
  const [row] = await db
    .insert(people)
    .values({ ...personValues, email: personValues.email?.toLowerCase() ?? null })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await auditCreate(db, {
    actor,
    entityType: "person",
    entityId: row.id,
    entityLabel: row.name,
    record: row,
  });
  for (const membership of memberships) {
    const [affiliation] = await db
      .insert(affiliations)
      .values({ ...membership, personId: row.id })
      .returning();
    if (!affiliation) throw new Error("insert returned nothing");
    await auditCreate(db, {
      actor,
      entityType: "affiliation",
      entityId: affiliation.id,
      entityLabel: row.name,
      record: affiliation,
    });
  }
  return row;
}
