// Components shared by the networks' pages.
import { Link } from "react-router";
import type { Translate } from "../../i18n/translate.ts";
import { useLocale, useT } from "../../ui/i18n.tsx";
import { useFormatDate } from "../directory/ui.tsx";
import type { MemberRole, NetworkVisibility } from "./schema.ts";
import type { NetworkMeeting, SeatOverviewEntry, SeatRuleView } from "./service.ts";

export function roleLabel(t: Translate, role: MemberRole | string): string {
  return t(`networks.role.${role}`);
}

export function visibilityLabel(t: Translate, visibility: NetworkVisibility | string): string {
  return t(`networks.visibility.${visibility}`);
}

/** "since 1 Jan 2026", "1 Jan 2026 – 31 Dec 2026", "from 1 Feb 2027". */
export function usePeriod() {
  const t = useT();
  const formatDate = useFormatDate();
  return (member: { startDate: string; endDate: string | null; current?: boolean }) => {
    if (member.endDate)
      return t("networks.page.period", {
        start: formatDate(member.startDate),
        end: formatDate(member.endDate),
      });
    return member.current === false
      ? t("networks.page.from", { date: formatDate(member.startDate) })
      : t("networks.page.since", { date: formatDate(member.startDate) });
  };
}

/** What a seat rule applies to, in words. */
export function seatRuleTarget(t: Translate, rule: SeatRuleView): string {
  if (rule.organizationName) return rule.organizationName;
  const kind = t(`directory.kind.${rule.organizationKind ?? "other"}`);
  return rule.country
    ? t("networks.seatRules.kindIn", { kind, country: t(`directory.country.${rule.country}`) })
    : t("networks.seatRules.kindAnywhere", { kind });
}

/** The seat overview: every covered organization with seats, filled and empty, marked in words. */
export function SeatTable({
  seats,
  headingId,
}: {
  seats: SeatOverviewEntry[];
  headingId?: string;
}) {
  const t = useT();
  const totals = seats.reduce(
    (sum, row) => ({
      seats: sum.seats + row.seats,
      filled: sum.filled + Math.min(row.filled, row.seats),
      empty: sum.empty + row.empty,
    }),
    { seats: 0, filled: 0, empty: 0 },
  );
  return (
    <>
      <p>{t("networks.seats.summary", totals)}</p>
      <div className="table-scroll">
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t("networks.field.organization")}</th>
              <th scope="col">{t("networks.field.seats")}</th>
              <th scope="col">{t("networks.seats.filled")}</th>
              <th scope="col">{t("networks.seats.empty")}</th>
              <th scope="col">{t("networks.seats.status")}</th>
            </tr>
          </thead>
          <tbody>
            {seats.map((row) => (
              <tr key={row.organization.id} className={row.over > 0 ? "row-error" : undefined}>
                <th scope="row">
                  <Link to={`/organizations/${row.organization.id}`}>{row.organization.name}</Link>
                </th>
                <td>{row.seats}</td>
                <td>{row.filled}</td>
                <td>{row.empty}</td>
                <td>
                  {row.over > 0 ? (
                    <strong>{t("networks.seats.over", { count: row.over })}</strong>
                  ) : row.empty > 0 ? (
                    <strong>
                      {row.empty === 1
                        ? t("networks.seats.emptyOne")
                        : t("networks.seats.emptyMany", { count: row.empty })}
                    </strong>
                  ) : (
                    t("networks.seats.full")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Meetings as links to their pages, with date and time in the meeting's language. */
export function MeetingList({ meetings }: { meetings: NetworkMeeting[] }) {
  const t = useT();
  const locale = useLocale();
  if (!meetings.length) return <p>{t("networks.meetings.none")}</p>;
  return (
    <ul>
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>{" "}
          <time dateTime={new Date(meeting.startsAt).toISOString()}>
            {new Intl.DateTimeFormat(
              locale === "nb" ? "nb-NO" : locale === "en" ? "en-GB" : "sv-SE",
              {
                dateStyle: "medium",
                timeStyle: "short",
                timeZone: meeting.timeZone,
              },
            ).format(new Date(meeting.startsAt))}
          </time>
          {meeting.status === "cancelled" ? (
            <>
              {" "}
              <strong>({t("networks.meetings.cancelled")})</strong>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
