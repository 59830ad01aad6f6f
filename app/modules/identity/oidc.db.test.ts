import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  startTestOidcProvider,
  type TestOidcProvider,
} from "../../../tests/support/oidc-provider.ts";
import { describeDatabases } from "../../db/testing.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { resetConfig } from "../../platform/config.ts";
import { failure } from "../../../tests/support/outcomes.ts";
import { sha256 } from "./crypto.ts";
import { completeOidcFlow, startOidcFlow, type OidcPurpose, type OidcSettings } from "./oidc.ts";
import { externalIdentities, oidcFlows } from "./schema.ts";
import { inspectOneTimeToken, inviteUser } from "./service.ts";
import { createTestUser, mailsTo, tokenFromMail, uniqueEmail } from "./testing.ts";

// Vitest sets BASE_URL to "/" (Vite's base); the app needs an absolute URL.
process.env.BASE_URL = "http://localhost:3000";
resetConfig();

const redirectUri = "http://localhost:3000/auth/oidc/callback";
let provider: TestOidcProvider;
let settings: OidcSettings;

beforeAll(async () => {
  provider = await startTestOidcProvider({ redirectUris: [redirectUri] });
  settings = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    scopes: "openid email profile",
    redirectUri,
    name: "Test e-ID",
  };
});

afterAll(async () => {
  await provider?.stop();
});

describeDatabases("identity: OpenID Connect against a real provider", (ctx) => {
  const account = (index: number) => () => provider.accounts[index]!;
  const astrid = account(0);
  const bjorn = account(1);
  const cecilia = account(2);

  /** The whole browser round trip: start, log in at the provider, come back to the callback. */
  async function roundTrip(
    purpose: OidcPurpose,
    account: { login: string; password: string },
    currentUserId: string | null = null,
    tamper?: (callback: URL, flowId: string) => Promise<URL> | URL,
  ) {
    const { flowId, authorizationUrl } = await startOidcFlow(ctx.db, settings, {
      ...purpose,
      next: "/account",
    });
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("state")).toBeTruthy();
    expect(authorizationUrl.searchParams.get("nonce")).toBeTruthy();
    let callback = await provider.authorize(authorizationUrl, account);
    expect(callback.href.startsWith(redirectUri)).toBe(true);
    if (tamper) callback = await tamper(callback, flowId);
    return {
      flowId,
      callback,
      complete: () =>
        completeOidcFlow(ctx.db, settings, { flowId, callbackUrl: callback, currentUserId }),
    };
  }

  it("refuses an unknown identity, even when its email claim matches an account", async () => {
    // An account whose email is exactly the provider's email claim for Astrid.
    await createTestUser(ctx.db, { email: astrid().email });
    const flow = await roundTrip({ purpose: "login" }, astrid());
    const error = await failure(flow.complete());
    expect(error.message).toBe("identity.oidc.noAccount");
    const linked = await ctx.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.subject, astrid().id));
    expect(linked).toHaveLength(0);
  });

  it("binds the identity to the invited account through the invitation, then logs in with it", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const email = uniqueEmail("eid.invitee");
    const { userId } = await inviteUser(ctx.db, admin.actor, { email, name: "Bjørn Inbjuden" });
    const token = tokenFromMail((await mailsTo(ctx.db, email))[0], "/invitation/");

    const invitation = await roundTrip({ purpose: "invitation", invitationToken: token }, bjorn());
    const outcome = await invitation.complete();
    expect(outcome).toEqual({ purpose: "invitation", userId, next: "/account" });
    expect((await inspectOneTimeToken(ctx.db, token, "invite")).status).toBe("used");
    const [identity] = await ctx.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.subject, bjorn().id));
    expect(identity).toMatchObject({ issuer: provider.issuer, userId, label: bjorn().name });
    const trail = await ctx.db
      .select({ action: auditEntries.action, changes: auditEntries.changes })
      .from(auditEntries)
      .where(eq(auditEntries.entityId, userId));
    expect(trail).toContainEqual({
      action: "update",
      changes: { activatedAt: [null, expect.any(String)] },
    });

    const login = await roundTrip({ purpose: "login" }, bjorn());
    expect(await login.complete()).toMatchObject({ purpose: "login", userId });
  });

  it("lets a logged-in user link an identity explicitly, and only for themselves", async () => {
    const user = await createTestUser(ctx.db);
    const intruder = await createTestUser(ctx.db);
    const hijacked = await roundTrip({ purpose: "link", userId: user.id }, cecilia(), intruder.id);
    expect((await failure(hijacked.complete())).code).toBe("forbidden");

    const link = await roundTrip({ purpose: "link", userId: user.id }, cecilia(), user.id);
    expect(await link.complete()).toMatchObject({ purpose: "link", userId: user.id });
    const login = await roundTrip({ purpose: "login" }, cecilia());
    expect(await login.complete()).toMatchObject({ purpose: "login", userId: user.id });

    // The same identity cannot be bound to a second account.
    const other = await roundTrip({ purpose: "link", userId: intruder.id }, cecilia(), intruder.id);
    expect((await failure(other.complete())).message).toBe("identity.oidc.alreadyLinked");
  });

  it("uses each flow once", async () => {
    const user = await createTestUser(ctx.db);
    const flow = await roundTrip({ purpose: "link", userId: user.id }, astrid(), user.id);
    await flow.complete();
    expect((await failure(flow.complete())).message).toBe("identity.oidc.expired");
  });

  it("checks the state", async () => {
    const user = await createTestUser(ctx.db);
    const flow = await roundTrip({ purpose: "link", userId: user.id }, astrid(), user.id, (url) => {
      url.searchParams.set("state", "forged-state");
      return url;
    });
    expect((await failure(flow.complete())).message).toBe("identity.oidc.failed");
  });

  it("checks the PKCE verifier (the provider refuses another one)", async () => {
    const user = await createTestUser(ctx.db);
    const flow = await roundTrip(
      { purpose: "link", userId: user.id },
      astrid(),
      user.id,
      async (url, flowId) => {
        await ctx.db
          .update(oidcFlows)
          .set({ codeVerifier: "a".repeat(64) })
          .where(eq(oidcFlows.idHash, sha256(flowId)));
        return url;
      },
    );
    expect((await failure(flow.complete())).message).toBe("identity.oidc.failed");
  });

  it("checks the nonce of the ID token", async () => {
    const user = await createTestUser(ctx.db);
    const flow = await roundTrip(
      { purpose: "link", userId: user.id },
      astrid(),
      user.id,
      async (url, flowId) => {
        await ctx.db
          .update(oidcFlows)
          .set({ nonce: "another-nonce" })
          .where(eq(oidcFlows.idHash, sha256(flowId)));
        return url;
      },
    );
    expect((await failure(flow.complete())).message).toBe("identity.oidc.failed");
  });

  it("refuses to start from a used or unknown invitation", async () => {
    const error = await failure(
      startOidcFlow(ctx.db, settings, { purpose: "invitation", invitationToken: "nope" }),
    );
    expect(error.message).toBe("identity.token.invalid");
  });

  it("keeps next= on this site", async () => {
    const { flowId } = await startOidcFlow(ctx.db, settings, {
      purpose: "login",
      next: "https://evil.example/steal",
    });
    const [row] = await ctx.db
      .select()
      .from(oidcFlows)
      .where(eq(oidcFlows.idHash, sha256(flowId)));
    expect(row?.next).toBe("/");
  });
});
