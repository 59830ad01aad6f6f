import { linkPersonByProvenEmail } from "./person-link.ts";
import { and, eq, lt } from "drizzle-orm";
import * as client from "openid-client";
import type { Db, DbOrTx } from "../../db/client.ts";
import { auditCreate, auditUpdate } from "../../platform/audit/service.ts";
import { config } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { safeLocalPath } from "../../platform/redirects.ts";
import { actorOf } from "./actors.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { OIDC_FLOW_TTL_MS } from "./rules.ts";
import { externalIdentities, oidcFlows, users } from "./schema.ts";
import { consumeOneTimeTokenByHash, inspectOneTimeToken } from "./service.ts";

/** An OpenID Connect provider as configured (OIDC_* variables), or given by a test. */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  /** Where the provider sends the browser back: BASE_URL + /auth/oidc/callback. */
  redirectUri: string;
  /** What the login button calls it ("BankID", "Freja eID", "e-legitimation"). */
  name: string;
};

export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
/** The short-lived cookie that ties the browser to its flow row. */
export const OIDC_FLOW_COOKIE = "oidc";

/** The configured provider, or null when OIDC_ISSUER and OIDC_CLIENT_ID are not both set. */
export function configuredOidc(): OidcSettings | null {
  const cfg = config();
  if (!cfg.OIDC_ISSUER || !cfg.OIDC_CLIENT_ID) return null;
  return {
    issuer: cfg.OIDC_ISSUER,
    clientId: cfg.OIDC_CLIENT_ID,
    clientSecret: cfg.OIDC_CLIENT_SECRET || undefined,
    scopes: cfg.OIDC_SCOPES,
    redirectUri: new URL(OIDC_CALLBACK_PATH, cfg.BASE_URL).toString(),
    name: cfg.OIDC_NAME,
  };
}

const discovered = new Map<string, Promise<client.Configuration>>();

/** Discovers the provider's metadata once per process (and again after a failure). */
function clientConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\u0000${settings.clientId}`;
  let pending = discovered.get(key);
  if (!pending) {
    pending = discover(settings);
    discovered.set(key, pending);
    pending.catch(() => discovered.delete(key));
  }
  return pending;
}

async function discover(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  // Plain http only for a provider on this machine (development and tests).
  const execute = issuer.protocol === "http:" ? [client.allowInsecureRequests] : [];
  const probe = await client.discovery(issuer, settings.clientId, undefined, client.None(), {
    execute,
  });
  if (!settings.clientSecret) return probe;
  const methods = probe.serverMetadata().token_endpoint_auth_methods_supported;
  const auth =
    !methods || methods.includes("client_secret_basic")
      ? client.ClientSecretBasic(settings.clientSecret)
      : client.ClientSecretPost(settings.clientSecret);
  const configuration = new client.Configuration(
    probe.serverMetadata(),
    settings.clientId,
    settings.clientSecret,
    auth,
  );
  for (const step of execute) step(configuration);
  return configuration;
}

export type OidcPurpose =
  | { purpose: "login" }
  | { purpose: "invitation"; invitationToken: string }
  | { purpose: "link"; userId: string };

/**
 * Starts the authorization code flow: fresh state, nonce and PKCE verifier kept in a database row
 * found by the hash of `flowId` (which the route puts in a short-lived cookie).
 */
export async function startOidcFlow(
  db: DbOrTx,
  settings: OidcSettings,
  input: OidcPurpose & { next?: string | null; now?: Date },
): Promise<{ flowId: string; authorizationUrl: URL }> {
  const now = input.now ?? new Date();
  let userId: string | null = null;
  let invitationTokenHash: string | null = null;
  if (input.purpose === "invitation") {
    const invitation = await inspectOneTimeToken(db, input.invitationToken, "invite", now);
    if (invitation.status !== "valid")
      throw new AppError("not_found", `identity.token.${invitation.status}`);
    invitationTokenHash = sha256(input.invitationToken);
  } else if (input.purpose === "link") {
    userId = input.userId;
  }
  const configuration = await clientConfiguration(settings);
  const flowId = randomToken(32);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  await db.delete(oidcFlows).where(lt(oidcFlows.expiresAt, now));
  await db.insert(oidcFlows).values({
    idHash: sha256(flowId),
    state,
    nonce,
    codeVerifier,
    purpose: input.purpose,
    userId,
    invitationTokenHash,
    next: safeLocalPath(input.next, input.purpose === "link" ? "/account" : "/"),
    createdAt: now,
    expiresAt: new Date(now.getTime() + OIDC_FLOW_TTL_MS),
  });
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: settings.scopes,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
  });
  return { flowId, authorizationUrl };
}

export type OidcOutcome = {
  purpose: "login" | "invitation" | "link";
  userId: string;
  next: string;
};

/**
 * Finishes the flow at the callback: the flow row is used up, the code is exchanged with state,
 * nonce and PKCE checked by openid-client, and the identity (issuer, subject) decides:
 *
 * - login: only an identity already linked to an account logs in; an unknown one is refused
 *   (its email claim is never used to find an account);
 * - invitation: the identity is bound to the invited account and the invitation is used up;
 * - link: the identity is bound to the logged-in account that started the flow.
 */
export async function completeOidcFlow(
  db: Db,
  settings: OidcSettings,
  input: { flowId: string | null | undefined; callbackUrl: URL; currentUserId: string | null },
  now = new Date(),
): Promise<OidcOutcome> {
  if (!input.flowId) throw new AppError("bad_request", "identity.oidc.expired");
  const [flow] = await db
    .delete(oidcFlows)
    .where(eq(oidcFlows.idHash, sha256(input.flowId)))
    .returning();
  if (!flow || flow.expiresAt.getTime() <= now.getTime())
    throw new AppError("bad_request", "identity.oidc.expired");

  const configuration = await clientConfiguration(settings);
  let issuer: string;
  let subject: string;
  let label: string;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, input.callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error("no ID token");
    issuer = claims.iss;
    subject = claims.sub;
    label = await displayLabel(configuration, tokens.access_token, claims);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "identity.oidc.failed");
  }

  const [known] = await db
    .select({ identity: externalIdentities, user: users })
    .from(externalIdentities)
    .innerJoin(users, eq(users.id, externalIdentities.userId))
    .where(and(eq(externalIdentities.issuer, issuer), eq(externalIdentities.subject, subject)));

  if (flow.purpose === "login") {
    if (!known) throw new AppError("not_found", "identity.oidc.noAccount");
    if (known.user.disabledAt) throw new AppError("unauthenticated", "identity.login.failed");
    await db
      .update(externalIdentities)
      .set({ lastLoginAt: now })
      .where(eq(externalIdentities.id, known.identity.id));
    return { purpose: "login", userId: known.user.id, next: flow.next };
  }

  if (flow.purpose === "link") {
    if (!flow.userId || flow.userId !== input.currentUserId)
      throw new AppError("forbidden", "identity.oidc.linkSessionChanged");
    if (known) {
      if (known.user.id !== flow.userId)
        throw new AppError("conflict", "identity.oidc.alreadyLinked");
      return { purpose: "link", userId: flow.userId, next: flow.next };
    }
    await bindIdentity(db, flow.userId, { issuer, subject, label }, now);
    return { purpose: "link", userId: flow.userId, next: flow.next };
  }

  // Invitation: the invitation decides the account, and is used up here.
  if (!flow.invitationTokenHash) throw new AppError("bad_request", "identity.oidc.failed");
  const invitationTokenHash = flow.invitationTokenHash;
  const userId = await db.transaction(async (tx) => {
    const invitee = await consumeOneTimeTokenByHash(tx, invitationTokenHash, "invite", now);
    if (known && known.user.id !== invitee.id)
      throw new AppError("conflict", "identity.oidc.alreadyLinked");
    if (!invitee.activatedAt) {
      await tx.update(users).set({ activatedAt: now }).where(eq(users.id, invitee.id));
      await auditUpdate(tx, {
        actor: null,
        entityType: "user",
        entityId: invitee.id,
        entityLabel: invitee.email,
        before: { activatedAt: null },
        after: { activatedAt: now },
      });
    }
    if (!known) await bindIdentity(tx, invitee.id, { issuer, subject, label }, now);
    await linkPersonByProvenEmail(tx, invitee);
    return invitee.id;
  });
  return { purpose: "invitation", userId, next: flow.next };
}

async function bindIdentity(
  db: Db | DbOrTx,
  userId: string,
  identity: { issuer: string; subject: string; label: string },
  now: Date,
) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "error.notFound");
  const [row] = await db
    .insert(externalIdentities)
    .values({ ...identity, userId, createdAt: now, lastLoginAt: now })
    .returning();
  await auditCreate(db, {
    actor: await actorOf(db, user, "session"),
    entityType: "external_identity",
    entityId: row!.id,
    entityLabel: identity.label || identity.subject,
    record: { issuer: identity.issuer, subject: identity.subject, userId },
  });
}

/** A name to show on the account page; from the ID token or, failing that, UserInfo. Never used to match. */
async function displayLabel(
  configuration: client.Configuration,
  accessToken: string,
  claims: client.IDToken,
): Promise<string> {
  const fromToken = [claims.name, claims.email].find((value) => typeof value === "string");
  if (typeof fromToken === "string") return fromToken.slice(0, 200);
  if (!configuration.serverMetadata().userinfo_endpoint) return "";
  try {
    const info = await client.fetchUserInfo(configuration, accessToken, claims.sub);
    const value = [info.name, info.email, info.preferred_username].find(
      (item) => typeof item === "string",
    );
    return typeof value === "string" ? value.slice(0, 200) : "";
  } catch {
    return "";
  }
}
