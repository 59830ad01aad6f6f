import { Link } from "react-router";
import type { Route } from "./+types/network";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { useT } from "../../../ui/i18n.tsx";
import { useFormatDate } from "../../directory/ui.tsx";
import { getNetworkOverview } from "../service.ts";
import { MeetingList, roleLabel, SeatTable, usePeriod, visibilityLabel } from "../ui.tsx";

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, url }) => {
    const overview = await getNetworkOverview(db, actor, args.params.id);
    const search = url.searchParams;
    return { ...overview, saved: search.has("saved"), created: search.has("created") };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.network.name }];

export default function NetworkPage({ loaderData }: Route.ComponentProps) {
  const {
    network,
    can,
    myRole,
    groups,
    history,
    upcomingMembers,
    seatRules,
    seats,
    upcomingMeetings,
    pastMeetings,
    series,
    openActions,
    saved,
    created,
  } = loaderData;
  const t = useT();
  const formatDate = useFormatDate();
  const period = usePeriod();
  return (
    <article>
      <h1>{network.name}</h1>
      {saved || created ? (
        <p className="notice" role="status">
          {t(created ? "networks.page.created" : "networks.page.saved")}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("networks.page.owner")}</dt>
        <dd>
          <Link to={`/organizations/${network.ownerOrganizationId}`}>
            {network.ownerOrganizationName}
          </Link>
        </dd>
        <dt>{t("networks.field.visibility")}</dt>
        <dd>{visibilityLabel(t, network.visibility)}</dd>
        {myRole ? (
          <>
            <dt>{t("networks.page.myRole")}</dt>
            <dd>{roleLabel(t, myRole)}</dd>
          </>
        ) : null}
      </dl>
      {network.description ? (
        <div className="description">
          {network.description.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      ) : null}
      {can.edit ? (
        <p className="actions">
          <Link className="button" to={`/networks/${network.id}/edit`}>
            {t("action.edit")}
          </Link>
          <Link className="button secondary" to={`/networks/${network.id}/members`}>
            {t("networks.page.manageMembers")}
          </Link>
          <Link className="button secondary" to={`/networks/${network.id}/seats`}>
            {t("networks.page.manageSeats")}
          </Link>
          <Link className="button secondary" to={`/networks/${network.id}/series/new`}>
            {t("networks.page.newSeries")}
          </Link>
          <Link className="button secondary" to={`/networks/${network.id}/meetings/new`}>
            {t("networks.page.newMeeting")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="series">
        <h2 id="series">{t("networks.series.title")}</h2>
        {series.length ? (
          <ul>
            {series.map((entry) => (
              <li key={entry.id}>
                <Link to={`/series/${entry.id}`}>{entry.name}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("networks.series.none")}</p>
        )}
      </section>

      <section aria-labelledby="meetings-upcoming">
        <h2 id="meetings-upcoming">{t("networks.meetings.upcoming")}</h2>
        <MeetingList meetings={upcomingMeetings} />
      </section>

      {can.readMembersContent ? (
        <section aria-labelledby="open-actions">
          <h2 id="open-actions">{t("networks.actions.title")}</h2>
          {openActions.length ? (
            <div className="table-scroll">
              <table aria-labelledby="open-actions">
                <thead>
                  <tr>
                    <th scope="col">{t("networks.actions.action")}</th>
                    <th scope="col">{t("networks.actions.owner")}</th>
                    <th scope="col">{t("networks.actions.due")}</th>
                    <th scope="col">{t("networks.actions.meeting")}</th>
                  </tr>
                </thead>
                <tbody>
                  {openActions.map((action) => (
                    <tr key={action.id}>
                      <td>
                        {action.title}
                        {action.status === "in_progress"
                          ? ` (${t("networks.actions.status.in_progress")})`
                          : ""}
                      </td>
                      <td>
                        {action.ownerPersonId ? (
                          <Link to={`/people/${action.ownerPersonId}`}>{action.ownerName}</Link>
                        ) : (
                          t("networks.none")
                        )}
                      </td>
                      <td className="nowrap">
                        {action.dueDate ? formatDate(action.dueDate) : t("networks.none")}
                      </td>
                      <td>
                        <Link to={`/meetings/${action.meetingId}`}>{action.meetingTitle}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t("networks.actions.none")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="members">
        <h2 id="members">{t("networks.page.members")}</h2>
        {groups.length ? (
          groups.map((group) => (
            <section key={group.organizationId} aria-labelledby={`org-${group.organizationId}`}>
              <h3 id={`org-${group.organizationId}`}>
                <Link to={`/organizations/${group.organizationId}`}>{group.organizationName}</Link>
              </h3>
              <ul>
                {group.members.map((member) => (
                  <li key={member.id}>
                    <Link to={`/people/${member.personId}`}>{member.name}</Link>
                    {member.title ? `, ${member.title}` : ""} – {roleLabel(t, member.role)}
                  </li>
                ))}
              </ul>
            </section>
          ))
        ) : (
          <p>{t("networks.page.membersNone")}</p>
        )}
        {upcomingMembers.length ? (
          <>
            <h3>{t("networks.page.upcomingMembers")}</h3>
            <ul>
              {upcomingMembers.map((member) => (
                <li key={member.id}>
                  <Link to={`/people/${member.personId}`}>{member.name}</Link> (
                  {member.organizationName}) – {roleLabel(t, member.role)}, {period(member)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {seatRules.length ? (
        <section aria-labelledby="seats">
          <h2 id="seats">{t("networks.seats.title")}</h2>
          <p>{t("networks.seats.lead")}</p>
          <SeatTable seats={seats} headingId="seats" />
        </section>
      ) : null}

      <section aria-labelledby="meetings-past">
        <h2 id="meetings-past">{t("networks.meetings.past")}</h2>
        <MeetingList meetings={pastMeetings} />
      </section>

      {history.length ? (
        <section aria-labelledby="history">
          <h2 id="history">{t("networks.page.history")}</h2>
          <ul>
            {history.map((member) => (
              <li key={member.id}>
                <Link to={`/people/${member.personId}`}>{member.name}</Link> (
                {member.organizationName}) – {roleLabel(t, member.role)}, {period(member)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
