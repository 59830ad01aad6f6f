import { linkPersonByProvenEmail } from "./person-link.ts";
import { isUuid } from "../../platform/ids.ts";
import { and, asc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { Locale } from "../../i18n/locales.ts";
import type { Actor, OrgRole } from "../../platform/actor.ts";
import {
  auditCreate,
  auditDelete,
  auditInserted,
  auditUpdate,
} from "../../platform/audit/service.ts";
import { AppError, requireActor, forbidden } from "../../platform/errors.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { organizations } from "../directory/schema.ts";
import { organizationChains, subtreeIds } from "../directory/service.ts";
import { actorOf } from "./actors.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { sendInvitationMail, sendResetMail } from "./mails.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import {
  administeredOrganizations,
  canInvite,
  canManageAccounts,
  canManageRolesIn,
  canOpenUserAdministration,
} from "./permissions.ts";
import { clearRateLimit, consumeRateLimit } from "./rate-limit.ts";
import {
  API_TOKEN_PREFIX,
  apiTokenPrefixOf,
  INVITATION_TTL_MS,
  LOGIN_LIMITS,
  normalizeEmail,
  oneTimeTokenStatus,
  passwordProblem,
  RESET_LIMITS,
  RESET_TTL_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from "./rules.ts";
import {
  ZApiTokenSchema,
  ZCreateUserSchema,
  ZInviteSchema,
  ZLoginSchema,
  ZOrganizationRoleSchema,
  ZProfileSchema,
  ZRemoveRoleSchema,
  ZResetRequestSchema,
  ZSetPasswordSchema,
  type TInvite,
} from "./schemas.ts";
import {
  apiTokens,
  externalIdentities,
  oneTimeTokens,
  organizationRoles,
  users,
  type UserRow,
} from "./schema.ts";
import { endAllSessionsOf, startSession, type NewSession } from "./sessions.ts";

const USER = "user";
const ROLE = "organization_role";
const API_TOKEN = "api_token";
const IDENTITY = "external_identity";

/** An organization and its ancestors (null when no organization is named). */
async function chainOf(db: DbOrTx, organizationId: string | null): Promise<string[] | null> {
  if (!organizationId) return null;
  return (await organizationChains(db, [organizationId])).get(organizationId) ?? [];
}

/** The organizations the actor administers and every organization inside them; null for all. */
async function administeredScope(db: DbOrTx, actor: Actor | null): Promise<Set<string> | null> {
  const roots = administeredOrganizations(actor);
  if (roots === null || roots.size === 0) return roots;
  return new Set(await subtreeIds(db, [...roots]));
}

function assertPasswordAcceptable(
  password: string,
  owners: readonly { email: string; name: string }[],
) {
  const problem = passwordProblem(
    password,
    owners.flatMap((owner) => [owner.email, owner.name]),
  );
  if (problem) throw new AppError("validation", "form.errorSummary", { password: [problem] });
}

/** What the audit log keeps of an account: never its password hash. */
function userRecord(user: UserRow) {
  return {
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    locale: user.locale,
    activatedAt: user.activatedAt,
    disabledAt: user.disabledAt,
  };
}

async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user;
}

async function findUser(db: DbOrTx, userId: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

// ——— Accounts for demo data and scripts ———

/** Creates an active account with a password (demo data, scripts). Password policy applies. */
export async function createUserWithPassword(
  db: Db,
  input: NewAccount & { password: string },
): Promise<{ id: string }> {
  const [user] = await createUsersWithPassword(db, input.password, [input]);
  return user!;
}

type NewAccount = {
  email: string;
  name: string;
  isPlatformAdmin?: boolean;
  locale?: Locale;
};

/**
 * Creates active accounts that share one password (the demo's accounts). The password must pass
 * the policy against every account's name and email; it is checked and hashed once.
 */
export async function createUsersWithPassword(
  db: Db,
  password: string,
  accounts: readonly NewAccount[],
): Promise<{ id: string }[]> {
  const parsed = accounts.map((account) => {
    const valid = parseOrThrow(ZCreateUserSchema, { ...account, password });
    return { ...valid, email: normalizeEmail(valid.email) };
  });
  assertPasswordAcceptable(password, parsed);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const created: { id: string }[] = [];
    for (const account of parsed) {
      if (await findUserByEmail(tx, account.email))
        throw new AppError("conflict", "identity.error.emailTaken", {
          email: ["identity.error.emailTaken"],
        });
      const user = await auditInserted(
        tx,
        await tx
          .insert(users)
          .values({
            email: account.email,
            name: account.name,
            passwordHash,
            isPlatformAdmin: account.isPlatformAdmin,
            locale: account.locale,
            activatedAt: new Date(),
          })
          .returning(),
        { actor: null, entityType: USER, label: () => account.email, record: userRecord },
      );
      created.push({ id: user.id });
    }
    return created;
  });
}

// ——— Login ———

export type LoginResult = NewSession & { userId: string };

/**
 * Email and password login. Rate-limited per email and per client address in the database; every
 * failure (unknown account, wrong password, disabled, not yet activated) gives the same message.
 * A successful login gets a new session id and ends the session the browser had before.
 */
export async function loginWithPassword(
  db: Db,
  input: unknown,
  context: { address: string; previousSessionId?: string | null; now?: Date },
): Promise<LoginResult> {
  const { email: rawEmail, password } = parseOrThrow(ZLoginSchema, input);
  const email = normalizeEmail(rawEmail);
  const now = context.now ?? new Date();
  const emailKey = `login:email:${email}`;
  const perEmail = await consumeRateLimit(db, emailKey, LOGIN_LIMITS.perEmail, now);
  const perAddress = await consumeRateLimit(
    db,
    `login:address:${context.address}`,
    LOGIN_LIMITS.perAddress,
    now,
  );
  if (!perEmail.allowed || !perAddress.allowed)
    throw new AppError("rate_limited", "error.rateLimited");

  const user = await findUserByEmail(db, email);
  const usable = user && !user.disabledAt && user.activatedAt;
  const valid = await verifyPassword(usable ? user.passwordHash : null, password);
  if (!usable || !valid) throw new AppError("unauthenticated", "identity.login.failed");

  await clearRateLimit(db, emailKey);
  const session = await startSession(db, user.id, {
    previousSessionId: context.previousSessionId,
    now,
  });
  return { ...session, userId: user.id };
}

/** Starts a session after a completed invitation, reset or e-ID login. */
export async function loginAs(
  db: Db,
  userId: string,
  context: { previousSessionId?: string | null; now?: Date },
): Promise<LoginResult> {
  const session = await startSession(db, userId, context);
  return { ...session, userId };
}

// ——— Invitations ———

export type InviteResult = { userId: string; status: "invited" | "reinvited" | "existing" };

/**
 * Invites a person by email: creates the account (without password) with an optional role in an
 * organization and mails a single-use, short-lived link. A pending invitation is sent anew (the
 * old link stops working); for an existing active account only the role is added.
 */
export async function inviteUser(
  db: Db,
  actor: Actor | null,
  input: TInvite | Record<string, unknown>,
  now = new Date(),
): Promise<InviteResult> {
  const inviter = requireActor(actor);
  const parsed = parseOrThrow(ZInviteSchema, input);
  if (!canInvite(inviter, await chainOf(db, parsed.organizationId ?? null))) throw forbidden();
  const email = normalizeEmail(parsed.email);

  return db.transaction(async (tx) => {
    if (parsed.organizationId) await requireOrganization(tx, parsed.organizationId);
    let user = await findUserByEmail(tx, email);
    let status: InviteResult["status"];
    if (!user) {
      user = await auditInserted(
        tx,
        await tx
          .insert(users)
          .values({ email, name: parsed.name, locale: parsed.locale })
          .returning(),
        { actor: inviter, entityType: USER, label: () => email, record: userRecord },
      );
      status = "invited";
    } else {
      status = user.activatedAt ? "existing" : "reinvited";
    }
    const invitee = user!;
    if (parsed.organizationId && parsed.role) {
      await putRole(tx, inviter, invitee, parsed.organizationId, parsed.role);
    }
    if (status !== "existing") {
      const token = await issueOneTimeToken(tx, invitee, "invite", now, INVITATION_TTL_MS);
      const [inviterRow] = await tx.select().from(users).where(eq(users.id, inviter.userId));
      await sendInvitationMail(tx, {
        to: invitee.email,
        name: invitee.name,
        locale: invitee.locale,
        inviterName: inviterRow?.name ?? inviter.label,
        token,
      });
    }
    return { userId: invitee.id, status };
  });
}

async function requireOrganization(db: DbOrTx, organizationId: string) {
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization)
    throw new AppError("validation", "form.errorSummary", { organizationId: ["error.notFound"] });
  return organization;
}

/** A new single-use token of a kind; earlier unused ones of that kind stop working. */
async function issueOneTimeToken(
  tx: DbOrTx,
  user: UserRow,
  kind: "invite" | "reset",
  now: Date,
  ttlMs: number,
): Promise<string> {
  await tx
    .delete(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.userId, user.id),
        eq(oneTimeTokens.kind, kind),
        isNull(oneTimeTokens.usedAt),
      ),
    );
  const token = randomToken(32);
  await tx.insert(oneTimeTokens).values({
    tokenHash: sha256(token),
    kind,
    userId: user.id,
    email: user.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return token;
}

async function findOneTimeToken(db: DbOrTx, token: string, kind: "invite" | "reset") {
  if (!token || token.length > 100) return undefined;
  return findOneTimeTokenByHash(db, sha256(token), kind);
}

async function findOneTimeTokenByHash(db: DbOrTx, tokenHash: string, kind: "invite" | "reset") {
  const [row] = await db
    .select({ token: oneTimeTokens, user: users })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.kind, kind)));
  return row;
}

export type TokenView =
  { status: "valid"; email: string; name: string } | { status: "invalid" | "used" | "expired" };

/** What an invitation or reset page shows for its token (reads only; GET changes nothing). */
export async function inspectOneTimeToken(
  db: DbOrTx,
  token: string,
  kind: "invite" | "reset",
  now = new Date(),
): Promise<TokenView> {
  const row = await findOneTimeToken(db, token, kind);
  if (!row || row.user.disabledAt) return { status: "invalid" };
  const status = oneTimeTokenStatus(row.token, now);
  if (status !== "valid") return { status };
  return { status, email: row.user.email, name: row.user.name };
}

/**
 * Uses up a token: marks it used in the same statement that checks it is unused and unexpired, so
 * two concurrent uses cannot both succeed. Returns the account, or throws a token error.
 */
export async function consumeOneTimeToken(
  tx: DbOrTx,
  token: string,
  kind: "invite" | "reset",
  now: Date,
): Promise<UserRow> {
  if (!token || token.length > 100) throw new AppError("not_found", "identity.token.invalid");
  return consumeOneTimeTokenByHash(tx, sha256(token), kind, now);
}

export async function consumeOneTimeTokenByHash(
  tx: DbOrTx,
  tokenHash: string,
  kind: "invite" | "reset",
  now: Date,
): Promise<UserRow> {
  const row = await findOneTimeTokenByHash(tx, tokenHash, kind);
  if (!row || row.user.disabledAt) throw new AppError("not_found", "identity.token.invalid");
  const status = oneTimeTokenStatus(row.token, now);
  if (status !== "valid")
    throw new AppError(
      "not_found",
      status === "used" ? "identity.token.used" : "identity.token.expired",
    );
  const claimed = await tx
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.id, row.token.id), isNull(oneTimeTokens.usedAt)))
    .returning({ id: oneTimeTokens.id });
  if (claimed.length === 0) throw new AppError("not_found", "identity.token.used");
  return row.user;
}

async function setPasswordWithToken(
  db: Db,
  kind: "invite" | "reset",
  token: string,
  input: unknown,
  now: Date,
): Promise<string> {
  const preview = await inspectOneTimeToken(db, token, kind, now);
  if (preview.status !== "valid")
    throw new AppError("not_found", `identity.token.${preview.status}`);
  const { password } = parseOrThrow(ZSetPasswordSchema, input);
  assertPasswordAcceptable(password, [preview]);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await consumeOneTimeToken(tx, token, kind, now);
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, activatedAt: user.activatedAt ?? now })
      .where(eq(users.id, user.id))
      .returning();
    if (kind === "invite") await linkPersonByProvenEmail(tx, user);
    // A new password ends every session the account had (someone else may hold one).
    await endAllSessionsOf(tx, user.id);
    await auditUpdate(tx, {
      actor: null,
      entityType: USER,
      entityId: user.id,
      entityLabel: user.email,
      before: { ...userRecord(user), password: "(old)" },
      after: { ...userRecord(updated!), password: "(changed)" },
    });
    return user.id;
  });
}

/** The invitee sets a password through the invitation link; the link is then used up. */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: unknown,
  now = new Date(),
): Promise<{ userId: string }> {
  return { userId: await setPasswordWithToken(db, "invite", token, input, now) };
}

// ——— Password reset ———

/**
 * Mails a reset link if the address belongs to an active account. Answers the same whether or not
 * it does (no account enumeration); silently does nothing over the rate limit.
 */
export async function requestPasswordReset(
  db: Db,
  input: unknown,
  context: { address: string; now?: Date },
): Promise<void> {
  const { email: rawEmail } = parseOrThrow(ZResetRequestSchema, input);
  const email = normalizeEmail(rawEmail);
  const now = context.now ?? new Date();
  const perEmail = await consumeRateLimit(db, `reset:email:${email}`, RESET_LIMITS.perEmail, now);
  const perAddress = await consumeRateLimit(
    db,
    `reset:address:${context.address}`,
    RESET_LIMITS.perAddress,
    now,
  );
  if (!perEmail.allowed || !perAddress.allowed) return;
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt || !user.activatedAt) return;
  await db.transaction(async (tx) => {
    const token = await issueOneTimeToken(tx, user, "reset", now, RESET_TTL_MS);
    await sendResetMail(tx, { to: user.email, name: user.name, locale: user.locale, token });
  });
}

export async function resetPassword(
  db: Db,
  token: string,
  input: unknown,
  now = new Date(),
): Promise<{ userId: string }> {
  return { userId: await setPasswordWithToken(db, "reset", token, input, now) };
}

// ——— Own account ———

export async function getAccount(db: DbOrTx, actor: Actor | null) {
  const me = requireActor(actor);
  const user = await findUser(db, me.userId);
  if (!user) throw new AppError("unauthenticated", "error.unauthenticated");
  const identities = await db
    .select({
      id: externalIdentities.id,
      issuer: externalIdentities.issuer,
      label: externalIdentities.label,
      createdAt: externalIdentities.createdAt,
      lastLoginAt: externalIdentities.lastLoginAt,
    })
    .from(externalIdentities)
    .where(eq(externalIdentities.userId, me.userId))
    .orderBy(asc(externalIdentities.createdAt));
  const tokens = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, me.userId))
    .orderBy(asc(apiTokens.createdAt));
  const roles = await db
    .select({
      organizationId: organizationRoles.organizationId,
      organizationName: organizations.name,
      role: organizationRoles.role,
    })
    .from(organizationRoles)
    .innerJoin(organizations, eq(organizations.id, organizationRoles.organizationId))
    .where(eq(organizationRoles.userId, me.userId))
    .orderBy(asc(organizations.name));
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      isPlatformAdmin: user.isPlatformAdmin,
      hasPassword: Boolean(user.passwordHash),
    },
    identities,
    tokens,
    roles,
  };
}

export async function updateProfile(db: Db, actor: Actor | null, input: unknown) {
  const me = requireActor(actor);
  const parsed = parseOrThrow(ZProfileSchema, input);
  await db.transaction(async (tx) => {
    const before = await findUser(tx, me.userId);
    if (!before) throw new AppError("unauthenticated", "error.unauthenticated");
    const [after] = await tx
      .update(users)
      .set({ name: parsed.name, locale: parsed.locale })
      .where(eq(users.id, me.userId))
      .returning();
    await auditUpdate(tx, {
      actor: me,
      entityType: USER,
      entityId: me.userId,
      entityLabel: before.email,
      before: userRecord(before),
      after: userRecord(after!),
    });
  });
}

/** Removes a linked e-ID, unless it is the account's only way to log in. */
export async function unlinkIdentity(db: Db, actor: Actor | null, identityId: string) {
  if (!isUuid(identityId)) throw new AppError("not_found", "error.notFound");
  const me = requireActor(actor);
  await db.transaction(async (tx) => {
    const [identity] = await tx
      .select()
      .from(externalIdentities)
      .where(and(eq(externalIdentities.id, identityId), eq(externalIdentities.userId, me.userId)));
    if (!identity) throw new AppError("not_found", "error.notFound");
    const user = await findUser(tx, me.userId);
    const [{ count } = { count: 0 }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(externalIdentities)
      .where(eq(externalIdentities.userId, me.userId));
    if (!user?.passwordHash && count <= 1)
      throw new AppError("conflict", "identity.account.lastLoginMethod");
    await tx.delete(externalIdentities).where(eq(externalIdentities.id, identity.id));
    await auditDelete(tx, {
      actor: me,
      entityType: IDENTITY,
      entityId: identity.id,
      entityLabel: identity.label || identity.subject,
      record: { issuer: identity.issuer, subject: identity.subject, userId: identity.userId },
    });
  });
}

// ——— API tokens ———

/** Creates a personal API token; the token itself is returned this once and never stored. */
export async function createApiToken(
  db: Db,
  actor: Actor | null,
  input: unknown,
): Promise<{ id: string; token: string }> {
  const me = requireActor(actor);
  if (me.via !== "session") throw forbidden();
  const { name } = parseOrThrow(ZApiTokenSchema, input);
  const token = API_TOKEN_PREFIX + randomToken(32);
  return db.transaction(async (tx) => {
    const row = await auditInserted(
      tx,
      await tx
        .insert(apiTokens)
        .values({
          userId: me.userId,
          name,
          tokenHash: sha256(token),
          prefix: apiTokenPrefixOf(token),
        })
        .returning(),
      {
        actor: me,
        entityType: API_TOKEN,
        label: () => name,
        record: (created) => ({ name, prefix: created.prefix, userId: me.userId }),
      },
    );
    return { id: row.id, token };
  });
}

export async function revokeApiToken(db: Db, actor: Actor | null, tokenId: string) {
  if (!isUuid(tokenId)) throw new AppError("not_found", "error.notFound");
  const me = requireActor(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    if (!row || row.userId !== me.userId) throw new AppError("not_found", "error.notFound");
    if (row.revokedAt) return;
    const [after] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, tokenId))
      .returning();
    await auditUpdate(tx, {
      actor: me,
      entityType: API_TOKEN,
      entityId: row.id,
      entityLabel: row.name,
      before: { revokedAt: row.revokedAt },
      after: { revokedAt: after!.revokedAt },
    });
  });
}

/** The Actor behind a personal API token, or null (unknown, revoked, or account disabled). */
export async function authenticateApiToken(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sha256(token)));
  if (!row || row.token.revokedAt || row.user.disabledAt || !row.user.activatedAt) return null;
  const lastUsed = row.token.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - lastUsed >= SESSION_TOUCH_INTERVAL_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return actorOf(db, row.user, "token");
}

// ——— User administration ———

export type UserListEntry = {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  status: "active" | "invited" | "disabled";
  roles: { organizationId: string; organizationName: string; role: OrgRole }[];
};

/**
 * Accounts the actor administers: every account for platform admins, the accounts holding a role
 * in their organizations for organization admins.
 */
export async function listUsers(
  db: DbOrTx,
  actor: Actor | null,
  filter: { q?: string; userId?: string } = {},
): Promise<UserListEntry[]> {
  if (!canOpenUserAdministration(actor)) throw forbidden();
  if (filter.userId !== undefined && !isUuid(filter.userId)) return [];
  const scope = await administeredScope(db, actor);
  const conditions = [];
  if (filter.userId) conditions.push(eq(users.id, filter.userId));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.name, pattern)));
  }
  if (scope !== null) {
    const ids = [...scope];
    conditions.push(
      inArray(
        users.id,
        db
          .select({ id: organizationRoles.userId })
          .from(organizationRoles)
          .where(inArray(organizationRoles.organizationId, ids)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(users)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.name), asc(users.email))
    .limit(500);
  const roleRows = rows.length
    ? await db
        .select({
          userId: organizationRoles.userId,
          organizationId: organizationRoles.organizationId,
          organizationName: organizations.name,
          role: organizationRoles.role,
        })
        .from(organizationRoles)
        .innerJoin(organizations, eq(organizations.id, organizationRoles.organizationId))
        .where(
          inArray(
            organizationRoles.userId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(asc(organizations.name))
    : [];
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    isPlatformAdmin: row.isPlatformAdmin,
    status: row.disabledAt ? "disabled" : row.activatedAt ? "active" : "invited",
    roles: roleRows
      .filter((role) => role.userId === row.id)
      .filter((role) => scope === null || scope.has(role.organizationId))
      .map(({ organizationId, organizationName, role }) => ({
        organizationId,
        organizationName,
        role,
      })),
  }));
}

/** Organizations the actor may give roles in (for the invitation and role forms). */
export async function listAssignableOrganizations(db: DbOrTx, actor: Actor | null) {
  if (!canOpenUserAdministration(actor)) throw forbidden();
  const scope = await administeredScope(db, actor);
  if (scope !== null && scope.size === 0) return [];
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(scope === null ? undefined : inArray(organizations.id, [...scope]))
    .orderBy(asc(organizations.name));
}

async function putRole(
  tx: DbOrTx,
  actor: Actor | null,
  user: UserRow,
  organizationId: string,
  role: OrgRole,
) {
  const organization = await requireOrganization(tx, organizationId);
  const [existing] = await tx
    .select()
    .from(organizationRoles)
    .where(
      and(
        eq(organizationRoles.userId, user.id),
        eq(organizationRoles.organizationId, organizationId),
      ),
    );
  const entityId = `${user.id}:${organizationId}`;
  const entityLabel = `${user.email} @ ${organization.name}`;
  if (existing) {
    if (existing.role === role) return;
    await tx
      .update(organizationRoles)
      .set({ role })
      .where(
        and(
          eq(organizationRoles.userId, user.id),
          eq(organizationRoles.organizationId, organizationId),
        ),
      );
    await auditUpdate(tx, {
      actor,
      entityType: ROLE,
      entityId,
      entityLabel,
      before: { role: existing.role },
      after: { role },
    });
    return;
  }
  await tx.insert(organizationRoles).values({ userId: user.id, organizationId, role });
  await auditCreate(tx, {
    actor,
    entityType: ROLE,
    entityId,
    entityLabel,
    record: { userId: user.id, organizationId, role },
  });
}

export async function setOrganizationRole(db: Db, actor: Actor | null, input: unknown) {
  const me = requireActor(actor);
  const parsed = parseOrThrow(ZOrganizationRoleSchema, input);
  if (!canManageRolesIn(me, (await chainOf(db, parsed.organizationId)) ?? [])) throw forbidden();
  await db.transaction(async (tx) => {
    const user = await findUser(tx, parsed.userId);
    if (!user) throw new AppError("not_found", "error.notFound");
    await putRole(tx, me, user, parsed.organizationId, parsed.role);
  });
}

export async function removeOrganizationRole(db: Db, actor: Actor | null, input: unknown) {
  const me = requireActor(actor);
  const parsed = parseOrThrow(ZRemoveRoleSchema, input);
  if (!canManageRolesIn(me, (await chainOf(db, parsed.organizationId)) ?? [])) throw forbidden();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ role: organizationRoles, email: users.email, organizationName: organizations.name })
      .from(organizationRoles)
      .innerJoin(users, eq(users.id, organizationRoles.userId))
      .innerJoin(organizations, eq(organizations.id, organizationRoles.organizationId))
      .where(
        and(
          eq(organizationRoles.userId, parsed.userId),
          eq(organizationRoles.organizationId, parsed.organizationId),
        ),
      );
    if (!row) throw new AppError("not_found", "error.notFound");
    await tx
      .delete(organizationRoles)
      .where(
        and(
          eq(organizationRoles.userId, parsed.userId),
          eq(organizationRoles.organizationId, parsed.organizationId),
        ),
      );
    await auditDelete(tx, {
      actor: me,
      entityType: ROLE,
      entityId: `${parsed.userId}:${parsed.organizationId}`,
      entityLabel: `${row.email} @ ${row.organizationName}`,
      record: { userId: parsed.userId, organizationId: parsed.organizationId, role: row.role.role },
    });
  });
}

/** Disables or re-enables an account (platform admins); disabling ends its sessions at once. */
export async function setUserDisabled(
  db: Db,
  actor: Actor | null,
  input: { userId: string; disabled: boolean },
) {
  const me = requireActor(actor);
  if (!canManageAccounts(me)) throw forbidden();
  if (!isUuid(input.userId)) throw new AppError("not_found", "error.notFound");
  if (input.userId === me.userId) throw new AppError("conflict", "identity.admin.notYourself");
  await db.transaction(async (tx) => {
    const before = await findUser(tx, input.userId);
    if (!before) throw new AppError("not_found", "error.notFound");
    if (Boolean(before.disabledAt) === input.disabled) return;
    const [after] = await tx
      .update(users)
      .set({ disabledAt: input.disabled ? new Date() : null })
      .where(eq(users.id, input.userId))
      .returning();
    if (input.disabled) await endAllSessionsOf(tx, input.userId);
    await auditUpdate(tx, {
      actor: me,
      entityType: USER,
      entityId: before.id,
      entityLabel: before.email,
      before: userRecord(before),
      after: userRecord(after!),
    });
  });
}

/** One account for the administration page, with the roles the actor may see and change. */
export async function getUserForAdministration(db: DbOrTx, actor: Actor | null, userId: string) {
  if (!isUuid(userId)) throw new AppError("not_found", "error.notFound");
  if (!canOpenUserAdministration(actor)) throw forbidden();
  const [entry] = await listUsers(db, actor, { userId });
  if (!entry) throw new AppError("not_found", "error.notFound");
  return {
    user: entry,
    organizations: await listAssignableOrganizations(db, actor),
    canManageAccount: canManageAccounts(actor) && actor?.userId !== userId,
  };
}

/** Gives a role without a permission check, audited as "system": for demo data and scripts. */
export async function grantOrganizationRole(
  db: Db,
  input: { userId: string; organizationId: string; role: OrgRole },
) {
  await db.transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    if (!user) throw new AppError("not_found", "error.notFound");
    await putRole(tx, null, user, input.organizationId, input.role);
  });
}
