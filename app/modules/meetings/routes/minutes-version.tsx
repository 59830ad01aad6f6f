// /meetings/:id/minutes/versions/:version: one saved version; ?compare=1 shows what changed
// since the previous version with <ins>/<del>.
import { Link } from "react-router";
import type { Route } from "./+types/minutes-version";
import { noStoreHeaders } from "../../../platform/http.ts";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { fieldText, itemFields, itemOf } from "../minutes-rules.ts";
import { getVersion } from "../minutes.ts";
import { listAgenda } from "../service.ts";
import { savedAt, WordDiff } from "./minutes-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, t, url }) => {
    const number = /^\d{1,9}$/.test(args.params.version) ? Number(args.params.version) : 0;
    const { version, previous } = await getVersion(db, actor, args.params.id, number);
    const agenda = await listAgenda(db, actor, args.params.id);
    return {
      meetingId: args.params.id,
      version,
      previous,
      agenda: agenda.map((item) => ({ id: item.id, number: item.number, title: item.title })),
      compare: url.searchParams.has("compare"),
      title: t("minutes.version", { version: version.version }),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function MinutesVersionPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { meetingId, version, previous, agenda, compare } = loaderData;
  const base = `/meetings/${meetingId}/minutes/versions`;
  const showDiff = compare && previous !== null;
  return (
    <section>
      <p>
        <Link to={base}>{t("minutes.versions")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p>
        {t(`minutes.status.${version.status}`)} ·{" "}
        {t("minutes.savedBy", {
          who: version.savedByLabel,
          when: savedAt(locale, version.savedAt),
        })}
      </p>
      {previous ? (
        compare ? null : (
          <p>
            <Link to={`${base}/${version.version}?compare=1`}>{t("minutes.compare")}</Link>
          </p>
        )
      ) : (
        <p>{t("minutes.noPrevious")}</p>
      )}
      {agenda.map((item) => {
        const now = itemOf(version.content, item.id);
        const before = previous ? itemOf(previous.content, item.id) : null;
        return (
          <section key={item.id}>
            <h2>
              {item.number}. {item.title}
            </h2>
            {itemFields.map((field) => (
              <div key={field}>
                <h3>{t(`minutes.field.${field}`)}</h3>
                {showDiff && before ? (
                  <WordDiff older={fieldText(before, field)} newer={fieldText(now, field)} />
                ) : (
                  <p className="prewrap">{fieldText(now, field) || t("minutes.empty")}</p>
                )}
              </div>
            ))}
          </section>
        );
      })}
    </section>
  );
}
