import { data, Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/audit";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import type { AuditFilter } from "../../../platform/audit/service.ts";
import { isAppError, type FieldErrors } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { noStoreHeaders, refusal } from "../../../platform/http.ts";
import {
  auditPageHref,
  describeChanges,
  entityHref,
  entityTypeKey,
  type ChangeLine,
} from "../rules.ts";
import { auditLogPage } from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

function filterOf(url: URL): AuditFilter {
  const value = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  return { entityType: value("entityType"), entityId: value("entityId"), cursor: value("cursor") };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const t = translator(locale);
  const db = await getDb();
  const filter = filterOf(new URL(request.url));
  let fieldErrors: FieldErrors | undefined;
  let page: Awaited<ReturnType<typeof auditLogPage>>;
  try {
    page = await auditLogPage(db, actor, filter);
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation") refusal(error, request);
    fieldErrors = error.fieldErrors;
    page = { ...(await auditLogPage(db, actor, {})), entries: [], nextCursor: null };
  }
  const timeZone = locale === "nb" ? "Europe/Oslo" : "Europe/Stockholm";
  const typeName = (type: string) => {
    const name = t(entityTypeKey(type));
    return name === entityTypeKey(type) ? type : name;
  };
  const result = {
    title: `${t("admin.audit.title")} – ${t("app.name")}`,
    filter: { entityType: filter.entityType ?? "", entityId: filter.entityId ?? "" },
    fieldErrors,
    entityTypes: page.entityTypes.map((type) => ({ value: type, label: typeName(type) })),
    entries: page.entries.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      atText: formatDateTime(locale, entry.at, timeZone),
      actorLabel:
        entry.actorId === null && entry.actorLabel === "system"
          ? t("admin.audit.system")
          : entry.actorLabel,
      action: entry.action,
      entityType: entry.entityType,
      entityTypeName: typeName(entry.entityType),
      entityLabel: entry.entityLabel || entry.entityId,
      entityHref: entry.action === "delete" ? null : entityHref(entry.entityType, entry.entityId),
      historyHref: auditPageHref({ entityType: entry.entityType, entityId: entry.entityId }),
      changes: describeChanges(entry.action, entry.changes),
    })),
    olderHref: page.nextCursor ? auditPageHref({ ...filter, cursor: page.nextCursor }) : null,
    newestHref: filter.cursor ? auditPageHref({ ...filter, cursor: undefined }) : null,
    filtered: Boolean(filter.entityType || filter.entityId),
  };
  return fieldErrors ? data(result, { status: 400, headers: noStoreHeaders }) : result;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const VISIBLE_CHANGES = 8;

function ChangeItem({ line }: { line: ChangeLine }) {
  const t = useT();
  const value = (text: string | null) =>
    text === null ? (
      <span className="audit-empty">
        <span aria-hidden="true">∅</span>
        <span className="visually-hidden">{t("admin.audit.emptyValue")}</span>
      </span>
    ) : (
      <span className="audit-value">{text}</span>
    );
  return (
    <li>
      <code>{line.field}</code>: {value(line.before)}
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> {t("admin.audit.changedTo")} </span>
      {value(line.after)}
    </li>
  );
}

function Changes({ lines }: { lines: ChangeLine[] }) {
  const t = useT();
  if (lines.length === 0) return null;
  const visible = lines.slice(0, VISIBLE_CHANGES);
  const hidden = lines.slice(VISIBLE_CHANGES);
  return (
    <>
      <ul className="audit-changes">
        {visible.map((line) => (
          <ChangeItem key={line.field} line={line} />
        ))}
      </ul>
      {hidden.length > 0 ? (
        <details>
          <summary>{t("admin.audit.more", { count: hidden.length })}</summary>
          <ul className="audit-changes">
            {hidden.map((line) => (
              <ChangeItem key={line.field} line={line} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export default function AuditLog() {
  const { filter, fieldErrors, entityTypes, entries, olderHref, newestHref, filtered } =
    useLoaderData<typeof loader>();
  const t = useT();
  const knownType = entityTypes.some((type) => type.value === filter.entityType);
  return (
    <section className="admin-audit">
      <p className="breadcrumbs">
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("admin.audit.title")}</h1>
      <p className="lead">{t("admin.audit.lead")}</p>

      <ErrorSummary
        errors={fieldErrors}
        labels={{
          entityType: t("admin.audit.entityType"),
          entityId: t("admin.audit.entityId"),
          cursor: t("pagination.label"),
        }}
      />
      <Form method="get" className="filters" role="search" aria-label={t("admin.audit.filters")}>
        <Field name="entityType" label={t("admin.audit.entityType")} errors={fieldErrors}>
          {(props) => (
            <select {...props} defaultValue={filter.entityType}>
              <option value="">{t("admin.audit.entityTypeAll")}</option>
              {entityTypes.map((type) => (
                <option key={type.value} value={type.value}>
                  {type.label}
                </option>
              ))}
              {filter.entityType && !knownType ? (
                <option value={filter.entityType}>{filter.entityType}</option>
              ) : null}
            </select>
          )}
        </Field>
        <Field
          name="entityId"
          label={t("admin.audit.entityId")}
          defaultValue={filter.entityId}
          errors={fieldErrors}
        />
        <button type="submit">{t("action.filter")}</button>
        {filtered ? (
          <Link to="/admin/audit" className="button secondary">
            {t("admin.audit.clear")}
          </Link>
        ) : null}
      </Form>

      {entries.length === 0 ? (
        <p>{t("admin.audit.empty")}</p>
      ) : (
        <table className="audit-table">
          <caption className="visually-hidden">{t("admin.audit.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.audit.when")}</th>
              <th scope="col">{t("admin.audit.who")}</th>
              <th scope="col">{t("admin.audit.action")}</th>
              <th scope="col">{t("admin.audit.entity")}</th>
              <th scope="col">{t("admin.audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at}>{entry.atText}</time>
                </td>
                <td>{entry.actorLabel}</td>
                <td>{t(`admin.audit.action.${entry.action}`)}</td>
                <td>
                  <span className="audit-type">{entry.entityTypeName}</span>{" "}
                  {entry.entityHref ? (
                    <Link to={entry.entityHref}>{entry.entityLabel}</Link>
                  ) : (
                    <span>{entry.entityLabel}</span>
                  )}
                  <br />
                  <Link to={entry.historyHref} className="audit-history">
                    {t("admin.audit.history")}
                    <span className="visually-hidden">
                      {": "}
                      {entry.entityLabel}
                    </span>
                  </Link>
                </td>
                <td className="break">
                  <Changes lines={entry.changes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {olderHref || newestHref ? (
        <nav className="pagination" aria-label={t("pagination.label")}>
          {newestHref ? <Link to={newestHref}>{t("admin.audit.newest")}</Link> : null}
          {olderHref ? <Link to={olderHref}>{t("admin.audit.older")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
