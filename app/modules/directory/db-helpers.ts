import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { AppError } from "../../platform/errors.ts";

/** The rows of a raw query, on PGlite and node-postgres alike. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** PostgreSQL's error code and constraint of an error thrown through Drizzle, if any. */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === "string" ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return {};
}

/**
 * Turns the database's refusals that a user can act on into AppErrors: a unique number or email
 * taken meanwhile (the race the service's own check cannot close), a row still referenced.
 */
export async function withDbErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const { code, constraint } = pgErrorOf(error);
    if (code === "23505" && constraint === "organizations_organization_number_key") {
      throw new AppError("validation", "form.errorSummary", {
        organizationNumber: ["directory.error.duplicateOrgNumber"],
      });
    }
    if (code === "23505" && constraint === "people_email_key") {
      throw new AppError("validation", "form.errorSummary", {
        email: ["directory.error.duplicateEmail"],
      });
    }
    if (code === "23503") throw new AppError("conflict", "directory.error.inUse");
    if (code === "40001" || code === "40P01") throw new AppError("conflict", "error.conflict");
    throw error;
  }
}

/** `IN (…)` of values for raw queries. */
export function sqlList(values: readonly string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}
