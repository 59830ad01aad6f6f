import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { localeOptions } from "./i18n/locales.ts";
import { Options } from "./ui/form.tsx";
import { identityMiddleware } from "./modules/identity/middleware.ts";
import { canOpenUserAdministration } from "./modules/identity/permissions.ts";
import { nonceContext, requestStateContext } from "./platform/request-context.ts";
import { CsrfField } from "./ui/csrf.tsx";
import { useT } from "./ui/i18n.tsx";
import stylesheet from "./ui/app.css?url";

export const middleware: Route.MiddlewareFunction[] = [identityMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const { locale, actor, csrfToken } = context.get(requestStateContext);
  return {
    locale,
    csrfToken,
    nonce: context.get(nonceContext),
    user: actor
      ? {
          label: actor.label,
          isPlatformAdmin: actor.isPlatformAdmin,
          administersUsers: canOpenUserAdministration(actor),
        }
      : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const t = useT();
  const nonce = data?.nonce;
  return (
    <html lang={data?.locale ?? "sv"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRootData();
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="brand">
        <Link to="/">{t("app.name")}</Link>
      </div>
      <nav aria-label={t("nav.main")}>
        <ul>
          <li>
            <NavLink to="/" end>
              {t("nav.start")}
            </NavLink>
          </li>
          {navigation.map((item) =>
            item.when(data?.user ?? null) ? (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.label)}</NavLink>
              </li>
            ) : null,
          )}
        </ul>
      </nav>
      <div className="header-tools">
        <Form method="post" action="/language" className="language-switcher">
          <input type="hidden" name="next" value={here} />
          <CsrfField />
          <label htmlFor="language-select">{t("nav.language")}</label>
          <select id="language-select" name="locale" defaultValue={data?.locale ?? "sv"}>
            <Options options={localeOptions} />
          </select>
          <button type="submit">{t("nav.changeLanguage")}</button>
        </Form>
        {data?.user ? (
          <Form method="post" action="/logout" className="logout">
            <CsrfField />
            <Link to="/account">{data.user.label}</Link>{" "}
            <button type="submit">{t("nav.logout")}</button>
          </Form>
        ) : (
          <Link to={`/login?next=${encodeURIComponent(here)}`}>{t("nav.login")}</Link>
        )}
      </div>
    </header>
  );
}

type NavItem = {
  to: string;
  label: string;
  when: (user: RootData["user"]) => boolean;
};

/** Modules add their entry here. */
const navigation: NavItem[] = [
  { to: "/organizations", label: "directory.nav.organizations", when: () => true },
  { to: "/people", label: "directory.nav.people", when: () => true },
  { to: "/networks", label: "networks.nav", when: () => true },
  { to: "/events", label: "events.nav", when: () => true },
  { to: "/actions", label: "minutes.actions.nav", when: (user) => Boolean(user) },
  { to: "/admin", label: "nav.admin", when: (user) => Boolean(user?.isPlatformAdmin) },
  // Organization admins manage their organizations' users; platform admins get there from /admin.
  {
    to: "/admin/users",
    label: "identity.admin.title",
    when: (user) => Boolean(user?.administersUsers && !user.isPlatformAdmin),
  },
];

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const t = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const title = notFound ? t("error.notFoundTitle") : t("error.title");
  // A thrown data({ messageKey }) names the catalog message to show (e.g. the CSRF refusal).
  const messageKey =
    isRouteErrorResponse(error) &&
    typeof (error.data as { messageKey?: unknown } | null)?.messageKey === "string"
      ? (error.data as { messageKey: string }).messageKey
      : undefined;
  return (
    <section className="error-page">
      <title>{`${title} – ${t("app.name")}`}</title>
      <h1>{title}</h1>
      <p>
        {messageKey
          ? t(messageKey)
          : notFound
            ? t("error.notFound")
            : forbidden
              ? t("error.forbidden")
              : t("error.server")}
      </p>
      <p>
        <Link to="/">{t("nav.start")}</Link>
      </p>
    </section>
  );
}
