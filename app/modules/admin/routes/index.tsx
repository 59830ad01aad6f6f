import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/index";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { useT } from "../../../ui/i18n.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { noStoreHeaders, refusal } from "../../../platform/http.ts";
import { adminOverview } from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const overview = await adminOverview(await getDb(), actor).catch((error: unknown) =>
    refusal(error, request),
  );
  const timeZone = locale === "nb" ? "Europe/Oslo" : "Europe/Stockholm";
  const t = translator(locale);
  return {
    title: `${t("admin.title")} – ${t("app.name")}`,
    counts: overview.jobs.counts,
    failures: overview.jobs.recentFailures.map((job) => ({
      id: job.id,
      kind: job.kind,
      attempts: job.attempts,
      lastError: job.lastError ?? "",
      finishedAt: job.finishedAt?.toISOString() ?? "",
      finishedAtText: job.finishedAt ? formatDateTime(locale, job.finishedAt, timeZone) : "",
    })),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const statuses = ["queued", "running", "done", "failed"] as const;

export default function AdminIndex() {
  const { counts, failures } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="admin">
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.lead")}</p>
      <ul className="admin-links">
        <li>
          <Link to="/admin/audit">{t("admin.audit.link")}</Link>
          <span className="hint">{t("admin.audit.linkHint")}</span>
        </li>
        <li>
          <Link to="/admin/users">{t("admin.users.link")}</Link>
          <span className="hint">{t("admin.users.linkHint")}</span>
        </li>
        <li>
          <Link to="/organizations/import">{t("admin.import.link")}</Link>
          <span className="hint">{t("admin.import.linkHint")}</span>
        </li>
      </ul>

      <h2>{t("admin.jobs.title")}</h2>
      <table className="compact">
        <caption className="visually-hidden">{t("admin.jobs.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.jobs.status")}</th>
            <th scope="col">{t("admin.jobs.count")}</th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((status) => (
            <tr key={status}>
              <th scope="row">{t(`admin.jobs.status.${status}`)}</th>
              <td>{counts[status]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {failures.length > 0 ? (
        <>
          <h3>{t("admin.jobs.recentFailures")}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.jobs.when")}</th>
                <th scope="col">{t("admin.jobs.kind")}</th>
                <th scope="col">{t("admin.jobs.attempts")}</th>
                <th scope="col">{t("admin.jobs.error")}</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((job) => (
                <tr key={job.id}>
                  <td>
                    <time dateTime={job.finishedAt}>{job.finishedAtText}</time>
                  </td>
                  <td>
                    <code>{job.kind}</code>
                  </td>
                  <td>{job.attempts}</td>
                  <td className="break">{job.lastError}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
