import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.ts";
import { AppError } from "../errors.ts";
import { parseOrThrow } from "../validation.ts";
import type { Actor } from "../actor.ts";
import { diffRecords } from "./rules.ts";
import { auditEntries } from "./schema.ts";

type AuditInput = {
  actor: Actor | null;
  entityType: string;
  entityId: string;
  entityLabel?: string;
};

/** Call inside the transaction that made the change, so the trail and the change commit together. */
export async function auditCreate(tx: DbOrTx, input: AuditInput & { record: object }) {
  await insert(tx, input, "create", plain(input.record));
}

export async function auditUpdate(
  tx: DbOrTx,
  input: AuditInput & { before: object; after: object },
) {
  const changes = diffRecords(plain(input.before), plain(input.after));
  if (Object.keys(changes).length === 0) return;
  await insert(tx, input, "update", changes);
}

/** The one row an insert returned, with its creation written to the audit trail. */
export async function auditInserted<R extends { id: string }>(
  tx: DbOrTx,
  rows: R[],
  audit: {
    actor: Actor | null;
    entityType: string;
    label: (row: R) => string;
    record?: (row: R) => object;
  },
): Promise<R> {
  const [row] = rows;
  if (!row) throw new Error("insert returned nothing");
  await auditCreate(tx, {
    actor: audit.actor,
    entityType: audit.entityType,
    entityId: row.id,
    entityLabel: audit.label(row),
    record: audit.record ? audit.record(row) : row,
  });
  return row;
}

/**
 * The one row an update returned (else the `missing` error), with the change from `before`
 * written to the audit trail.
 */
export async function auditUpdated<R extends { id: string }>(
  tx: DbOrTx,
  rows: R[],
  audit: {
    actor: Actor | null;
    entityType: string;
    before: object;
    label: (after: R) => string;
    record?: (after: R) => object;
    missing: () => Error;
  },
): Promise<R> {
  const [after] = rows;
  if (!after) throw audit.missing();
  await auditUpdate(tx, {
    actor: audit.actor,
    entityType: audit.entityType,
    entityId: after.id,
    entityLabel: audit.label(after),
    before: audit.before,
    after: audit.record ? audit.record(after) : after,
  });
  return after;
}

export async function auditDelete(tx: DbOrTx, input: AuditInput & { record: object }) {
  await insert(tx, input, "delete", plain(input.record));
}

async function insert(
  tx: DbOrTx,
  input: AuditInput,
  action: "create" | "update" | "delete",
  changes: Record<string, unknown>,
) {
  await tx.insert(auditEntries).values({
    actorId: input.actor?.userId ?? null,
    actorLabel: input.actor ? input.actor.label : "system",
    action,
    entityType: input.entityType,
    entityId: input.entityId,
    entityLabel: input.entityLabel ?? "",
    changes,
  });
}

function plain(record: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "passwordHash" || key === "tokenHash") continue;
    result[key] = value instanceof Date ? value.toISOString() : value;
  }
  return result;
}

export const AuditFilterSchema = z.object({
  entityType: z.string().trim().max(100, "error.tooLong").optional(),
  entityId: z.string().trim().max(200, "error.tooLong").optional(),
  actorId: z.uuid("error.invalid").optional(),
  /** The id of the last entry of the previous page (keyset pagination, newest first). */
  cursor: z.uuid("error.invalid").optional(),
});

export type AuditFilter = z.infer<typeof AuditFilterSchema>;
export type AuditEntry = typeof auditEntries.$inferSelect;

function requirePlatformAdmin(actor: Actor | null): void {
  if (!actor) throw new AppError("unauthenticated", "error.unauthenticated");
  if (!actor.isPlatformAdmin) throw new AppError("forbidden", "error.forbidden");
}

/**
 * Platform admins read the whole trail, newest first, a page at a time. The cursor is the id of
 * the previous page's last entry; paging compares (at, id), so entries written in one transaction
 * (which share their `at`) are neither skipped nor repeated.
 */
export async function listAuditEntries(
  db: DbOrTx,
  actor: Actor | null,
  filter: AuditFilter = {},
  limit = 50,
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  requirePlatformAdmin(actor);
  const parsed = parseOrThrow(AuditFilterSchema, filter);
  const pageSize = Math.max(1, Math.min(200, Math.floor(limit)));
  const conditions: SQL[] = [];
  if (parsed.entityType) conditions.push(eq(auditEntries.entityType, parsed.entityType));
  if (parsed.entityId) conditions.push(eq(auditEntries.entityId, parsed.entityId));
  if (parsed.actorId) conditions.push(eq(auditEntries.actorId, parsed.actorId));
  if (parsed.cursor) {
    conditions.push(
      sql`(${auditEntries.at}, ${auditEntries.id}) < (select c.at, c.id from audit_entries c where c.id = ${parsed.cursor})`,
    );
  }
  const rows = await db
    .select()
    .from(auditEntries)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(pageSize + 1);
  const entries = rows.slice(0, pageSize);
  const nextCursor = rows.length > pageSize ? (entries.at(-1)?.id ?? null) : null;
  return { entries, nextCursor };
}

/** The entity types that occur in the trail, for the filter of the audit log page. */
export async function listAuditEntityTypes(db: DbOrTx, actor: Actor | null): Promise<string[]> {
  requirePlatformAdmin(actor);
  const rows = await db
    .selectDistinct({ entityType: auditEntries.entityType })
    .from(auditEntries)
    .orderBy(auditEntries.entityType);
  return rows.map((row) => row.entityType);
}
