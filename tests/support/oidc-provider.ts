/**
 * A real OpenID Connect provider (the `oidc-provider` package) for tests, listening on
 * 127.0.0.1 at a random port, with test clients and accounts and a plain HTML login form.
 *
 *   const provider = await startTestOidcProvider({ redirectUris: ["http://localhost:3000/auth/oidc/callback"] });
 *   // OIDC_ISSUER=provider.issuer OIDC_CLIENT_ID=provider.clientId OIDC_CLIENT_SECRET=provider.clientSecret
 *   const callback = await provider.authorize(authorizationUrl, provider.accounts[0]); // fetch-driven login
 *   await provider.stop();
 *
 * In a browser, the login page at /interaction/<uid> has the fields "login" and "password" and a
 * submit button "Sign in"; consent is granted automatically.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Adapter, type AdapterPayload, type FindAccount } from "oidc-provider";

export type TestAccount = {
  /** The subject (`sub`) the provider issues for this account. */
  id: string;
  login: string;
  password: string;
  email: string;
  name: string;
};

export const defaultTestAccounts: TestAccount[] = [
  {
    id: "sub-astrid-0001",
    login: "astrid",
    password: "astrid-test-password",
    email: "astrid.lindqvist@example.se",
    name: "Astrid Lindqvist",
  },
  {
    id: "sub-bjorn-0002",
    login: "bjorn",
    password: "bjorn-test-password",
    email: "bjorn.haugen@example.no",
    name: "Bjørn Haugen",
  },
  {
    id: "sub-cecilia-0003",
    login: "cecilia",
    password: "cecilia-test-password",
    email: "cecilia.berg@example.se",
    name: "Cecilia Berg",
  },
];

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: TestAccount[];
  /**
   * Follows a real authorization request with fetch: logs `account` in through the provider's
   * login form and returns the URL the provider redirects the browser back to (the callback with
   * `code` and `state`, or with `error`). It does not fetch that URL.
   */
  authorize: (
    authorizationUrl: URL | string,
    account: Pick<TestAccount, "login" | "password">,
  ) => Promise<URL>;
  stop: () => Promise<void>;
};

/** In-memory storage for the provider (its built-in one warns on the console). */
function memoryAdapterFactory() {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number | null }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return (name: string): Adapter => {
    const key = (id: string) => `${name}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        store.set(key(id), {
          payload: { ...payload },
          expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null,
        });
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        for (const [storeKey, entry] of store) {
          if (storeKey.startsWith(`${name}:`) && entry.payload.uid === uid) return live(storeKey);
        }
        return undefined;
      },
      async findByUserCode(userCode) {
        for (const [storeKey, entry] of store) {
          if (storeKey.startsWith(`${name}:`) && entry.payload.userCode === userCode)
            return live(storeKey);
        }
        return undefined;
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [storeKey, entry] of store) {
          if (entry.payload.grantId === grantId) store.delete(storeKey);
        }
      },
    };
  };
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function loginPage(uid: string, clientId: string, error?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test e-ID – sign in</title></head>
<body><main>
<h1>Test e-ID</h1>
<p>Sign in to continue to ${escapeHtml(clientId)}.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="login">Username</label> <input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
</main></body></html>`;
}

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startTestOidcProvider(
  options: {
    redirectUris?: string[];
    clientId?: string;
    clientSecret?: string;
    accounts?: TestAccount[];
  } = {},
): Promise<TestOidcProvider> {
  const accounts = options.accounts ?? defaultTestAccounts;
  const clientId = options.clientId ?? "samverka-test";
  const clientSecret = options.clientSecret ?? crypto.randomBytes(24).toString("base64url");
  const redirectUris = options.redirectUris ?? ["http://localhost:3000/auth/oidc/callback"];

  let handler: http.RequestListener = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };
  const server = http.createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: "jwk" }),
    kid: "test-key",
    alg: "RS256",
    use: "sig",
  };

  const findAccount: FindAccount = async (_ctx, id) => {
    const account = accounts.find((item) => item.id === id);
    if (!account) return undefined;
    return {
      accountId: account.id,
      claims: async () => ({
        sub: account.id,
        email: account.email,
        email_verified: true,
        name: account.name,
      }),
    };
  };

  const provider = new Provider(issuer, {
    adapter: memoryAdapterFactory(),
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    findAccount,
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="en"><title>Error</title><h1>${escapeHtml(String(out.error))}</h1><p>${escapeHtml(String(out.error_description ?? ""))}</p></html>`;
    },
  });

  const providerCallback = provider.callback();

  /** Gives every scope the client asked for (tests need no consent screen). */
  async function grantAll(accountId: string, clientIdOfRequest: string, scope: string) {
    const grant = new provider.Grant({ accountId, clientId: clientIdOfRequest });
    grant.addOIDCScope(scope);
    return grant.save();
  }

  handler = async (request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) {
      providerCallback(request, response);
      return;
    }
    try {
      const details = await provider.interactionDetails(request, response);
      const requestedClient = String(details.params.client_id);
      const scope = String(details.params.scope ?? "openid");
      if (details.prompt.name === "consent" && details.session?.accountId) {
        const grantId = await grantAll(details.session.accountId, requestedClient, scope);
        await provider.interactionFinished(
          request,
          response,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
        return;
      }
      if (request.method === "POST" && match[2]) {
        const form = await readForm(request);
        const account = accounts.find(
          (item) => item.login === form.get("login") && item.password === form.get("password"),
        );
        if (!account) {
          response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
          response.end(loginPage(details.uid, requestedClient, "Wrong username or password."));
          return;
        }
        const grantId = await grantAll(account.id, requestedClient, scope);
        await provider.interactionFinished(
          request,
          response,
          { login: { accountId: account.id }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      response.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      });
      response.end(loginPage(details.uid, requestedClient));
    } catch (error) {
      response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(error instanceof Error ? error.message : "interaction failed");
    }
  };

  async function authorize(
    authorizationUrl: URL | string,
    account: Pick<TestAccount, "login" | "password">,
  ): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const remember = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ""] = line.split(";");
        const index = pair.indexOf("=");
        if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
      }
    };
    let url = new URL(authorizationUrl);
    let method = "GET";
    let body: URLSearchParams | undefined;
    for (let step = 0; step < 15; step += 1) {
      if (!url.href.startsWith(issuer)) return url;
      const response = await fetch(url, {
        method,
        body,
        redirect: "manual",
        headers: { cookie: cookieHeader() },
      });
      remember(response);
      method = "GET";
      body = undefined;
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      const html = await response.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (response.status !== 200 || !action) {
        throw new Error(
          `test provider answered ${response.status} at ${url.pathname}: ${html.slice(0, 300)}`,
        );
      }
      if (html.includes('role="alert"')) throw new Error("test provider refused the login");
      url = new URL(action, url);
      method = "POST";
      body = new URLSearchParams({ login: account.login, password: account.password });
    }
    throw new Error("too many redirects at the test provider");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    authorize,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
