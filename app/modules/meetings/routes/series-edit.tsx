import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/series-edit";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { requireEditor } from "./page-loaders.ts";
import { getDb } from "../../../db/index.ts";
import { isAppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { FormError } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { getSeries, updateSeries } from "../service.ts";
import { SavedDifferences, staleFailure } from "./meeting-form.tsx";
import {
  SeriesFields,
  seriesFacts,
  seriesInputOf,
  seriesLabels,
  seriesValues,
  showSeriesFact,
} from "./series-form.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  return loggedInPage({ request, context }, async ({ db, actor, t }) => {
    const { series, can } = await getSeries(db, actor, params.id, { limit: 0 });
    requireEditor(can);
    return {
      series,
      title: t("meetings.series.editTitle", { name: series.name }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  try {
    await updateSeries(db, actor, params.id, {
      ...seriesInputOf(values),
      version: values.version ?? "",
    } as Parameters<typeof updateSeries>[3]);
    return redirect(`/series/${params.id}?saved=1`);
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") {
      // Keep what the user typed; show the saved series next to it; the next save is knowing.
      const { series } = await getSeries(db, actor, params.id, { limit: 0 });
      return staleFailure(error, values, series);
    }
    return formFailure(error, request, values);
  }
}

export default function EditSeries({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { series } = loaderData;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saved = failure && "saved" in failure ? failure.saved : undefined;
  const values = failure?.values ?? seriesValues(series);
  return (
    <section>
      <h1>{loaderData.title}</h1>
      <FormError failure={failure}>
        {saved ? (
          <SavedDifferences
            saved={seriesFacts(seriesValues(saved))}
            typed={seriesFacts(values)}
            labels={seriesLabels(t)}
            show={showSeriesFact(t, locale)}
          />
        ) : null}
      </FormError>
      <Form method="post" className="stacked" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={(saved ?? series).version} />
        <SeriesFields values={values} errors={failure?.fieldErrors} isNew={false} />
        <p className="hint">{t("meetings.series.editNote")}</p>
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
          <Link to={`/series/${series.id}`}>{t("action.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
