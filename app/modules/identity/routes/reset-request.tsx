import { Form, useActionData } from "react-router";
import type { Route } from "./+types/reset-request";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { clientAddressContext, requestStateContext } from "../../../platform/request-context.ts";
import { formObject } from "../../../platform/validation.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure } from "../route-helpers.ts";
import { requestPasswordReset } from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ context }: Route.LoaderArgs) {
  const { locale } = context.get(requestStateContext);
  return { title: translator(locale)("identity.reset.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** Answers the same whether or not the address has an account. */
export async function action({ request, context }: Route.ActionArgs) {
  const input = formObject(await request.formData());
  try {
    await requestPasswordReset(await getDb(), input, {
      address: context.get(clientAddressContext),
    });
    return { ok: true as const };
  } catch (error) {
    return formFailure(error, input);
  }
}

export default function ResetRequest() {
  const result = useActionData<typeof action>();
  const t = useT();
  if (result?.ok) {
    return (
      <section className="narrow">
        <h1>{t("identity.reset.title")}</h1>
        <p className="notice" role="status">
          {t("identity.reset.sent")}
        </p>
      </section>
    );
  }
  const errors = result?.fieldErrors;
  return (
    <section className="narrow">
      <h1>{t("identity.reset.title")}</h1>
      <p className="lead">{t("identity.reset.lead")}</p>
      <ErrorSummary errors={errors} labels={{ email: t("identity.field.email") }} />
      <Form method="post" className="stacked">
        <CsrfField />
        <Field
          name="email"
          type="email"
          label={t("identity.field.email")}
          autoComplete="email"
          defaultValue={result?.values.email}
          required
          errors={errors}
        />
        <div className="actions">
          <button type="submit">{t("identity.reset.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
