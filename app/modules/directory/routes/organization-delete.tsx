import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/organization-delete";
import { getDb } from "../../../db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { deleteOrganization, getOrganizationOverview } from "../service.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const overview = await getOrganizationOverview(db, actor, args.params.id);
    if (!overview.can.delete) throw new AppError("forbidden", "error.forbidden");
    return {
      title: t("directory.organization.deleteTitle", {
        name: overview.organization.name,
      }),
      organization: overview.organization,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    await deleteOrganization(await getDb(), actor, params.id, { version: values.version });
    return redirect("/organizations?deleted=1");
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function DeleteOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const { organization } = loaderData;
  const t = useT();
  return (
    <section>
      <h1>{t("directory.organization.deleteTitle", { name: organization.name })}</h1>
      {actionData?.formError ? (
        <p className="notice error" role="alert">
          {t(actionData.formError)}
        </p>
      ) : null}
      <p>{t("directory.organization.deleteLead")}</p>
      <Form method="post" className="actions">
        <CsrfField />
        <input type="hidden" name="version" value={organization.version} />
        <button type="submit" className="danger">
          {t("directory.organization.deleteConfirm")}
        </button>
        <Link to={`/organizations/${organization.id}`}>{t("action.cancel")}</Link>
      </Form>
    </section>
  );
}
