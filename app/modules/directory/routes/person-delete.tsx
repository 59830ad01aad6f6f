import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/person-delete";
import { getDb } from "../../../db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { deletePerson, getPersonOverview } from "../service.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const overview = await getPersonOverview(db, actor, args.params.id);
    if (!overview.can.delete) throw new AppError("forbidden", "error.forbidden");
    return {
      title: t("directory.person.deleteTitle", { name: overview.person.name }),
      person: overview.person,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    await deletePerson(await getDb(), actor, params.id, { version: values.version });
    return redirect("/people?deleted=1");
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function DeletePerson({ loaderData, actionData }: Route.ComponentProps) {
  const { person } = loaderData;
  const t = useT();
  return (
    <section>
      <h1>{t("directory.person.deleteTitle", { name: person.name })}</h1>
      {actionData?.formError ? (
        <p className="notice error" role="alert">
          {t(actionData.formError)}
        </p>
      ) : null}
      <p>{t("directory.person.deleteLead")}</p>
      <Form method="post" className="actions">
        <CsrfField />
        <input type="hidden" name="version" value={person.version} />
        <button type="submit" className="danger">
          {t("directory.person.deleteConfirm")}
        </button>
        <Link to={`/people/${person.id}`}>{t("action.cancel")}</Link>
      </Form>
    </section>
  );
}
