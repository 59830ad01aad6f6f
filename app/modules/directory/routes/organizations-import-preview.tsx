import {
  data,
  Form,
  Link,
  redirect,
  useNavigation,
  type ShouldRevalidateFunctionArgs,
} from "react-router";
import type { Route } from "./+types/organizations-import-preview";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { isAppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { importColumns } from "../import-format.ts";
import { confirmImport, previewImport, type ImportPreview } from "../import.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";

/** Rows shown in the preview table (all errors are always listed). */
const shownRows = 200;

export function headers() {
  return noStoreHeaders;
}

function summarize(preview: ImportPreview) {
  return {
    id: preview.id,
    kind: preview.kind,
    fileName: preview.fileName,
    total: preview.total,
    valid: preview.valid,
    errors: preview.errors,
    rows: preview.rows.slice(0, shownRows),
  };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const preview = await previewImport(await getDb(), actor, params.importId);
    return {
      title: translator(locale)("directory.import.previewTitle", { file: preview.fileName }),
      preview: summarize(preview),
    };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found")
      throw redirect("/organizations/import?expired=1", { headers: noStoreHeaders });
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const result = await confirmImport(await getDb(), actor, params.importId);
    if (result.ok) {
      const list = result.kind === "people" ? "/people" : "/organizations";
      return redirect(`${list}?imported=${result.created}`);
    }
    return data(
      { failed: true as const, preview: summarize(result.preview) },
      { status: 422, headers: noStoreHeaders },
    );
  } catch (error) {
    if (isAppError(error) && error.code === "not_found")
      throw redirect("/organizations/import?expired=1", { headers: noStoreHeaders });
    refusal(error, request);
  }
}

export default function ImportPreviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const working = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const preview = actionData?.preview ?? loaderData.preview;
  const columns = importColumns[preview.kind];
  const invalidRows = new Set(preview.errors.map((error) => error.row));
  const columnLabel = (column: string) => (column === "_row" ? "–" : column);
  return (
    <section>
      <h1>{t("directory.import.previewTitle", { file: preview.fileName })}</h1>
      {actionData?.failed ? (
        <p className="notice error" role="alert">
          {t("directory.import.failed")}
        </p>
      ) : null}
      <p role="status">
        {t("directory.import.summary", {
          total: preview.total,
          valid: preview.total - invalidRows.size,
          invalid: invalidRows.size,
        })}{" "}
        {preview.errors.length ? t("directory.import.hasErrors") : t("directory.import.allValid")}
      </p>

      {preview.errors.length === 0 ? (
        <Form method="post" className="actions">
          <CsrfField />
          <button type="submit" disabled={working}>
            {t("directory.import.confirm", { count: preview.total })}
          </button>
          {working ? (
            <span className="progress" role="status">
              <progress aria-label={t("directory.import.progress")} />{" "}
              {t("directory.import.working")}
            </span>
          ) : null}
        </Form>
      ) : (
        <>
          <h2>{t("directory.import.errorsTitle")}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("directory.import.row")}</th>
                <th scope="col">{t("directory.import.field")}</th>
                <th scope="col">{t("directory.import.message")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((error, index) => (
                <tr key={`${error.row}-${error.column}-${index}`}>
                  <td>{error.row}</td>
                  <td>
                    <code>{columnLabel(error.column)}</code>
                  </td>
                  <td>{t(error.key, error.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="actions">
        <Link to="/organizations/import">{t("directory.import.again")}</Link>
      </p>

      <h2>{t("directory.import.rowsTitle")}</h2>
      {preview.total > preview.rows.length ? (
        <p>
          {t("directory.import.moreRows", { shown: preview.rows.length, total: preview.total })}
        </p>
      ) : null}
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t("directory.import.rowsTitle")}
      >
        <table>
          <thead>
            <tr>
              <th scope="col">{t("directory.import.row")}</th>
              <th scope="col">{t("directory.affiliation.status")}</th>
              {columns.map((column) => (
                <th scope="col" key={column.id}>
                  <code>{column.id}</code>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.row} className={invalidRows.has(row.row) ? "row-error" : undefined}>
                <td>{row.row}</td>
                <td>
                  {invalidRows.has(row.row)
                    ? t("directory.import.status.error")
                    : t("directory.import.status.ok")}
                </td>
                {columns.map((column) => (
                  <td key={column.id}>{row.values[column.id] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** After a failed confirmation the action already carries the fresh preview. */
export function shouldRevalidate({
  formMethod,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  return formMethod?.toUpperCase() === "POST" ? false : defaultShouldRevalidate;
}
