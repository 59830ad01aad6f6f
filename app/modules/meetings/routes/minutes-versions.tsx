// /meetings/:id/minutes/versions: every saved version of the minutes, newest first.
import { Link } from "react-router";
import type { Route } from "./+types/minutes-versions";
import { noStoreHeaders } from "../../../platform/http.ts";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { listVersions, minutesAccess } from "../minutes.ts";
import { savedAt } from "./minutes-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, t }) => {
    const versions = await listVersions(db, actor, args.params.id);
    const { meeting } = await minutesAccess(db, actor, args.params.id);
    return {
      meeting: { id: meeting.id, title: meeting.title },
      versions,
      title: t("minutes.versionsTitle", { title: meeting.title }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function MinutesVersionsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { meeting, versions } = loaderData;
  const base = `/meetings/${meeting.id}/minutes`;
  return (
    <section>
      <p>
        <Link to={base}>{t("minutes.read")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {versions.length === 0 ? (
        <p>{t("minutes.noVersions")}</p>
      ) : (
        <ul>
          {versions.map((v) => (
            <li key={v.version}>
              <Link to={`${base}/versions/${v.version}`}>
                {t("minutes.version", { version: v.version })}
              </Link>{" "}
              ({t(`minutes.status.${v.status}`)}){" "}
              {t("minutes.savedBy", { who: v.savedByLabel, when: savedAt(locale, v.savedAt) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
