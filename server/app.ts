import crypto from "node:crypto";
import { Readable } from "node:stream";
import { createRequestHandler } from "@react-router/express";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { createRequestHandler as createFetchHandler, RouterContextProvider } from "react-router";
import { getDb } from "../app/db/index.ts";
import { defaultLocale, isLocale } from "../app/i18n/locales.ts";
import {
  anonymousVisitor,
  CSRF_COOKIE,
  isApiPath,
  SESSION_COOKIE,
} from "../app/modules/identity/middleware.ts";
import { cookieFromHeader, cookieName } from "../app/platform/cookies.ts";
import {
  fillCachedPage,
  isShareable,
  PageCache,
  toCachedPage,
} from "../app/platform/page-cache.ts";
import { bodyRefusal } from "../app/platform/body-limit.ts";
import { config } from "../app/platform/config.ts";
import { clientAddressContext, nonceContext } from "../app/platform/request-context.ts";
import { securityHeaders } from "../app/platform/security-headers.ts";
import { startPlatform } from "../app/platform/startup.ts";
import * as serverBuild from "virtual:react-router/server-build";

export { startPlatform };

/** The Express app around React Router: security headers, static assets, then the router. */
export function createApp(options: { staticDir?: string } = {}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  app.use((request, response, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    response.locals.nonce = nonce;
    for (const [name, value] of Object.entries(
      securityHeaders({ nonce, https: config().secureCookies }),
    )) {
      response.setHeader(name, value);
    }
    next();
  });

  app.use((request, response, next) => {
    const refusal = bodyRefusal(request.method, request.headers);
    if (refusal === null) return next();
    response
      .status(refusal)
      .type("text/plain")
      .send(refusal === 413 ? "Too large" : "Length required");
  });

  if (options.staticDir) {
    app.use(
      "/assets",
      express.static(`${options.staticDir}/assets`, {
        immutable: true,
        maxAge: "1y",
        index: false,
      }),
    );
    // Only the known public files, so that page requests never touch the file system.
    const staticDir = options.staticDir;
    app.get("/favicon.svg", (_request, response) => {
      response.sendFile("favicon.svg", { root: staticDir, maxAge: "1d" });
    });
  }

  const loadContext = (request: ExpressRequest, response: ExpressResponse) => {
    const context = new RouterContextProvider();
    context.set(nonceContext, String(response.locals.nonce));
    context.set(clientAddressContext, request.ip ?? "unknown");
    return context;
  };

  const ttlMs = config().PAGE_CACHE_MS;
  if (ttlMs > 0) app.use(anonymousPages(new PageCache(ttlMs), loadContext));

  app.all("/{*splat}", createRequestHandler({ build: serverBuild, getLoadContext: loadContext }));
  return app;
}

/**
 * Pages for anonymous visitors come from a short-lived cache (app/platform/page-cache.ts): the
 * same rendering serves every anonymous visitor, with their own nonce and CSRF token filled in.
 * Requests with a session or an API credential, and anything but GET, are rendered as always; a
 * state-changing request clears the cache once it is answered.
 */
function anonymousPages(
  cache: PageCache,
  loadContext: (request: ExpressRequest, response: ExpressResponse) => RouterContextProvider,
): express.RequestHandler {
  const render = createFetchHandler(serverBuild, process.env.NODE_ENV);
  return async (request, response, next) => {
    if (request.method !== "GET") {
      if (request.method !== "HEAD" && request.method !== "OPTIONS")
        response.once("finish", () => cache.clear());
      return next();
    }
    const cookies = request.headers.cookie;
    if (
      isApiPath(request.path) ||
      request.headers.authorization ||
      cookieFromHeader(cookies, SESSION_COOKIE) !== undefined
    )
      return next();
    try {
      const visitor = await anonymousVisitor(await getDb(), cookies);
      const perVisitor = { nonce: String(response.locals.nonce), csrfToken: visitor.csrfToken };
      const lang = cookieFromHeader(cookies, "lang");
      const key = `${isLocale(lang) ? lang : defaultLocale} ${request.originalUrl}`;
      if (visitor.setCookie) response.append("Set-Cookie", visitor.setCookie);

      const cached = cache.get(key);
      if (cached) {
        const html = fillCachedPage(cached, perVisitor);
        for (const [name, value] of cached.headers) response.setHeader(name, value);
        response.setHeader("Content-Length", Buffer.byteLength(html));
        response.status(cached.status).end(html);
        return;
      }

      // Rendered as the visitor it will be: with the cookie they are being given.
      const url = new URL(request.originalUrl, `${request.protocol}://${request.get("host")}`);
      const headers = webHeaders(request);
      if (visitor.setCookie) {
        const cookie = `${cookieName(CSRF_COOKIE)}=${visitor.visitor}`;
        headers.set("cookie", cookies ? `${cookies}; ${cookie}` : cookie);
      }
      const rendered = await render(new Request(url, { headers }), loadContext(request, response));
      const kept: [string, string][] = [];
      rendered.headers.forEach((value, name) => {
        if (name !== "set-cookie" && name !== "content-length") kept.push([name, value]);
      });
      for (const cookie of rendered.headers.getSetCookie()) response.append("Set-Cookie", cookie);
      response.status(rendered.status);
      for (const [name, value] of kept) response.setHeader(name, value);
      if (isShareable(rendered)) {
        const body = await rendered.text();
        const page = { status: rendered.status, headers: kept, body };
        cache.set(key, toCachedPage(page, perVisitor, Date.now() + cache.ttlMs));
        response.end(body);
      } else if (rendered.body) {
        Readable.fromWeb(rendered.body as never).pipe(response);
      } else {
        response.end();
      }
    } catch (error) {
      next(error);
    }
  };
}

function webHeaders(request: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}
