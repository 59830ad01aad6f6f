import { and, isNotNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { pruneRateLimits } from "./rate-limit.ts";
import { oidcFlows, oneTimeTokens } from "./schema.ts";
import { pruneSessions } from "./sessions.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention clean-up of identity's short-lived rows: ended sessions, old rate-limit windows,
 * abandoned OpenID Connect flows, and one-time tokens a week after they were used or expired.
 * Safe to run from several instances at once; meant for a periodic job.
 */
export async function pruneIdentityData(db: DbOrTx, now = new Date()): Promise<void> {
  await pruneSessions(db, now);
  await pruneRateLimits(db, new Date(now.getTime() - DAY_MS));
  await db.delete(oidcFlows).where(lt(oidcFlows.expiresAt, now));
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  await db
    .delete(oneTimeTokens)
    .where(
      or(
        lt(oneTimeTokens.expiresAt, weekAgo),
        and(isNotNull(oneTimeTokens.usedAt), lt(oneTimeTokens.usedAt, weekAgo)),
      ),
    );
}
