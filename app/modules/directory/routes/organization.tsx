import { formatDate as formatInstant } from "../../../i18n/format.ts";
import { Link } from "react-router";
import type { Route } from "./+types/organization";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { formatOrgNumber } from "../rules.ts";
import { getOrganizationOverview } from "../service.ts";
import { kindLabel, useFormatDate } from "../ui.tsx";

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, url }) => {
    const overview = await getOrganizationOverview(db, actor, args.params.id);
    const saved = url.searchParams.has("saved");
    return { ...overview, saved };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData?.organization.name },
];

export default function OrganizationPage({ loaderData }: Route.ComponentProps) {
  const { organization, ancestors, children, members, can, saved } = loaderData;
  const t = useT();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const current = members.filter((member) => member.current);
  const former = members.filter((member) => !member.current);
  return (
    <article>
      {ancestors.length ? (
        <nav aria-label={t("directory.organization.breadcrumb")} className="breadcrumb">
          <ol>
            {ancestors.map((ancestor) => (
              <li key={ancestor.id}>
                <Link to={`/organizations/${ancestor.id}`}>{ancestor.name}</Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <h1>{organization.name}</h1>
      {saved ? (
        <p className="notice" role="status">
          {t("directory.organization.saved")}
        </p>
      ) : null}
      {can.update || can.delete || can.createChild || can.addPeople ? (
        <p className="actions">
          {can.update ? (
            <Link className="button" to={`/organizations/${organization.id}/edit`}>
              {t("action.edit")}
            </Link>
          ) : null}
          {can.createChild ? (
            <Link className="button secondary" to={`/organizations/new?parent=${organization.id}`}>
              {t("directory.organization.newChild")}
            </Link>
          ) : null}
          {can.addPeople ? (
            <Link className="button secondary" to={`/people/new?organization=${organization.id}`}>
              {t("directory.organization.addPerson")}
            </Link>
          ) : null}
          {can.delete ? (
            <Link className="button secondary" to={`/organizations/${organization.id}/delete`}>
              {t("action.delete")}
            </Link>
          ) : null}
        </p>
      ) : null}

      <h2>{t("directory.organization.facts")}</h2>
      <dl className="facts">
        <dt>{t("directory.field.kind")}</dt>
        <dd>{kindLabel(t, organization.kind)}</dd>
        <dt>{t("directory.field.country")}</dt>
        <dd>{t(`directory.country.${organization.country}`)}</dd>
        <dt>{t("directory.field.parent")}</dt>
        <dd>
          {ancestors.length ? (
            <Link to={`/organizations/${ancestors[ancestors.length - 1]!.id}`}>
              {ancestors[ancestors.length - 1]!.name}
            </Link>
          ) : (
            t("directory.none")
          )}
        </dd>
        <dt>{t("directory.field.organizationNumber")}</dt>
        <dd>
          {formatOrgNumber(organization.country, organization.organizationNumber) ||
            t("directory.none")}
        </dd>
        {organization.hsaId ? (
          <>
            <dt>{t("directory.field.hsaId")}</dt>
            <dd>{organization.hsaId}</dd>
          </>
        ) : null}
        <dt>{t("directory.field.website")}</dt>
        <dd>
          {organization.website ? (
            <a href={organization.website} rel="noopener noreferrer">
              {organization.website}
            </a>
          ) : (
            t("directory.none")
          )}
        </dd>
        <dt>{t("directory.field.timeZone")}</dt>
        <dd>{t(`directory.timeZone.${organization.timeZone}`)}</dd>
        <dt>{t("directory.organization.updatedAt")}</dt>
        <dd>{formatInstant(locale, organization.updatedAt, organization.timeZone)}</dd>
      </dl>

      <h2>{t("directory.organization.children")}</h2>
      {children.length ? (
        <ul>
          {children.map((child) => (
            <li key={child.id}>
              <Link to={`/organizations/${child.id}`}>{child.name}</Link> (
              {kindLabel(t, child.kind)})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("directory.organization.noChildren")}</p>
      )}

      <h2>{t("directory.organization.people")}</h2>
      {current.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("directory.field.personName")}</th>
              <th scope="col">{t("directory.field.title")}</th>
              <th scope="col">{t("directory.field.startDate")}</th>
            </tr>
          </thead>
          <tbody>
            {current.map((member) => (
              <tr key={member.affiliationId}>
                <td>
                  <Link to={`/people/${member.personId}`}>{member.name}</Link>
                </td>
                <td>{member.title}</td>
                <td>{formatDate(member.startDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("directory.organization.noPeople")}</p>
      )}
      {former.length ? (
        <>
          <h3>{t("directory.organization.formerPeople")}</h3>
          <ul>
            {former.map((member) => (
              <li key={member.affiliationId}>
                <Link to={`/people/${member.personId}`}>{member.name}</Link>
                {member.title ? `, ${member.title}` : ""} ({formatDate(member.startDate)} –{" "}
                {formatDate(member.endDate)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}
