// /meetings/:id/minutes: the minutes as secretaries write them (header, participants, items with
// notes, reflections, decisions and actions, next meetings), with downloads and, for editors,
// links to edit and to the versions.
import { data, Link } from "react-router";
import type { Route } from "./+types/minutes";
import { noStoreHeaders } from "../../../platform/http.ts";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { formatCalendarDate } from "../../../i18n/format.ts";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { canEditNetwork } from "../../networks/policy.ts";
import { loadMinutesDocument } from "../documents.ts";
import { minutesAccess } from "../minutes.ts";
import { meetingDate, meetingTimes } from "./meeting-ui.tsx";

/**
 * Published public minutes are the same for every anonymous reader (and so are served from the
 * page cache for them); any other minutes are kept out of every cache.
 */
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, t }) => {
    const doc = await loadMinutesDocument(db, actor, args.params.id);
    // Editors get the edit link (the public never edits: no extra queries for them).
    const canEdit = actor
      ? canEditNetwork((await minutesAccess(db, actor, args.params.id)).access)
      : false;
    // The page's data is what the page shows: the document (without members' content for
    // those who may not read it, see loadMinutesDocument), not its caching flag.
    const { isPublic, ...shown } = doc;
    return data(
      {
        doc: shown,
        canEdit,
        title: t("minutes.pageTitle", { title: doc.meeting.title }),
      },
      { headers: isPublic ? {} : noStoreHeaders },
    );
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function MinutesPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { doc, canEdit } = loaderData;
  const { meeting } = doc;
  const base = `/meetings/${meeting.id}`;
  return (
    <article className="minutes">
      <p>
        <Link to={base}>{t("minutes.backToMeeting")}</Link>
      </p>
      <header>
        <p>
          {doc.organization.name} · {doc.network.name}
        </p>
        <h1>
          {t("meetingDocuments.doc.minutes")}: {meeting.title}
        </h1>
        <dl>
          <dt>{t("meetingDocuments.doc.date")}</dt>
          <dd>{meetingDate(locale, meeting.startsAt, meeting.timeZone)}</dd>
          <dt>{t("meetingDocuments.doc.time")}</dt>
          <dd>{meetingTimes(locale, meeting.startsAt, meeting.endsAt, meeting.timeZone)}</dd>
          {meeting.place ? (
            <>
              <dt>{t("meetingDocuments.doc.place")}</dt>
              <dd>{meeting.place}</dd>
            </>
          ) : null}
          {meeting.onlineUrl ? (
            <>
              <dt>{t("meetingDocuments.doc.online")}</dt>
              <dd>
                <a href={meeting.onlineUrl}>{meeting.onlineUrl}</a>
              </dd>
            </>
          ) : null}
          <dt>{t("minutes.status")}</dt>
          <dd>{t(`minutes.status.${doc.minutes.status}`)}</dd>
        </dl>
        <ul className="plain">
          <li>
            <a href={`${base}/minutes.docx`}>{t("meetingDocuments.download.docx")}</a>
          </li>
          <li>
            <a href={`${base}/minutes.pdf`}>{t("meetingDocuments.download.pdf")}</a>
          </li>
          {canEdit ? (
            <>
              <li>
                <Link to={`${base}/minutes/edit`}>{t("minutes.edit")}</Link>
              </li>
              <li>
                <Link to={`${base}/minutes/versions`}>{t("minutes.versions")}</Link>
              </li>
            </>
          ) : null}
        </ul>
      </header>

      <section>
        <h2>{t("meetingDocuments.doc.participants")}</h2>
        <ul>
          {doc.participants.map((p, index) => {
            const who = `${p.name}${p.organization ? `, ${p.organization}` : ""}`;
            if (p.attendance === "absent_with_notice" || p.attendance === "absent")
              return (
                <li key={index}>
                  <del>{who}</del> (
                  {t(
                    p.attendance === "absent"
                      ? "meetingDocuments.doc.absent"
                      : "meetingDocuments.doc.absentWithNotice",
                  )}
                  )
                </li>
              );
            return <li key={index}>{who}</li>;
          })}
        </ul>
        {doc.guests.length ? (
          <>
            <h3>{t("meetingDocuments.doc.otherParticipants")}</h3>
            <ul>
              {doc.guests.map((g, index) => (
                <li key={index}>
                  {g.name}
                  {g.organization ? `, ${g.organization}` : ""}
                  {g.items.length
                    ? ` (${g.items
                        .map((i) =>
                          t("meetingDocuments.doc.forItem", {
                            position: i.position,
                            title: i.title,
                          }),
                        )
                        .join("; ")})`
                    : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {doc.items.length === 0 ? <p>{t("minutes.noItems")}</p> : null}
      {doc.items.map((item) => (
        <section key={item.id}>
          <h2>
            {item.position}. {item.title}
          </h2>
          {item.responsible.length ? (
            <p>
              {t("meetingDocuments.doc.responsible")}: {item.responsible.join(", ")}
            </p>
          ) : null}
          {item.notes ? (
            item.notes.split(/\n{2,}/).map((paragraph, index) => (
              <p key={index} className="prewrap">
                {paragraph}
              </p>
            ))
          ) : (
            <p>{t("minutes.empty")}</p>
          )}
          {item.reflections.length ? (
            <>
              <h3>{t("meetingDocuments.doc.reflections")}</h3>
              <ul>
                {item.reflections.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
          {item.decisions.length ? (
            <>
              <h3>{t("meetingDocuments.doc.decisions")}</h3>
              <ul>
                {item.decisions.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
          {item.actions.length ? (
            <>
              <h3>{t("meetingDocuments.doc.actions")}</h3>
              <ul>
                {item.actions.map((action, index) => (
                  <li key={index}>
                    {action.title}
                    {action.owner ? ` – ${action.owner}` : ""}
                    {action.dueDate
                      ? `, ${t("meetingDocuments.doc.due", {
                          date: formatCalendarDate(locale, action.dueDate),
                        })}`
                      : ""}{" "}
                    ({t(`minutes.actions.status.${action.status}`)})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}

      <section>
        <h2>{t("meetingDocuments.doc.nextMeetings")}</h2>
        {doc.nextMeetings.length === 0 ? (
          <p>{t("meetingDocuments.doc.noNextMeetings")}</p>
        ) : (
          <ul>
            {doc.nextMeetings.map((next, index) => (
              <li key={index}>
                {meetingDate(locale, next.startsAt, meeting.timeZone)}{" "}
                {meetingTimes(locale, next.startsAt, next.endsAt, meeting.timeZone)}: {next.title}
                {next.cancelled ? ` (${t("meetingDocuments.doc.cancelled")})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
