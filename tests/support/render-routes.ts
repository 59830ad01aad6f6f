// Renders an app's route modules on the server as React Router does (loaders, actions,
// components) without the HTTP server: for database tests of pages, with any actor.
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

async function routesFor(modules: Record<string, () => Promise<unknown>>, who: Actor | null) {
  const children = [];
  for (const [routePath, load] of Object.entries(modules)) {
    const mod = (await load()) as RouteModule;
    const withContext = (args: Args) => {
      const context = new RouterContextProvider();
      context.set(requestStateContext, { locale: "sv", actor: who, csrfToken: "t" });
      return { request: args.request, params: args.params, context } as never;
    };
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
