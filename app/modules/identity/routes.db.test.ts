import { isRouteErrorResponse, RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTestOidcProvider,
  type TestOidcProvider,
} from "../../../tests/support/oidc-provider.ts";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import type { Actor } from "../../platform/actor.ts";
import { resetConfig } from "../../platform/config.ts";
import { clientAddressContext, requestStateContext } from "../../platform/request-context.ts";

const getDb = await openAppDatabase("samverka-identity-");
const testing = await import("./testing.ts");
const service = await import("./service.ts");
const sessions = await import("./sessions.ts");
const login = await import("./routes/login.tsx");
const logout = await import("./routes/logout.tsx");
const invitation = await import("./routes/invitation.tsx");
const resetRequest = await import("./routes/reset-request.tsx");
const account = await import("./routes/account.tsx");
const adminUsers = await import("./routes/admin-users.tsx");
const oidcStart = await import("./routes/oidc-start.ts");
const oidcCallback = await import("./routes/oidc-callback.tsx");

const origin = "http://localhost:3000";

function args(
  request: Request,
  who: Actor | null = null,
  params: Record<string, string> = {},
): never {
  const context = new RouterContextProvider();
  context.set(requestStateContext, { locale: "sv", actor: who, csrfToken: "t" });
  context.set(clientAddressContext, "192.0.2.99");
  return { request, context, params } as never;
}

function form(pathname: string, fields: Record<string, string>, cookie = ""): Request {
  return new Request(`${origin}${pathname}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}

/** Whatever a loader or action ends with: a returned or thrown Response, data(), or a value. */
async function settle(work: Promise<unknown> | unknown): Promise<{
  status: number;
  location: string | null;
  cookies: string[];
  data: unknown;
}> {
  let result: unknown;
  try {
    result = await work;
  } catch (error) {
    result = error;
  }
  if (result instanceof Response) {
    return {
      status: result.status,
      location: result.headers.get("location"),
      cookies: result.headers.getSetCookie(),
      data: null,
    };
  }
  if (isRouteErrorResponse(result)) {
    return { status: result.status, location: null, cookies: [], data: result.data };
  }
  if (
    result &&
    typeof result === "object" &&
    "type" in result &&
    result.type === "DataWithResponseInit"
  ) {
    const value = result as unknown as { data: unknown; init: ResponseInit | null };
    const headers = new Headers(value.init?.headers);
    return {
      status: value.init?.status ?? 200,
      location: headers.get("location"),
      cookies: headers.getSetCookie(),
      data: value.data,
    };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, cookies: [], data: result };
}

function cookieValue(cookies: string[], name: string): string | undefined {
  for (const line of cookies) {
    const [pair = ""] = line.split(";");
    if (pair.startsWith(`${name}=`)) return decodeURIComponent(pair.slice(name.length + 1));
  }
  return undefined;
}

describe("identity pages", () => {
  it("logs in and follows next= only to a path on this site", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const fields = { email: user.email, password: user.password };

    const local = await settle(
      login.action(args(form("/login", { ...fields, next: "/account?tab=1" }))),
    );
    expect(local.status).toBe(302);
    expect(local.location).toBe("/account?tab=1");
    expect(local.cookies.join("\n")).toMatch(
      /sid=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/,
    );

    for (const evil of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const outcome = await settle(login.action(args(form("/login", { ...fields, next: evil }))));
      expect(outcome.location).toBe("/");
    }
  });

  it("sends an already logged-in visitor on to next=, again only on this site", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const outcome = await settle(
      login.loader(args(new Request(`${origin}/login?next=https://evil.example`), user.actor)),
    );
    expect(outcome.location).toBe("/");
  });

  it("answers a failed login with the generic message and keeps the email", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const outcome = await settle(
      login.action(args(form("/login", { email: user.email, password: "wrong wrong wrong" }))),
    );
    expect(outcome.status).toBe(401);
    expect(outcome.data).toMatchObject({
      formError: "identity.login.failed",
      values: { email: user.email },
    });
    expect(JSON.stringify(outcome.data)).not.toContain("wrong wrong");
  });

  it("logs out on POST only: GET changes nothing", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const session = await sessions.startSession(db, user.id);
    const cookie = `sid=${session.sessionId}`;
    const get = await settle(logout.loader());
    expect(get.location).toBe("/");
    expect(await sessions.resolveSession(db, session.sessionId)).not.toBeNull();
    const post = await settle(logout.action(args(form("/logout", {}, cookie), user.actor)));
    expect(post.location).toBe("/");
    expect(post.cookies.join("\n")).toMatch(/sid=; Path=\/; Max-Age=0/);
    expect(await sessions.resolveSession(db, session.sessionId)).toBeNull();
  });

  it("activates an invitation and logs the invitee in with a fresh session", async () => {
    const db = await getDb();
    const admin = await testing.createTestUser(db, { isPlatformAdmin: true });
    const email = testing.uniqueEmail("page.invitee");
    await service.inviteUser(db, admin.actor, { email, name: "Page Invitee" });
    const token = testing.tokenFromMail((await testing.mailsTo(db, email))[0], "/invitation/");
    const page = await settle(
      invitation.loader(args(new Request(`${origin}/invitation/${token}`), null, { token })),
    );
    expect(page.data).toMatchObject({ invitation: { status: "valid", email } });
    const done = await settle(
      invitation.action(
        args(
          form(`/invitation/${token}`, {
            password: testing.TEST_PASSWORD,
            confirm: testing.TEST_PASSWORD,
          }),
          null,
          { token },
        ),
      ),
    );
    expect(done.location).toBe("/account");
    const sessionId = cookieValue(done.cookies, "sid");
    expect((await sessions.resolveSession(db, sessionId!))?.actor.label).toBe(email);
  });

  it("answers a reset request the same for known and unknown addresses", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const known = await settle(
      resetRequest.action(args(form("/reset-password", { email: user.email }))),
    );
    const unknown = await settle(
      resetRequest.action(args(form("/reset-password", { email: testing.uniqueEmail("nobody") }))),
    );
    expect(known).toEqual(unknown);
    expect(known.data).toEqual({ ok: true });
  });

  it("keeps user administration to admins", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const anonymous = await settle(adminUsers.loader(args(new Request(`${origin}/admin/users`))));
    expect(anonymous.location).toBe("/login?next=%2Fadmin%2Fusers");
    const plain = await settle(
      adminUsers.loader(args(new Request(`${origin}/admin/users`), user.actor)),
    );
    expect(plain.status).toBe(403);
    const invite = await settle(
      adminUsers.action(
        args(form("/admin/users", { email: testing.uniqueEmail("x"), name: "X" }), user.actor),
      ),
    );
    expect(invite.status).toBe(403);
    const admin = await testing.createTestUser(db, { isPlatformAdmin: true });
    const allowed = await settle(
      adminUsers.loader(args(new Request(`${origin}/admin/users`), admin.actor)),
    );
    expect(allowed.status).toBe(200);
  });

  it("marks pages with personal data no-store", () => {
    for (const route of [login, invitation, resetRequest, account, adminUsers, oidcCallback]) {
      expect(route.headers()).toEqual({ "Cache-Control": "no-store" });
    }
  });

  it("creates an API token on the account page and shows it once", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const created = await settle(
      account.action(args(form("/account", { intent: "createToken", name: "Export" }), user.actor)),
    );
    const token = (created.data as { createdToken: string }).createdToken;
    expect(token).toMatch(/^svk_/);
    const page = await settle(account.loader(args(new Request(`${origin}/account`), user.actor)));
    expect(JSON.stringify(page.data)).not.toContain(token);
    expect(JSON.stringify(page.data)).toContain(token.slice(0, 10));
  });
});

describe("identity pages: OpenID Connect", () => {
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await startTestOidcProvider({
      redirectUris: [`${origin}/auth/oidc/callback`],
    });
    process.env.OIDC_ISSUER = provider.issuer;
    process.env.OIDC_CLIENT_ID = provider.clientId;
    process.env.OIDC_CLIENT_SECRET = provider.clientSecret;
    process.env.OIDC_NAME = "Test-ID";
    resetConfig();
  });

  afterAll(async () => {
    delete process.env.OIDC_ISSUER;
    delete process.env.OIDC_CLIENT_ID;
    delete process.env.OIDC_CLIENT_SECRET;
    delete process.env.OIDC_NAME;
    resetConfig();
    await provider?.stop();
  });

  async function throughProvider(
    startUrl: string,
    who: Actor | null,
    account = provider.accounts[0]!,
    options: { arrivesAt?: string } = {},
  ) {
    const start = await settle(oidcStart.loader(args(new Request(startUrl), who)));
    expect(start.status).toBe(302);
    expect(start.location?.startsWith(provider.issuer)).toBe(true);
    const flowCookie = start.cookies.find((line) => line.startsWith("oidc="));
    expect(flowCookie).toMatch(/HttpOnly; SameSite=Lax/);
    const callback = new URL(await provider.authorize(start.location!, account));
    if (options.arrivesAt) {
      const internal = new URL(options.arrivesAt);
      callback.protocol = internal.protocol;
      callback.host = internal.host;
    }
    const request = new Request(callback, {
      headers: { Cookie: `oidc=${cookieValue(start.cookies, "oidc")}` },
    });
    return settle(oidcCallback.loader(args(request, who)));
  }

  it("offers the provider on the login page", async () => {
    const page = await settle(login.loader(args(new Request(`${origin}/login`))));
    expect(page.data).toMatchObject({ oidcName: "Test-ID" });
  });

  it("tells an unknown identity to ask for an invitation", async () => {
    const outcome = await throughProvider(`${origin}/auth/oidc`, null);
    expect(outcome.status).toBe(404);
    expect(outcome.data).toMatchObject({ messageKey: "identity.oidc.noAccount" });
  });

  it("activates an invitation with the e-ID and logs in with a session", async () => {
    const db = await getDb();
    const admin = await testing.createTestUser(db, { isPlatformAdmin: true });
    const email = testing.uniqueEmail("eid.page");
    const { userId } = await service.inviteUser(db, admin.actor, { email, name: "E-ID Person" });
    const token = testing.tokenFromMail((await testing.mailsTo(db, email))[0], "/invitation/");
    const outcome = await throughProvider(
      `${origin}/auth/oidc?invitation=${token}`,
      null,
      provider.accounts[1],
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    const sessionId = cookieValue(outcome.cookies, "sid");
    expect((await sessions.resolveSession(db, sessionId!))?.actor.userId).toBe(userId);

    const again = await throughProvider(
      `${origin}/auth/oidc?next=${encodeURIComponent("https://evil.example")}`,
      null,
      provider.accounts[1],
    );
    expect(again.location).toBe("/");
  });

  it("sends the registered redirect URI even when the callback reaches an internal address", async () => {
    const db = await getDb();
    const admin = await testing.createTestUser(db, { isPlatformAdmin: true });
    const email = testing.uniqueEmail("eid.proxy");
    const { userId } = await service.inviteUser(db, admin.actor, { email, name: "Proxy Person" });
    const token = testing.tokenFromMail((await testing.mailsTo(db, email))[0], "/invitation/");
    const outcome = await throughProvider(
      `${origin}/auth/oidc?invitation=${token}`,
      null,
      provider.accounts[2] ?? provider.accounts[0]!,
      { arrivesAt: "http://10.0.0.7:8080" },
    );
    expect(outcome.status).toBe(302);
    const sessionId = cookieValue(outcome.cookies, "sid");
    expect((await sessions.resolveSession(db, sessionId!))?.actor.userId).toBe(userId);
  });

  it("starts linking an e-ID only from this site's own pages", async () => {
    const db = await getDb();
    const user = await testing.createTestUser(db);
    const fromElsewhere = await settle(
      oidcStart.loader(
        args(
          new Request(`${origin}/auth/oidc?link=1`, {
            headers: { "Sec-Fetch-Site": "cross-site" },
          }),
          user.actor,
        ),
      ),
    );
    expect(fromElsewhere.status).toBe(403);
    const fromAccountPage = await settle(
      oidcStart.loader(
        args(
          new Request(`${origin}/auth/oidc?link=1`, {
            headers: { "Sec-Fetch-Site": "same-origin" },
          }),
          user.actor,
        ),
      ),
    );
    expect(fromAccountPage.status).toBe(302);
    expect(fromAccountPage.location?.startsWith(provider.issuer)).toBe(true);
  });
});
