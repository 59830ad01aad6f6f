/** Pure presentation rules of the audit log: no I/O. */

export type ChangeLine = {
  field: string;
  /** Display text of the value before, null when there was none. */
  before: string | null;
  after: string | null;
};

const MAX_VALUE_LENGTH = 200;

/** A stored value as short display text; null and empty strings are "no value". */
export function formatAuditValue(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean") text = String(value);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function isPair(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2;
}

/**
 * The lines "field: before → after" of an audit entry. Updates store { field: [before, after] };
 * creates store the new record (nothing before), deletes the removed one (nothing after).
 * Fields without a value on either side are left out.
 */
export function describeChanges(
  action: "create" | "update" | "delete",
  changes: Record<string, unknown>,
): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const [field, value] of Object.entries(changes)) {
    let line: ChangeLine;
    if (action === "update") {
      line = isPair(value)
        ? { field, before: formatAuditValue(value[0]), after: formatAuditValue(value[1]) }
        : { field, before: null, after: formatAuditValue(value) };
    } else if (action === "create") {
      line = { field, before: null, after: formatAuditValue(value) };
    } else {
      line = { field, before: formatAuditValue(value), after: null };
    }
    if (line.before !== null || line.after !== null) lines.push(line);
  }
  return lines;
}

/**
 * Where a record of an entity type is shown, when a page for it exists. Modules with pages for
 * their records add them here.
 */
const entityRoutes = new Map<string, (id: string) => string>([
  ["organization", (id) => `/organizations/${encodeURIComponent(id)}`],
  ["person", (id) => `/people/${encodeURIComponent(id)}`],
  ["user", (id) => `/admin/users/${encodeURIComponent(id)}`],
]);

export function entityHref(entityType: string, entityId: string): string | null {
  const route = entityRoutes.get(entityType);
  return route && entityId !== "" ? route(entityId) : null;
}

/** The catalog key naming an entity type; types without a name are shown as stored. */
export function entityTypeKey(entityType: string): string {
  return `admin.entity.${entityType}`;
}

/** The audit page's address for a filter and cursor; empty values are left out. */
export function auditPageHref(filter: {
  entityType?: string;
  entityId?: string;
  cursor?: string;
}): string {
  const params = new URLSearchParams();
  for (const key of ["entityType", "entityId", "cursor"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}
