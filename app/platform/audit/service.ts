import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { AppError } from "../errors.ts";
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

export type AuditFilter = { entityType?: string; entityId?: string; before?: Date };

/** Platform admins read the whole trail, newest first. */
export async function listAuditEntries(
  db: DbOrTx,
  actor: Actor | null,
  filter: AuditFilter,
  limit = 50,
) {
  if (!actor?.isPlatformAdmin) throw new AppError("forbidden", "error.forbidden");
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditEntries.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEntries.entityId, filter.entityId));
  if (filter.before) conditions.push(lt(auditEntries.at, filter.before));
  return db
    .select()
    .from(auditEntries)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(limit);
}
