import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/series-new";
import { getDb } from "../../../db/index.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { createSeries } from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { newInNetworkPage } from "./page-loaders.ts";
import { SeriesFields, seriesInputOf } from "./series-form.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return newInNetworkPage(args, "meetings.series.newIn");
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    const series = await createSeries(await getDb(), actor, params.id, seriesInputOf(values));
    return redirect(`/series/${series.id}?created=1`);
  } catch (error) {
    return formFailure(error, request, values);
  }
}

export default function NewSeries({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <section>
      <h1>{loaderData.title}</h1>
      <FormError failure={failure} />
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <SeriesFields values={failure?.values ?? {}} errors={failure?.fieldErrors} isNew />
        <div className="actions">
          <button type="submit">{t("meetings.series.create")}</button>
          <Link to={`/networks/${loaderData.network.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
