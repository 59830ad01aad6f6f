import crypto from "node:crypto";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import { RouterContextProvider } from "react-router";
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

  app.all(
    "/{*splat}",
    createRequestHandler({
      build: serverBuild,
      getLoadContext: (request, response) => {
        const context = new RouterContextProvider();
        context.set(nonceContext, String(response.locals.nonce));
        context.set(clientAddressContext, request.ip ?? "unknown");
        return context;
      },
    }),
  );
  return app;
}
