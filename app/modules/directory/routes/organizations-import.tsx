import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/organizations-import";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { importColumns, importKinds, importLimits, type ImportKind } from "../import-format.ts";
import { uploadImport } from "../import.ts";
import { canCreateSomething } from "../policy.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  if (!canCreateSomething(actor)) refusal(new AppError("forbidden", "error.forbidden"), request);
  const expired = new URL(request.url).searchParams.has("expired");
  return { title: translator(locale)("directory.import.title"), expired };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Problem = { key: string; params?: Record<string, string | number> };

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  const failed = (kind: ImportKind, problem: Problem, status = 422) =>
    data({ kind, problem }, { status, headers: noStoreHeaders });
  // Refuse an oversized upload before reading it (with some room for the form's other fields).
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > importLimits.maxBytes + 64 * 1024)
    return failed("organizations", { key: "directory.error.fileTooLarge" }, 413);
  const form = await request.formData();
  const kindValue = form.get("kind");
  const kind: ImportKind = kindValue === "people" ? "people" : "organizations";
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return failed(kind, { key: "directory.error.fileRequired" });
  try {
    const result = await uploadImport(await getDb(), actor, {
      kind,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return failed(kind, result.problem);
    return redirect(`/organizations/import/${result.id}`);
  } catch (error) {
    refusal(error, request);
  }
}

export default function ImportUpload({ loaderData, actionData }: Route.ComponentProps) {
  const { expired } = loaderData;
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const problem = actionData?.problem;
  const kind = actionData?.kind ?? "organizations";
  return (
    <section>
      <h1>{t("directory.import.title")}</h1>
      <p className="lead">{t("directory.import.lead")}</p>
      {expired ? (
        <p className="notice error" role="alert">
          {t("directory.import.expired")}
        </p>
      ) : null}
      {problem ? (
        <div className="error-summary" role="alert">
          <h2>{t("form.errorSummary")}</h2>
          <p>
            {t("directory.import.file")}: {t(problem.key, problem.params)}
          </p>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stacked">
        <CsrfField />
        <fieldset>
          <legend>{t("directory.import.kind")}</legend>
          {importKinds.map((option) => (
            <div key={option} className="choice">
              <input
                type="radio"
                id={`import-kind-${option}`}
                name="kind"
                value={option}
                defaultChecked={option === kind}
              />
              <label htmlFor={`import-kind-${option}`}>
                {t(`directory.import.kind.${option}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="import-file">
            {t("directory.import.file")}
            <span className="visually-hidden"> ({t("form.required")})</span>
            <span aria-hidden="true"> *</span>
          </label>
          <span className="hint" id="import-file-hint">
            {t("directory.import.file.hint")}
          </span>
          {problem ? (
            <p className="field-error" id="import-file-error">
              {t(problem.key, problem.params)}
            </p>
          ) : null}
          <input
            id="import-file"
            type="file"
            name="file"
            required
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={problem ? "import-file-hint import-file-error" : "import-file-hint"}
            aria-invalid={problem ? true : undefined}
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t("directory.import.upload")}
          </button>
          {busy ? <progress aria-label={t("directory.import.progress")} /> : null}
        </div>
      </Form>

      <h2>{t("directory.import.templates")}</h2>
      <p>{t("directory.import.templatesLead")}</p>
      {importKinds.map((option) => (
        <section key={option} aria-labelledby={`columns-${option}`}>
          <h3 id={`columns-${option}`}>{t(`directory.import.kind.${option}`)}</h3>
          <ul className="inline-list">
            {(["xlsx", "csv"] as const).map((format) => (
              <li key={format}>
                <Link
                  to={`/organizations/import/template?kind=${option}&format=${format}`}
                  reloadDocument
                  download
                >
                  {t(`directory.import.template.${format}`, {
                    kind: t(`directory.import.kind.${option}`).toLowerCase(),
                  })}
                </Link>
              </li>
            ))}
          </ul>
          <table>
            <caption className="visually-hidden">
              {t("directory.import.columns")}: {t(`directory.import.kind.${option}`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("directory.import.column")}</th>
                <th scope="col">{t("directory.import.meaning")}</th>
                <th scope="col">{t("directory.import.required")}</th>
              </tr>
            </thead>
            <tbody>
              {importColumns[option].map((column) => (
                <tr key={column.id}>
                  <td>
                    <code>{column.id}</code>
                  </td>
                  <td>{t(column.descriptionKey)}</td>
                  <td>{column.required ? t("directory.import.yes") : t("directory.import.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
