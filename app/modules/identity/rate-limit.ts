import { eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { RateLimit } from "./rules.ts";
import { rateLimits } from "./schema.ts";

/**
 * Counts one attempt under `key` in a fixed window kept in the database (so every app instance
 * shares it) and tells whether the attempt is within the limit. One atomic upsert: no race.
 */
export async function consumeRateLimit(
  db: DbOrTx,
  key: string,
  rule: RateLimit,
  now = new Date(),
): Promise<{ allowed: boolean; count: number }> {
  const windowOpen = new Date(now.getTime() - rule.windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${windowOpen} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${windowOpen} then ${now} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  return { allowed: count <= rule.limit, count };
}

export async function clearRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Drops counters whose window ended long ago (called by clean-up). */
export async function pruneRateLimits(db: DbOrTx, olderThan: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, olderThan));
}
