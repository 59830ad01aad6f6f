import { Link } from "react-router";
import type { Route } from "./+types/person";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { useT } from "../../../ui/i18n.tsx";
import { canSeeContactDetails } from "../policy.ts";
import { getPersonOverview } from "../service.ts";
import { useFormatDate } from "../ui.tsx";

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, url }) => {
    const overview = await getPersonOverview(db, actor, args.params.id);
    return {
      ...overview,
      showContact: canSeeContactDetails(actor),
      saved: url.searchParams.has("saved"),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.person.name }];

export default function PersonPage({ loaderData }: Route.ComponentProps) {
  const { person, affiliations, can, showContact, saved } = loaderData;
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <article>
      <h1>{person.name}</h1>
      {person.title ? <p className="lead">{person.title}</p> : null}
      {saved ? (
        <p className="notice" role="status">
          {t("directory.person.saved")}
        </p>
      ) : null}
      {can.update || can.delete ? (
        <p className="actions">
          {can.update ? (
            <Link className="button" to={`/people/${person.id}/edit`}>
              {t("action.edit")}
            </Link>
          ) : null}
          {can.delete ? (
            <Link className="button secondary" to={`/people/${person.id}/delete`}>
              {t("action.delete")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {showContact ? (
        <dl className="facts">
          <dt>{t("directory.field.email")}</dt>
          <dd>
            {person.email ? (
              <a href={`mailto:${person.email}`}>{person.email}</a>
            ) : (
              t("directory.none")
            )}
          </dd>
          <dt>{t("directory.field.phone")}</dt>
          <dd>
            {person.phone ? (
              <a href={`tel:${person.phone.replace(/[^+0-9]/g, "")}`}>{person.phone}</a>
            ) : (
              t("directory.none")
            )}
          </dd>
        </dl>
      ) : (
        <p>
          <Link to={`/login?next=${encodeURIComponent(`/people/${person.id}`)}`}>
            {t("directory.person.contactHidden")}
          </Link>
        </p>
      )}
      <h2>{t("directory.person.organizations")}</h2>
      {affiliations.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("directory.field.organization")}</th>
              <th scope="col">{t("directory.field.title")}</th>
              <th scope="col">{t("directory.affiliation.period")}</th>
              <th scope="col">{t("directory.affiliation.status")}</th>
            </tr>
          </thead>
          <tbody>
            {affiliations.map((affiliation) => (
              <tr key={affiliation.id}>
                <td>
                  <Link to={`/organizations/${affiliation.organizationId}`}>
                    {affiliation.organizationName}
                  </Link>
                </td>
                <td>{affiliation.title}</td>
                <td>
                  {affiliation.startDate || affiliation.endDate
                    ? `${formatDate(affiliation.startDate)} – ${formatDate(affiliation.endDate)}`
                    : null}
                </td>
                <td>
                  {affiliation.current
                    ? t("directory.person.current")
                    : t("directory.person.former")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("directory.person.noOrganizations")}</p>
      )}
    </article>
  );
}
