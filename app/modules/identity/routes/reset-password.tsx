import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/reset-password";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { formObject } from "../../../platform/validation.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { readSessionId, sessionCookie } from "../middleware.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure } from "../route-helpers.ts";
import { inspectOneTimeToken, loginAs, resetPassword } from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { locale } = context.get(requestStateContext);
  const reset = await inspectOneTimeToken(await getDb(), params.token, "reset");
  return { reset, title: translator(locale)("identity.reset.newTitle") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params }: Route.ActionArgs) {
  const db = await getDb();
  try {
    const { userId } = await resetPassword(db, params.token, formObject(await request.formData()));
    const session = await loginAs(db, userId, { previousSessionId: readSessionId(request) });
    return redirect("/account", {
      headers: { "Set-Cookie": sessionCookie(session.sessionId, session.expiresAt) },
    });
  } catch (error) {
    return formFailure(error);
  }
}

export default function ResetPassword() {
  const { reset } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.fieldErrors;
  if (reset.status !== "valid") {
    return (
      <section className="narrow">
        <h1>{t("identity.reset.newTitle")}</h1>
        <p className="notice error">{t(`identity.token.${reset.status}`)}</p>
        <p>
          <Link to="/reset-password">{t("identity.token.askAgain")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("identity.reset.newTitle")}</h1>
      <p className="lead">{t("identity.reset.newLead", { email: reset.email })}</p>
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
        <input type="hidden" name="username" autoComplete="username" value={reset.email} />
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
          <button type="submit">{t("identity.reset.newSubmit")}</button>
        </div>
      </Form>
    </section>
  );
}
