// Audit entries the services write for rows they insert.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditCreate, auditUpdate } from "../../platform/audit/service.ts";

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
