import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/invitation";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { formObject } from "../../../platform/validation.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { readSessionId, sessionCookie } from "../middleware.ts";
import { configuredOidc } from "../oidc.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure } from "../route-helpers.ts";
import { acceptInvitation, inspectOneTimeToken, loginAs } from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { locale } = context.get(requestStateContext);
  const invitation = await inspectOneTimeToken(await getDb(), params.token, "invite");
  return {
    invitation,
    oidcName: configuredOidc()?.name ?? null,
    title: translator(locale)("identity.invitation.title"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params }: Route.ActionArgs) {
  const db = await getDb();
  try {
    const { userId } = await acceptInvitation(
      db,
      params.token,
      formObject(await request.formData()),
    );
    const session = await loginAs(db, userId, { previousSessionId: readSessionId(request) });
    return redirect("/account", {
      headers: { "Set-Cookie": sessionCookie(session.sessionId, session.expiresAt) },
    });
  } catch (error) {
    return formFailure(error);
  }
}

export default function Invitation({ params }: Route.ComponentProps) {
  const { invitation, oidcName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.fieldErrors;
  if (invitation.status !== "valid") {
    return (
      <section className="narrow">
        <h1>{t("identity.invitation.title")}</h1>
        <p className="notice error">{t(`identity.token.${invitation.status}`)}</p>
        <p>{t("identity.login.noAccount")}</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("identity.invitation.title")}</h1>
      <p className="lead">{t("identity.invitation.lead", { email: invitation.email })}</p>
      {result?.formError ? (
        <p className="notice error" role="alert">
          {t(result.formError)}
        </p>
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{
          password: t("identity.field.newPassword"),
          confirm: t("identity.field.confirm"),
        }}
      />
      <Form method="post" className="stacked">
        <CsrfField />
        {/* Lets password managers save the right account name. */}
        <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
        <Field
          name="password"
          type="password"
          label={t("identity.field.newPassword")}
          hint={t("identity.password.hint")}
          autoComplete="new-password"
          required
          errors={errors}
        />
        <Field
          name="confirm"
          type="password"
          label={t("identity.field.confirm")}
          autoComplete="new-password"
          required
          errors={errors}
        />
        <div className="actions">
          <button type="submit">{t("identity.invitation.submit")}</button>
        </div>
      </Form>
      {oidcName ? (
        <>
          <p>{t("identity.invitation.oidcLead", { name: oidcName })}</p>
          <p>
            <a
              className="button secondary"
              href={`/auth/oidc?invitation=${encodeURIComponent(params.token)}`}
            >
              {t("identity.login.oidc", { name: oidcName })}
            </a>
          </p>
        </>
      ) : null}
      <p>
        <Link to="/login">{t("identity.login.title")}</Link>
      </p>
    </section>
  );
}
