import { Link } from "react-router";
import type { Route } from "./+types/meeting";
import { formatCalendarDate } from "../../../i18n/format.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { getMeeting, type Participant } from "../service.ts";
import { AgendaCells, AgendaHead, entryKey, meetingDate, meetingTimes } from "./meeting-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, url }) => {
    const page = await getMeeting(db, actor, args.params.id);
    return {
      page,
      notice: url.searchParams.has("planned")
        ? "meetings.series.planned"
        : url.searchParams.has("saved")
          ? "meetings.meeting.saved"
          : url.searchParams.has("cancelled")
            ? "meetings.meeting.cancelledDone"
            : null,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData?.page.meeting.title },
];

function ParticipantRows({ list, guests }: { list: Participant[]; guests?: boolean }) {
  const t = useT();
  return (
    <tbody>
      {list.map((p) => {
        const absent = p.attendance === "absent" || p.attendance === "absent_with_notice";
        return (
          <tr key={p.id}>
            <td>{absent ? <del>{p.name}</del> : p.name}</td>
            <td>{p.organizationName ?? ""}</td>
            {guests ? (
              <td>{p.items.map((item) => `${item.number}. ${item.title}`).join(", ")}</td>
            ) : null}
            <td>{t(`meetings.attendance.${p.attendance}`)}</td>
          </tr>
        );
      })}
    </tbody>
  );
}

export default function MeetingPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { page, notice } = loaderData;
  const { meeting, can } = page;
  const zone = meeting.timeZone;
  return (
    <section>
      <p>
        <Link to={`/networks/${page.network.id}`}>{page.network.name}</Link>
        {page.series ? (
          <>
            {" · "}
            <Link to={`/series/${page.series.id}`}>{page.series.name}</Link>
          </>
        ) : null}
      </p>
      <h1>{meeting.status === "cancelled" ? <del>{meeting.title}</del> : meeting.title}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      {meeting.status === "cancelled" ? (
        <p className="notice error">{t("meetings.meeting.cancelledNotice")}</p>
      ) : null}
      <dl className="facts">
        <dt>{t("meetings.meeting.date")}</dt>
        <dd>{meetingDate(locale, meeting.startsAt, zone)}</dd>
        <dt>{t("meetings.meeting.time")}</dt>
        <dd>
          {meetingTimes(locale, meeting.startsAt, meeting.endsAt, zone)}{" "}
          <span className="hint">{t("meetings.meeting.timeZoneNote", { zone })}</span>
        </dd>
        {can.readMembersContent ? (
          <>
            <dt>{t("meetings.meeting.place")}</dt>
            <dd>{meeting.place || t("meetings.meeting.none")}</dd>
            {meeting.onlineUrl ? (
              <>
                <dt>{t("meetings.meeting.onlineUrl")}</dt>
                <dd>
                  <a href={meeting.onlineUrl}>{t("meetings.meeting.join")}</a>
                </dd>
              </>
            ) : null}
            <dt>{t("meetings.meeting.chair")}</dt>
            <dd>{page.chair?.name ?? t("meetings.meeting.none")}</dd>
            <dt>{t("meetings.meeting.secretary")}</dt>
            <dd>{page.secretary?.name ?? t("meetings.meeting.none")}</dd>
          </>
        ) : null}
      </dl>

      <nav aria-label={t("meetings.meeting.links")} className="actions">
        {can.readMinutes ? (
          <>
            <Link to={`/meetings/${meeting.id}/minutes`}>{t("meetings.meeting.minutes")}</Link>
            <a href={`/meetings/${meeting.id}/minutes.docx`}>
              {t("meetings.meeting.downloads")} DOCX
            </a>
            <a href={`/meetings/${meeting.id}/minutes.pdf`}>
              {t("meetings.meeting.downloads")} PDF
            </a>
          </>
        ) : null}
        {can.edit ? (
          <Link to={`/meetings/${meeting.id}/edit`}>{t("meetings.meeting.edit")}</Link>
        ) : null}
        {can.edit ? (
          <Link to={`/meetings/${meeting.id}/agenda`}>{t("meetings.meeting.editAgenda")}</Link>
        ) : null}
        {can.edit || can.updateOwnAttendance ? (
          <Link to={`/meetings/${meeting.id}/attendance`}>
            {can.edit ? t("meetings.meeting.attendance") : t("meetings.meeting.myAttendance")}
          </Link>
        ) : null}
      </nav>

      {!can.readMembersContent ? (
        <p>{t("meetings.meeting.membersOnly")}</p>
      ) : (
        <>
          <h2>{t("meetings.meeting.agenda")}</h2>
          {page.agenda.length === 0 ? (
            <p>{t("meetings.meeting.noAgenda")}</p>
          ) : (
            <table>
              <AgendaHead last={t("meetings.agenda.documents")} />
              <tbody>
                {page.agenda.map((item) => (
                  <tr key={item.id}>
                    <AgendaCells item={item} />
                    <td>
                      {item.documentLinks.length ? (
                        <ul className="plain">
                          {item.documentLinks.map((link, index) => (
                            <li key={index}>
                              <a href={link.url} rel="noopener noreferrer">
                                {link.title}
                              </a>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h2>{t("meetings.meeting.participants")}</h2>
          {page.members.length === 0 ? (
            <p>{t("meetings.meeting.noParticipants")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("meetings.attendance.person")}</th>
                  <th scope="col">{t("meetings.attendance.organization")}</th>
                  <th scope="col">{t("meetings.meeting.attendance")}</th>
                </tr>
              </thead>
              <ParticipantRows list={page.members} />
            </table>
          )}

          {page.guests.length ? (
            <>
              <h2>{t("meetings.meeting.guests")}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("meetings.attendance.person")}</th>
                    <th scope="col">{t("meetings.attendance.organization")}</th>
                    <th scope="col">{t("meetings.agenda.title")}</th>
                    <th scope="col">{t("meetings.meeting.attendance")}</th>
                  </tr>
                </thead>
                <ParticipantRows list={page.guests} guests />
              </table>
            </>
          ) : null}

          {page.series ? <h2>{t("meetings.meeting.openActions")}</h2> : null}
          {!page.series ? null : page.openActions.length === 0 ? (
            <p>{t("meetings.meeting.noActions")}</p>
          ) : (
            <ul>
              {page.openActions.map((action) => (
                <li key={action.id}>
                  {action.title}
                  {action.ownerName ? ` – ${action.ownerName}` : ""}
                  {action.dueDate ? ` – ${formatCalendarDate(locale, action.dueDate)}` : ""} (
                  <Link to={`/meetings/${action.meetingId}`}>
                    {t("meetings.meeting.itemFrom", {
                      meeting: meetingDate(locale, action.meetingStartsAt, zone),
                    })}
                  </Link>
                  )
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {page.series ? (
        <>
          <h2>{t("meetings.meeting.nextMeetings")}</h2>
          {page.nextMeetings.length === 0 ? (
            <p>{t("meetings.series.none")}</p>
          ) : (
            <ul className="plain">
              {page.nextMeetings.map((entry) => {
                const label = `${meetingDate(locale, entry.startsAt, zone)} ${meetingTimes(locale, entry.startsAt, entry.endsAt, zone)}`;
                return (
                  <li key={entryKey(entry)}>
                    {entry.kind === "meeting" ? (
                      <>
                        <Link to={`/meetings/${entry.meetingId}`}>
                          {entry.cancelled ? <del>{label}</del> : label}
                        </Link>
                        {entry.moved ? ` (${t("meetings.series.moved")})` : null}
                        {entry.cancelled ? ` (${t("meetings.series.cancelled")})` : null}
                      </>
                    ) : (
                      <>
                        {label} – {t("meetings.series.notPlanned")}
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
