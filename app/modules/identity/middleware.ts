import { escapeHtml } from "../../platform/html.ts";
import { data, type MiddlewareFunction } from "react-router";
import type { Db } from "../../db/client.ts";
import { getDb } from "../../db/index.ts";
import { defaultLocale, isLocale, type Locale } from "../../i18n/locales.ts";
import { translator } from "../../i18n/translate.ts";
import type { Actor } from "../../platform/actor.ts";
import { config } from "../../platform/config.ts";
import {
  clearCookie,
  cookieFromHeader,
  readCookie,
  serializeCookie,
} from "../../platform/cookies.ts";
import { requestStateContext } from "../../platform/request-context.ts";
import { hmac, randomToken, safeEqual } from "./crypto.ts";
import { bearerToken, crossSiteProblem, isSafeMethod } from "./rules.ts";
import { appSecret } from "./secrets.ts";
import { authenticateApiToken } from "./service.ts";
import { resolveSession, type SessionTimeouts } from "./sessions.ts";

/** Cookie names (the __Host- prefix is added over https by platform/cookies.ts). */
export const SESSION_COOKIE = "sid";
export const CSRF_COOKIE = "csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** The session cookie lives as long as the session may (the server ends it earlier when idle). */
export function sessionCookie(sessionId: string, expiresAt: Date, now = new Date()): string {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return serializeCookie(SESSION_COOKIE, sessionId, { maxAgeSeconds, httpOnly: true });
}

export function clearSessionCookie(): string {
  return clearCookie(SESSION_COOKIE);
}

export function readSessionId(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE) ?? null;
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/**
 * An anonymous visitor's CSRF token: an HMAC of their random cookie (a signed double submit),
 * with the Set-Cookie that gives a new visitor the cookie.
 */
export async function anonymousVisitor(
  db: Db,
  cookieHeader: string | null | undefined,
): Promise<{ csrfToken: string; setCookie: string | null; visitor: string }> {
  let visitor = cookieFromHeader(cookieHeader, CSRF_COOKIE);
  let setCookie: string | null = null;
  if (!visitor || !/^[A-Za-z0-9_-]{43}$/.test(visitor)) {
    visitor = randomToken(32);
    setCookie = serializeCookie(CSRF_COOKIE, visitor, { httpOnly: true });
  }
  return { csrfToken: hmac(await appSecret(db, "csrf"), `csrf:${visitor}`), setCookie, visitor };
}

async function submittedCsrfToken(request: Request): Promise<string | null> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return header;
  const contentType = request.headers.get("content-type") ?? "";
  if (
    !contentType.startsWith("application/x-www-form-urlencoded") &&
    !contentType.startsWith("multipart/form-data")
  )
    return null;
  try {
    // The action reads the body again: read a clone here.
    const value = (await request.clone().formData()).get(CSRF_FIELD);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

function withCookies(response: Response, cookies: string[]): Response {
  if (cookies.length === 0) return response;
  return withHeaders(response, (headers) => {
    for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  });
}

function withHeaders(response: Response, change: (headers: Headers) => void): Response {
  try {
    change(response.headers);
    return response;
  } catch {
    // Immutable headers (Response.redirect, fetch responses): copy the response.
    const copy = new Response(response.body, response);
    change(copy.headers);
    return copy;
  }
}

/**
 * Every page a logged-in person sees carries their name and CSRF token: never stored. An
 * anonymous visitor's page carries their CSRF token: kept out of shared caches. (Samverka's own
 * page cache for anonymous visitors fills in each visitor's token: platform/page-cache.ts.)
 */
function privateToVisitor(response: Response, actor: Actor | null): Response {
  if (response.headers.has("Cache-Control")) return response;
  const value = actor ? "private, no-store" : "private, no-cache";
  return withHeaders(response, (headers) => headers.set("Cache-Control", value));
}

function csrfFailure(request: Request, locale: Locale): Response {
  const t = translator(locale);
  const url = new URL(request.url);
  const headers = { "Cache-Control": "no-store" };
  if (isApiPath(url.pathname)) {
    return Response.json(
      { type: "about:blank", title: t("error.forbidden"), status: 403, detail: t("error.csrf") },
      { status: 403, headers: { ...headers, "Content-Type": "application/problem+json" } },
    );
  }
  if (url.pathname.endsWith(".data")) {
    // Client-side navigation: let React Router show the route's error boundary.
    throw data({ messageKey: "error.csrf" }, { status: 403, statusText: "Forbidden", headers });
  }
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t("error.title"))}</title></head>
<body><main><h1>${escapeHtml(t("error.title"))}</h1><p>${escapeHtml(t("error.csrf"))}</p><p><a href="/">${escapeHtml(t("nav.start"))}</a></p></main></body></html>`;
  return new Response(html, {
    status: 403,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}

export type IdentityMiddlewareOptions = {
  getDatabase?: () => Promise<Db>;
  timeouts?: () => SessionTimeouts;
  now?: () => Date;
};

/**
 * The root middleware of identity, for every request:
 *
 * 1. who asks: a session cookie (or, on /api/ paths, a Bearer API token) gives the Actor;
 * 2. the CSRF token of this visitor: the session's own token, or for anonymous visitors an HMAC
 *    of a random cookie (signed double submit);
 * 3. for every state-changing request (not GET/HEAD/OPTIONS, not Bearer-authenticated API calls):
 *    refuses a cross-site Origin or `Sec-Fetch-Site: cross-site`, and a missing or wrong `_csrf`
 *    field / `X-CSRF-Token` header, with 403 before any action runs;
 * 4. the language: the `lang` cookie, else the account's language, else Swedish.
 */
export function createIdentityMiddleware(
  options: IdentityMiddlewareOptions = {},
): MiddlewareFunction<Response> {
  const getDatabase = options.getDatabase ?? getDb;
  return async ({ request, context }, next) => {
    const now = options.now?.() ?? new Date();
    const url = new URL(request.url);
    const db = await getDatabase();
    const cookies: string[] = [];
    const lang = readCookie(request, "lang");

    const bearer = isApiPath(url.pathname)
      ? bearerToken(request.headers.get("authorization"))
      : null;
    if (bearer) {
      const actor = await authenticateApiToken(db, bearer, now);
      context.set(requestStateContext, {
        locale: isLocale(lang) ? lang : defaultLocale,
        actor,
        csrfToken: "",
      });
      return next();
    }

    let actor: Actor | null = null;
    let csrfToken: string;
    let accountLocale: string | undefined;
    const sessionId = readSessionId(request);
    const session = sessionId
      ? await resolveSession(db, sessionId, { now, timeouts: options.timeouts?.() })
      : null;
    if (session) {
      actor = session.actor;
      csrfToken = session.csrfToken;
      accountLocale = session.locale;
    } else {
      if (sessionId) cookies.push(clearSessionCookie());
      const visitor = await anonymousVisitor(db, request.headers.get("cookie"));
      if (visitor.setCookie) cookies.push(visitor.setCookie);
      csrfToken = visitor.csrfToken;
    }
    const locale: Locale = isLocale(lang)
      ? lang
      : isLocale(accountLocale)
        ? accountLocale
        : defaultLocale;

    // An anonymous API call carries no credential a forged request could ride on; the API
    // itself answers it with 401 where login is required.
    const anonymousApiCall = isApiPath(url.pathname) && !actor;
    if (!isSafeMethod(request.method) && !anonymousApiCall) {
      const allowedOrigins = [new URL(config().BASE_URL).origin, url.origin];
      const crossSite = crossSiteProblem({
        origin: request.headers.get("origin"),
        secFetchSite: request.headers.get("sec-fetch-site"),
        allowedOrigins,
      });
      const submitted = crossSite ? null : await submittedCsrfToken(request);
      if (crossSite || !submitted || !safeEqual(submitted, csrfToken)) {
        return withCookies(csrfFailure(request, locale), cookies);
      }
    }

    context.set(requestStateContext, { locale, actor, csrfToken });
    return withCookies(privateToVisitor(await next(), actor), cookies);
  };
}

export const identityMiddleware: MiddlewareFunction<Response> = createIdentityMiddleware();

/**
 * For the API: the Actor of a request, by `Authorization: Bearer <personal API token>` or by the
 * session cookie. (State-changing API calls by session cookie also pass the CSRF check above.)
 */
export async function authenticateApiRequest(request: Request, db?: Db): Promise<Actor | null> {
  const database = db ?? (await getDb());
  const bearer = bearerToken(request.headers.get("authorization"));
  if (bearer) return authenticateApiToken(database, bearer);
  const sessionId = readSessionId(request);
  if (!sessionId) return null;
  return (await resolveSession(database, sessionId))?.actor ?? null;
}
