// Renders an app's route modules on the server as React Router does (loaders, actions,
// components) without the HTTP server: for database tests of pages and resource routes, with any
// actor.
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import {
  createStaticHandler,
  createStaticRouter,
  Outlet,
  RouterContextProvider,
  StaticRouterProvider,
  useActionData,
  useLoaderData,
  useParams,
  useRouteError,
} from "react-router";
import type { Actor } from "../../app/platform/actor.ts";
import { requestStateContext } from "../../app/platform/request-context.ts";

type RouteModule = {
  loader: (args: never) => Promise<unknown>;
  action?: (args: never) => Promise<unknown>;
  default: ComponentType<never>;
};

type Args = { request: Request; params: Record<string, string> };

/** The router context a route reads its request state from, with `who` acting. */
function contextFor(who: Actor | null) {
  const context = new RouterContextProvider();
  context.set(requestStateContext, { locale: "sv", actor: who, csrfToken: "t" });
  return context;
}

async function routesFor(modules: Record<string, () => Promise<unknown>>, who: Actor | null) {
  const children = [];
  for (const [routePath, load] of Object.entries(modules)) {
    const mod = (await load()) as RouteModule;
    const withContext = (args: Args) =>
      ({ request: args.request, params: args.params, context: contextFor(who) }) as never;
    const Page = mod.default as ComponentType<Record<string, unknown>>;
    children.push({
      path: routePath.slice(1),
      loader: (args: Args) => mod.loader(withContext(args)),
      action: mod.action ? (args: Args) => mod.action!(withContext(args)) : undefined,
      Component: function Wrapped() {
        return createElement(Page, {
          loaderData: useLoaderData(),
          actionData: useActionData(),
          params: useParams(),
        });
      },
    });
  }
  return [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale: "sv", csrfToken: "t" }),
      Component: Outlet,
      ErrorBoundary: function Refused() {
        return createElement("p", null, `refused: ${JSON.stringify(useRouteError())}`);
      },
      children,
    },
  ];
}

/**
 * A visitor of the given route modules (path pattern → import): renders a page (GET) or runs a
 * form post as `who`, and answers the status, the HTML and any redirect.
 */
export function routeVisitor(modules: Record<string, () => Promise<unknown>>) {
  return async function visit(
    who: Actor | null,
    url: string,
    form?: Record<string, string | string[]>,
  ): Promise<{ status: number; html: string; location: string | null }> {
    const handler = createStaticHandler((await routesFor(modules, who)) as never);
    let request = new Request(`http://localhost${url}`);
    if (form) {
      const body = new FormData();
      for (const [key, value] of Object.entries(form))
        for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
      request = new Request(`http://localhost${url}`, { method: "POST", body });
    }
    const context = await handler.query(request);
    if (context instanceof Response)
      return { status: context.status, html: "", location: context.headers.get("Location") };
    const router = createStaticRouter(handler.dataRoutes, context);
    const html = renderToString(createElement(StaticRouterProvider, { router, context }));
    return { status: context.statusCode, html, location: null };
  };
}

/**
 * A visitor of the route modules (see routeVisitor) that keeps every page a GET rendered, for
 * the accessibility check at the end.
 */
export function recordingVisitor(modules: Record<string, () => Promise<unknown>>) {
  const rendered: { url: string; html: string }[] = [];
  const visitRoute = routeVisitor(modules);
  async function visit(...args: Parameters<typeof visitRoute>) {
    const page = await visitRoute(...args);
    if (!args[2] && page.status === 200) rendered.push({ url: args[1], html: page.html });
    return page;
  }
  return { visit, rendered };
}

/** A resource route's loader run as `who`. */
export async function loadResource(
  module: { loader: (args: never) => Promise<Response | undefined> },
  who: Actor | null,
  params: Record<string, string>,
  url = "http://localhost/x",
): Promise<Response> {
  const request = new Request(url);
  return (await module.loader({ request, params, context: contextFor(who) } as never))!;
}

/** The HTML with React's text separators out and the entities these pages use decoded. */
export function decodedHtml(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\u00a0|\u202f/g, " ");
}
