import { isRouteErrorResponse, RouterContextProvider } from "react-router";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { requestStateContext, type RequestState } from "../../platform/request-context.ts";
import { createIdentityMiddleware } from "./middleware.ts";
import { createApiToken } from "./service.ts";
import { startSession } from "./sessions.ts";
import { createTestUser } from "./testing.ts";

// Vitest sets BASE_URL to "/" (Vite's base); the app needs an absolute URL.
process.env.BASE_URL = "http://localhost:3000";
resetConfig();

const origin = "http://localhost:3000";

type Outcome = {
  response: Response;
  state: RequestState | undefined;
  /** Whether the route (loader/action) ran, and what it read from the body. */
  reached: boolean;
  body: string | null;
};

function cookieValue(response: Response, name: string): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    if (pair.startsWith(`${name}=`)) return decodeURIComponent(pair.slice(name.length + 1));
  }
  return undefined;
}

describeDatabases("identity middleware: sessions and CSRF", (ctx) => {
  const middleware = createIdentityMiddleware({ getDatabase: async () => ctx.db });

  async function run(request: Request): Promise<Outcome> {
    const context = new RouterContextProvider();
    let reached = false;
    let body: string | null = null;
    const next = async () => {
      reached = true;
      if (request.method !== "GET" && request.method !== "HEAD") {
        // The action can still read the body the middleware looked at.
        body = request.headers.get("content-type")?.startsWith("application/x-www-form")
          ? String((await request.formData()).get("title"))
          : await request.text();
      }
      return new Response("ok");
    };
    let response: Response;
    try {
      response = (await middleware(
        { request, context, params: {} } as never,
        next as never,
      )) as Response;
    } catch (error) {
      if (isRouteErrorResponse(error)) {
        response = new Response(JSON.stringify(error.data), { status: error.status });
      } else throw error;
    }
    let state: RequestState | undefined;
    try {
      state = context.get(requestStateContext);
    } catch {
      state = undefined;
    }
    return { response, state, reached, body };
  }

  /** A visitor's first GET: the CSRF cookie and the token the page's forms carry. */
  async function anonymousVisit() {
    const first = await run(new Request(`${origin}/`));
    const cookie = cookieValue(first.response, "csrf");
    expect(cookie).toBeTruthy();
    return { cookie: `csrf=${cookie}`, token: first.state!.csrfToken };
  }

  function post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Request {
    return new Request(`${origin}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields),
    });
  }

  it("lets a GET through and hands out a CSRF token for the forms", async () => {
    const outcome = await run(new Request(`${origin}/`));
    expect(outcome.reached).toBe(true);
    expect(outcome.state?.actor).toBeNull();
    expect(outcome.state?.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const setCookie = outcome.response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it("accepts a form POST that carries the visitor's token, and the action can still read the body", async () => {
    const visitor = await anonymousVisit();
    const outcome = await run(
      post(
        "/login",
        { _csrf: visitor.token, title: "kept" },
        { Cookie: visitor.cookie, Origin: origin },
      ),
    );
    expect(outcome.response.status).toBe(200);
    expect(outcome.reached).toBe(true);
    expect(outcome.body).toBe("kept");
  });

  it("refuses a POST without a token, with a translated 403 before the action runs", async () => {
    const visitor = await anonymousVisit();
    const outcome = await run(
      post("/login", { title: "x" }, { Cookie: `${visitor.cookie}; lang=en`, Origin: origin }),
    );
    expect(outcome.response.status).toBe(403);
    expect(outcome.reached).toBe(false);
    const html = await outcome.response.text();
    expect(html).toContain('lang="en"');
    expect(html).toContain("The form has expired");
  });

  it("refuses a wrong token, and a token without its cookie", async () => {
    const visitor = await anonymousVisit();
    const wrong = await run(
      post("/login", { _csrf: visitor.token + "x" }, { Cookie: visitor.cookie, Origin: origin }),
    );
    expect(wrong.response.status).toBe(403);
    const otherVisitor = await anonymousVisit();
    const foreign = await run(
      post("/login", { _csrf: visitor.token }, { Cookie: otherVisitor.cookie, Origin: origin }),
    );
    expect(foreign.response.status).toBe(403);
    const cookieless = await run(post("/login", { _csrf: visitor.token }, { Origin: origin }));
    expect(cookieless.response.status).toBe(403);
    expect(cookieless.reached || foreign.reached || wrong.reached).toBe(false);
  });

  it("refuses a cross-site Origin or Sec-Fetch-Site even with a valid token", async () => {
    const visitor = await anonymousVisit();
    const crossOrigin = await run(
      post(
        "/login",
        { _csrf: visitor.token },
        { Cookie: visitor.cookie, Origin: "https://evil.example" },
      ),
    );
    expect(crossOrigin.response.status).toBe(403);
    const crossSite = await run(
      post(
        "/login",
        { _csrf: visitor.token },
        { Cookie: visitor.cookie, "Sec-Fetch-Site": "cross-site" },
      ),
    );
    expect(crossSite.response.status).toBe(403);
    expect(crossOrigin.reached || crossSite.reached).toBe(false);
  });

  it("accepts the token in the X-CSRF-Token header (JSON requests)", async () => {
    const visitor = await anonymousVisit();
    const outcome = await run(
      new Request(`${origin}/api/v1/organizations`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": visitor.token,
          Cookie: visitor.cookie,
        },
        body: "{}",
      }),
    );
    expect(outcome.reached).toBe(true);
  });

  it("answers a refused API request with a problem document", async () => {
    const user = await createTestUser(ctx.db);
    const session = await startSession(ctx.db, user.id);
    const outcome = await run(
      new Request(`${origin}/api/v1/organizations`, {
        method: "DELETE",
        headers: { Origin: origin, Cookie: `sid=${session.sessionId}` },
      }),
    );
    expect(outcome.response.status).toBe(403);
    expect(outcome.response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("gives a logged-in user their actor and requires the session's own token", async () => {
    const user = await createTestUser(ctx.db);
    const session = await startSession(ctx.db, user.id);
    const cookie = `sid=${session.sessionId}`;
    const page = await run(new Request(`${origin}/account`, { headers: { Cookie: cookie } }));
    expect(page.state?.actor?.userId).toBe(user.id);
    expect(page.state?.csrfToken).toBe(session.csrfToken);
    // A page made for a logged-in person is never stored by a browser or a proxy.
    expect(page.response.headers.get("Cache-Control")).toBe("private, no-store");
    const publicPage = await run(new Request(`${origin}/organizations`));
    expect(publicPage.response.headers.get("Cache-Control")).toBe("private, no-cache");

    const visitor = await anonymousVisit();
    const withVisitorToken = await run(
      post(
        "/account",
        { _csrf: visitor.token },
        { Cookie: `${cookie}; ${visitor.cookie}`, Origin: origin },
      ),
    );
    expect(withVisitorToken.response.status).toBe(403);
    const ok = await run(
      post("/account", { _csrf: session.csrfToken }, { Cookie: cookie, Origin: origin }),
    );
    expect(ok.reached).toBe(true);
  });

  it("clears the cookie of a session that no longer exists", async () => {
    const outcome = await run(
      new Request(`${origin}/`, {
        headers: { Cookie: "sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
      }),
    );
    expect(outcome.state?.actor).toBeNull();
    expect(outcome.response.headers.getSetCookie().join("\n")).toMatch(/sid=; Path=\/; Max-Age=0/);
  });

  it("lets Bearer-authenticated API calls through without a CSRF token, only on /api/", async () => {
    const user = await createTestUser(ctx.db);
    const { token } = await createApiToken(ctx.db, user.actor, { name: "CI" });
    const api = await run(
      new Request(`${origin}/api/v1/organizations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: "{}",
      }),
    );
    expect(api.reached).toBe(true);
    expect(api.state?.actor).toMatchObject({ userId: user.id, via: "token" });

    const page = await run(post("/account", {}, { Authorization: `Bearer ${token}` }));
    expect(page.response.status).toBe(403);
    expect(page.reached).toBe(false);
  });

  it("takes the language from the lang cookie, else from the account", async () => {
    const user = await createTestUser(ctx.db);
    const session = await startSession(ctx.db, user.id);
    const fromCookie = await run(
      new Request(`${origin}/`, { headers: { Cookie: `sid=${session.sessionId}; lang=nb` } }),
    );
    expect(fromCookie.state?.locale).toBe("nb");
    const fromAccount = await run(
      new Request(`${origin}/`, { headers: { Cookie: `sid=${session.sessionId}` } }),
    );
    expect(fromAccount.state?.locale).toBe("sv");
  });
});
