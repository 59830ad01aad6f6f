import { data, Link, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/oidc-callback";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { clearCookie, readCookie } from "../../../platform/cookies.ts";
import { isAppError, statusOf } from "../../../platform/errors.ts";
import { safeLocalPath } from "../../../platform/redirects.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { useT } from "../../../ui/i18n.tsx";
import { readSessionId, sessionCookie } from "../middleware.ts";
import { completeOidcFlow, configuredOidc, OIDC_FLOW_COOKIE } from "../oidc.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { loginAs } from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

/** The provider sends the browser back here with the authorization code (or an error). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const t = translator(locale);
  const settings = configuredOidc();
  const clearFlow = clearCookie(OIDC_FLOW_COOKIE);
  if (!settings) throw data({ messageKey: "identity.oidc.notConfigured" }, { status: 404 });
  const db = await getDb();
  try {
    const outcome = await completeOidcFlow(db, settings, {
      flowId: readCookie(request, OIDC_FLOW_COOKIE),
      callbackUrl: callbackUrlOf(settings.redirectUri, request),
      currentUserId: actor?.userId ?? null,
    });
    const headers = new Headers({ "Cache-Control": "no-store" });
    headers.append("Set-Cookie", clearFlow);
    if (outcome.purpose === "link") {
      return redirect("/account?linked=1", { headers });
    }
    // A login (or an accepted invitation) always gets a new session id.
    const session = await loginAs(db, outcome.userId, {
      previousSessionId: readSessionId(request),
    });
    headers.append("Set-Cookie", sessionCookie(session.sessionId, session.expiresAt));
    return redirect(safeLocalPath(outcome.next), { headers });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data(
      {
        title: t("identity.oidc.title"),
        messageKey: error.message,
        canRetry: error.message !== "identity.oidc.noAccount",
      },
      { status: statusOf[error.code], headers: { ...noStoreHeaders, "Set-Cookie": clearFlow } },
    );
  }
}

/**
 * The redirect URI sent to the token endpoint must be the registered one, built from BASE_URL:
 * behind a proxy the request's own URL names an internal host or plain http.
 */
function callbackUrlOf(redirectUri: string, request: Request): URL {
  const callbackUrl = new URL(redirectUri);
  callbackUrl.search = new URL(request.url).search;
  return callbackUrl;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function OidcCallback() {
  const { messageKey, canRetry } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("identity.oidc.title")}</h1>
      <p className="notice error" role="alert">
        {t(messageKey)}
      </p>
      <p>
        <Link to={canRetry ? "/login" : "/"}>
          {canRetry ? t("identity.login.title") : t("nav.start")}
        </Link>
      </p>
    </section>
  );
}
