import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/network-edit";
import { getDb } from "../../../db/index.ts";
import { AppError, isAppError } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { NetworkFields, networkLabels, type NetworkFormValues } from "../network-fields.tsx";
import type { TNetworkUpdateInput } from "../schemas.ts";
import { deleteNetwork, getNetwork, updateNetwork, type Network } from "../service.ts";
import { visibilityLabel } from "../ui.tsx";
import { formFailure, submittedValues, type FormFailure } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const { network, can } = await getNetwork(db, actor, args.params.id);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    return {
      title: t("networks.edit.title", { name: network.name }),
      network,
      canDelete: can.delete,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  if (values.intent === "delete") {
    try {
      await deleteNetwork(db, actor, params.id, { version: values.version });
      return redirect("/networks?deleted=1");
    } catch (error) {
      return formFailure(error, request, values, { intent: "delete" });
    }
  }
  try {
    await updateNetwork(db, actor, params.id, {
      name: values.name ?? "",
      description: values.description ?? "",
      visibility: (values.visibility || undefined) as TNetworkUpdateInput["visibility"],
      version: values.version ?? "",
    } as TNetworkUpdateInput);
    return redirect(`/networks/${params.id}?saved=1`);
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") {
      // Keep what the user typed; show the saved version next to it.
      const saved = (await getNetwork(db, actor, params.id)).network;
      return data<FormFailure & { saved: Network }>(
        {
          ok: false,
          fieldErrors: {},
          formError: "networks.edit.conflict",
          values,
          saved,
        },
        { status: 409, headers: noStoreHeaders },
      );
    }
    return formFailure(error, request, values);
  }
}

function toFormValues(network: Network): NetworkFormValues {
  return {
    name: network.name,
    description: network.description,
    visibility: network.visibility,
  };
}

export default function EditNetwork({ loaderData, actionData }: Route.ComponentProps) {
  const { network, canDelete } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saved = failure && "saved" in failure ? (failure.saved as Network) : undefined;
  const values = failure && failure.intent !== "delete" ? failure.values : toFormValues(network);
  const version = saved?.version ?? network.version;
  const labels = networkLabels(t);
  return (
    <section>
      <h1>{t("networks.edit.title", { name: network.name })}</h1>
      <FormError failure={failure}>
        {saved ? (
          <>
            <h2>{t("networks.edit.savedVersion")}</h2>
            <dl className="facts">
              <dt>{labels.name}</dt>
              <dd>{saved.name}</dd>
              <dt>{labels.description}</dt>
              <dd>{saved.description || t("networks.none")}</dd>
              <dt>{labels.visibility}</dt>
              <dd>{visibilityLabel(t, saved.visibility)}</dd>
            </dl>
          </>
        ) : null}
      </FormError>
      <ErrorSummary errors={failure?.fieldErrors} labels={labels} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <NetworkFields values={values} errors={failure?.fieldErrors} />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/networks/${network.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
      <p className="actions">
        <Link to={`/networks/${network.id}/members`}>{t("networks.page.manageMembers")}</Link>
        <Link to={`/networks/${network.id}/seats`}>{t("networks.page.manageSeats")}</Link>
      </p>
      {canDelete ? (
        <section aria-labelledby="delete-network">
          <h2 id="delete-network">{t("networks.page.delete")}</h2>
          <p>{t("networks.page.deleteConfirm")}</p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={version} />
            <button type="submit" className="danger">
              {t("networks.page.delete")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
