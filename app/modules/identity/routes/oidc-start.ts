import { data, redirect } from "react-router";
import type { Route } from "./+types/oidc-start";
import { getDb } from "../../../db/index.ts";
import { serializeCookie } from "../../../platform/cookies.ts";
import { isAppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { configuredOidc, OIDC_FLOW_COOKIE, startOidcFlow, type OidcPurpose } from "../oidc.ts";
import { OIDC_FLOW_TTL_MS } from "../rules.ts";

/**
 * GET /auth/oidc starts the authorization code flow (a link, since CSP form-action 'self' would
 * stop a form from redirecting to the provider). `?invitation=<token>` binds the e-ID to an
 * invited account; `?link=1` links it to the logged-in account; otherwise it logs in.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const settings = configuredOidc();
  if (!settings) throw data({ messageKey: "identity.oidc.notConfigured" }, { status: 404 });
  const { actor } = context.get(requestStateContext);
  const search = new URL(request.url).searchParams;
  const invitationToken = search.get("invitation");
  let purpose: OidcPurpose;
  if (invitationToken) purpose = { purpose: "invitation", invitationToken };
  else if (search.get("link") === "1") {
    if (!actor) throw redirect(`/login?next=${encodeURIComponent("/account")}`);
    // Linking changes the account, so it may only start from our own pages (or a typed URL),
    // never from a link on another site riding on the provider's single sign-on.
    if (!["same-origin", "none"].includes(request.headers.get("sec-fetch-site") ?? "")) {
      throw data({ messageKey: "error.csrf" }, { status: 403 });
    }
    purpose = { purpose: "link", userId: actor.userId };
  } else purpose = { purpose: "login" };
  try {
    const { flowId, authorizationUrl } = await startOidcFlow(await getDb(), settings, {
      ...purpose,
      next: search.get("next"),
    });
    return redirect(authorizationUrl.href, {
      headers: {
        "Cache-Control": "no-store",
        "Set-Cookie": serializeCookie(OIDC_FLOW_COOKIE, flowId, {
          maxAgeSeconds: OIDC_FLOW_TTL_MS / 1000,
          httpOnly: true,
        }),
      },
    });
  } catch (error) {
    if (isAppError(error) && invitationToken)
      throw redirect(`/invitation/${encodeURIComponent(invitationToken)}`);
    throw error;
  }
}
