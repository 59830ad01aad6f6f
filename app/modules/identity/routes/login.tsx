import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/login";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { safeLocalPath } from "../../../platform/redirects.ts";
import { clientAddressContext, requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { readSessionId, sessionCookie } from "../middleware.ts";
import { configuredOidc } from "../oidc.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure } from "../route-helpers.ts";
import { loginWithPassword } from "../service.ts";
import { formObject } from "../../../platform/validation.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const next = safeLocalPath(new URL(request.url).searchParams.get("next"));
  if (actor) throw redirect(next);
  return {
    next,
    oidcName: configuredOidc()?.name ?? null,
    title: translator(locale)("identity.login.title"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const next = safeLocalPath(form.get("next"));
  const input = formObject(form);
  try {
    const login = await loginWithPassword(await getDb(), input, {
      address: context.get(clientAddressContext),
      previousSessionId: readSessionId(request),
    });
    return redirect(next, {
      headers: { "Set-Cookie": sessionCookie(login.sessionId, login.expiresAt) },
    });
  } catch (error) {
    return formFailure(error, input);
  }
}

export default function Login() {
  const { next, oidcName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.fieldErrors;
  return (
    <section className="narrow">
      <h1>{t("identity.login.title")}</h1>
      {result?.formError ? (
        <p className="notice error" role="alert">
          {t(result.formError)}
        </p>
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{ email: t("identity.field.email"), password: t("identity.field.password") }}
      />
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="next" value={next} />
        <Field
          name="email"
          type="email"
          label={t("identity.field.email")}
          autoComplete="username"
          defaultValue={result?.values.email}
          required
          errors={errors}
        />
        <Field
          name="password"
          type="password"
          label={t("identity.field.password")}
          autoComplete="current-password"
          required
          errors={errors}
        />
        <div className="actions">
          <button type="submit">{t("identity.login.submit")}</button>
          <Link to="/reset-password">{t("identity.login.forgot")}</Link>
        </div>
      </Form>
      {oidcName ? (
        <>
          <p>{t("identity.login.or")}</p>
          <p>
            {/* A link, not a form: CSP form-action 'self' would block a form's redirect to the provider. */}
            <a className="button secondary" href={`/auth/oidc?next=${encodeURIComponent(next)}`}>
              {t("identity.login.oidc", { name: oidcName })}
            </a>
          </p>
        </>
      ) : null}
      <p className="hint">{t("identity.login.noAccount")}</p>
    </section>
  );
}
