import { Link } from "react-router";
import type { Route } from "./+types/event";
import { useT } from "../../../ui/i18n.tsx";
import { getEventPage, type CommitteeMemberView, type EventOrganizationView } from "../service.ts";
import { ManageLinks, Notice, Paragraphs, useDateRange } from "../ui.tsx";
import { anyonesPage } from "../../../platform/page-loaders.ts";

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, url }) => {
    const page = await getEventPage(db, actor, args.params.id);
    const search = url.searchParams;
    return {
      ...page,
      notice: search.has("created")
        ? "events.page.created"
        : search.has("saved")
          ? "events.page.saved"
          : search.has("status")
            ? "events.edit.statusChanged"
            : null,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData?.event.name },
  ...(loaderData?.event.description
    ? [{ name: "description", content: loaderData.event.description.slice(0, 300) }]
    : []),
];

function OrganizationList({ rows }: { rows: EventOrganizationView[] }) {
  const t = useT();
  return (
    <ul>
      {rows.map((row) => (
        <li key={row.id}>
          <Link to={`/organizations/${row.organizationId}`}>{row.organizationName}</Link>
          {` – ${t(`events.orgRole.${row.role}`)}`}
        </li>
      ))}
    </ul>
  );
}

function CommitteeList({ members }: { members: CommitteeMemberView[] }) {
  const t = useT();
  if (!members.length) return <p>{t("events.page.noMembers")}</p>;
  return (
    <ul>
      {members.map((member) => (
        <li key={member.id}>
          <Link to={`/people/${member.personId}`}>{member.name}</Link>
          {`${member.title ? `, ${member.title}` : ""} – ${t(`events.committeeRole.${member.role}`)}`}
          {member.email ? (
            <>
              <br />
              {t("events.page.email")}: <a href={`mailto:${member.email}`}>{member.email}</a>
            </>
          ) : null}
          {member.phone ? (
            <>
              <br />
              {t("events.page.phone")}:{" "}
              <a href={`tel:${member.phone.replace(/[^+\d]/g, "")}`}>{member.phone}</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function EventPage({ loaderData }: Route.ComponentProps) {
  const { event, can, organizers, partners, committees, mc, sessionCount, notice } = loaderData;
  const t = useT();
  const dateRange = useDateRange();
  return (
    <article>
      <h1>{event.name}</h1>
      <Notice text={notice ? t(notice) : null} />
      {event.status === "draft" ? (
        <p className="notice">
          <strong>{t("events.status.draft")}.</strong> {t("events.page.draftNotice")}
        </p>
      ) : null}
      {event.status === "cancelled" ? (
        <p className="notice error">
          <strong>{t("events.page.cancelledNotice")}</strong>
        </p>
      ) : null}
      <ManageLinks eventId={event.id} can={can} />
      <dl className="facts">
        <dt>{t("events.field.kind")}</dt>
        <dd>{t(`events.kind.${event.kind}`)}</dd>
        <dt>{t("events.page.when")}</dt>
        <dd>
          <time dateTime={event.startDate}>{dateRange(event.startDate, event.endDate)}</time>
        </dd>
        {event.venueName || event.venueAddress ? (
          <>
            <dt>{t("events.page.where")}</dt>
            <dd>{[event.venueName, event.venueAddress].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        {mc ? (
          <>
            <dt>{t("events.field.mc")}</dt>
            <dd>
              {mc.name}
              {mc.organizationName ? `, ${mc.organizationName}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      <Paragraphs text={event.description} />

      <section aria-labelledby="program">
        <h2 id="program">{t("events.page.program")}</h2>
        {sessionCount > 0 ? (
          <p>
            <Link className="button" to={`/events/${event.id}/program`}>
              {t("events.page.programLink")}
            </Link>{" "}
            {t("events.page.sessionCount", { count: sessionCount })}
          </p>
        ) : (
          <p>{t("events.page.programEmpty")}</p>
        )}
        {event.status === "published" ? (
          <p>
            <Link className="button" to={`/events/${event.id}/register`}>
              {t("registrations.link.register")}
            </Link>
          </p>
        ) : null}
        <p>
          <Link to={`/events/${event.id}/bookings`}>{t("bookings.event.short")}</Link>
        </p>
      </section>

      {organizers.length ? (
        <section aria-labelledby="organizers">
          <h2 id="organizers">{t("events.page.organizers")}</h2>
          <OrganizationList rows={organizers} />
        </section>
      ) : null}
      {partners.length ? (
        <section aria-labelledby="partners">
          <h2 id="partners">{t("events.page.partners")}</h2>
          <OrganizationList rows={partners} />
        </section>
      ) : null}
      {committees.program.length || committees.organizing.length ? (
        <section aria-labelledby="committees">
          <h2 id="committees">{t("events.page.committees")}</h2>
          {(["program", "organizing"] as const).map((committee) =>
            committees[committee].length ? (
              <section key={committee} aria-labelledby={`committee-${committee}`}>
                <h3 id={`committee-${committee}`}>{t(`events.committee.${committee}`)}</h3>
                <CommitteeList members={committees[committee]} />
              </section>
            ) : null,
          )}
        </section>
      ) : null}
    </article>
  );
}
