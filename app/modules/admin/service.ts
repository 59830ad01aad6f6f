import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import {
  listAuditEntityTypes,
  listAuditEntries,
  type AuditFilter,
} from "../../platform/audit/service.ts";
import { AppError } from "../../platform/errors.ts";
import { jobQueueSummary } from "../../platform/jobs/service.ts";

/** The administration area is for platform admins. */
export function requirePlatformAdmin(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError("unauthenticated", "error.unauthenticated");
  if (!actor.isPlatformAdmin) throw new AppError("forbidden", "error.forbidden");
}

/** What the /admin landing page shows: the state of the job queue. */
export async function adminOverview(db: DbOrTx, actor: Actor | null) {
  requirePlatformAdmin(actor);
  return { jobs: await jobQueueSummary(db) };
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log with the entity types to filter by. */
export async function auditLogPage(db: DbOrTx, actor: Actor | null, filter: AuditFilter) {
  requirePlatformAdmin(actor);
  const [page, entityTypes] = await Promise.all([
    listAuditEntries(db, actor, filter, AUDIT_PAGE_SIZE),
    listAuditEntityTypes(db, actor),
  ]);
  return { ...page, entityTypes };
}
