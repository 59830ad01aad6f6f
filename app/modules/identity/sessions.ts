import { eq, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { config } from "../../platform/config.ts";
import { actorOf } from "./actors.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { sessionExpiresAt, sessionStatus, shouldTouchSession } from "./rules.ts";
import { sessions, users } from "./schema.ts";

export type SessionTimeouts = { idleMinutes: number; absoluteHours: number };

export function configuredTimeouts(): SessionTimeouts {
  const cfg = config();
  return { idleMinutes: cfg.SESSION_IDLE_MINUTES, absoluteHours: cfg.SESSION_ABSOLUTE_HOURS };
}

export type NewSession = { sessionId: string; csrfToken: string; expiresAt: Date };

/**
 * Starts a session for an account: a fresh random id (only its hash is stored). The session the
 * browser had before, if any, is deleted, so a planted or old id never becomes a logged-in one.
 */
export async function startSession(
  db: DbOrTx,
  userId: string,
  options: { previousSessionId?: string | null; now?: Date; timeouts?: SessionTimeouts } = {},
): Promise<NewSession> {
  const now = options.now ?? new Date();
  const timeouts = options.timeouts ?? configuredTimeouts();
  if (options.previousSessionId) await endSession(db, options.previousSessionId);
  const sessionId = randomToken(32);
  const csrfToken = randomToken(32);
  const expiresAt = sessionExpiresAt(now, timeouts.absoluteHours);
  await db.insert(sessions).values({
    idHash: sha256(sessionId),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    csrfToken,
  });
  return { sessionId, csrfToken, expiresAt };
}

export type ResolvedSession = {
  actor: Actor;
  csrfToken: string;
  locale: string;
  expiresAt: Date;
};

/**
 * The live session behind a cookie's session id, or null. An idle or expired session, or one of a
 * disabled account, is deleted on sight.
 */
export async function resolveSession(
  db: DbOrTx,
  sessionId: string,
  options: { now?: Date; timeouts?: SessionTimeouts } = {},
): Promise<ResolvedSession | null> {
  if (sessionId.length < 20 || sessionId.length > 100) return null;
  const now = options.now ?? new Date();
  const timeouts = options.timeouts ?? configuredTimeouts();
  const idHash = sha256(sessionId);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  if (!row) return null;
  const status = sessionStatus(row.session, now, timeouts.idleMinutes);
  if (status !== "active" || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (shouldTouchSession(row.session.lastSeenAt, now)) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return {
    actor: await actorOf(db, row.user, "session"),
    csrfToken: row.session.csrfToken,
    locale: row.user.locale,
    expiresAt: row.session.expiresAt,
  };
}

/** Logout: the session row is gone, so the cookie is worthless even if it was copied. */
export async function endSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, sha256(sessionId)));
}

export async function endAllSessionsOf(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Clean-up: drops sessions past their absolute or idle end. */
export async function pruneSessions(
  db: DbOrTx,
  now = new Date(),
  timeouts: SessionTimeouts = configuredTimeouts(),
): Promise<void> {
  const idleSince = new Date(now.getTime() - timeouts.idleMinutes * 60 * 1000);
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince)));
}
