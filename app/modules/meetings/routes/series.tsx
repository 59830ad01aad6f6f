import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/series";
import { getDb } from "../../../db/index.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { anyonesPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { getSeries, planMeeting, renewSeriesFeed } from "../service.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { entryKey, meetingDate, meetingTimes, ruleInWords } from "./meeting-ui.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return anyonesPage(args, async ({ db, actor, url }) => {
    const page = await getSeries(db, actor, args.params.id);
    return {
      page,
      created: url.searchParams.has("created"),
      saved: url.searchParams.has("saved"),
      feedRenewed: url.searchParams.has("feedRenewed"),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData?.page.series.name },
];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  try {
    if (values.intent === "renewFeed") {
      await renewSeriesFeed(await getDb(), actor, params.id);
      return redirect(`/series/${params.id}?feedRenewed=1`);
    }
    const meeting = await planMeeting(await getDb(), actor, {
      seriesId: params.id,
      occurrenceStart: values.occurrenceStart ?? "",
    });
    return redirect(`/meetings/${meeting.id}?planned=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent: "plan" });
  }
}

export default function SeriesPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { page, created, saved, feedRenewed } = loaderData;
  const { series } = page;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const failureMessage = failure
    ? (failure.formError ?? Object.values(failure.fieldErrors)[0]?.[0] ?? "error.invalid")
    : null;
  return (
    <section>
      <p>
        <Link to={`/networks/${page.network.id}`}>{page.network.name}</Link>
      </p>
      <h1>{series.name}</h1>
      {created ? (
        <p className="notice" role="status">
          {t("meetings.series.created")}
        </p>
      ) : null}
      {saved ? (
        <p className="notice" role="status">
          {t("meetings.series.saved")}
        </p>
      ) : null}
      {feedRenewed ? (
        <p className="notice" role="status">
          {t("meetings.series.feedRenewed")}
        </p>
      ) : null}
      {failureMessage ? (
        <div className="notice error" role="alert">
          <p>{t(failureMessage)}</p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t("meetings.series.rule")}</dt>
        <dd>{ruleInWords(t, locale, page.rule, series.rrule)}</dd>
        <dt>{t("meetings.meeting.time")}</dt>
        <dd>
          {series.startTime}–{series.endTime} ({series.timeZone})
        </dd>
        {page.can.readMembersContent && series.place ? (
          <>
            <dt>{t("meetings.meeting.place")}</dt>
            <dd>{series.place}</dd>
          </>
        ) : null}
        {page.can.readMembersContent && series.onlineUrl ? (
          <>
            <dt>{t("meetings.meeting.onlineUrl")}</dt>
            <dd>
              <a href={series.onlineUrl}>{series.onlineUrl}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {page.can.edit ? (
        <p>
          <Link to={`/series/${series.id}/edit`}>{t("meetings.series.edit")}</Link>
        </p>
      ) : null}
      {page.feedPath ? (
        <p>
          <a href={page.feedPath}>{t("meetings.series.subscribe")}</a>
        </p>
      ) : null}
      {page.can.edit ? (
        <Form method="post" className="inline">
          <CsrfField />
          <input type="hidden" name="intent" value="renewFeed" />
          <button type="submit" className="secondary" aria-describedby="feed-renew-hint">
            {t("meetings.series.feedRenew")}
          </button>{" "}
          <span id="feed-renew-hint" className="hint">
            {t("meetings.series.feedRenewHint")}
          </span>
        </Form>
      ) : null}

      <h2>{t("meetings.series.next")}</h2>
      {page.next.length === 0 ? (
        <p>{t("meetings.series.none")}</p>
      ) : (
        <ul className="plain">
          {page.next.map((entry) => {
            const date = meetingDate(locale, entry.startsAt, series.timeZone);
            const times = meetingTimes(locale, entry.startsAt, entry.endsAt, series.timeZone);
            return (
              <li key={entryKey(entry)}>
                {entry.kind === "meeting" ? (
                  <>
                    {entry.cancelled ? (
                      <del>
                        <Link to={`/meetings/${entry.meetingId}`}>
                          {date} {times}
                        </Link>
                      </del>
                    ) : (
                      <Link to={`/meetings/${entry.meetingId}`}>
                        {date} {times}
                      </Link>
                    )}
                    {entry.moved ? ` (${t("meetings.series.moved")})` : null}
                    {entry.cancelled ? ` (${t("meetings.series.cancelled")})` : null}
                  </>
                ) : (
                  <>
                    {date} {times} – {t("meetings.series.notPlanned")}
                    {page.can.edit ? (
                      <Form method="post" className="inline">
                        <CsrfField />
                        <input
                          type="hidden"
                          name="occurrenceStart"
                          value={new Date(entry.occurrenceStart).toISOString()}
                        />
                        <button type="submit" aria-label={t("meetings.series.planNamed", { date })}>
                          {t("meetings.series.plan")}
                        </button>
                      </Form>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h2>{t("meetings.series.past")}</h2>
      {page.past.length === 0 ? (
        <p>{t("meetings.series.none")}</p>
      ) : (
        <ul className="plain">
          {page.past.map((meeting) => (
            <li key={meeting.id}>
              <Link to={`/meetings/${meeting.id}`}>
                {meetingDate(locale, meeting.startsAt, series.timeZone)} – {meeting.title}
              </Link>
              {meeting.status === "cancelled" ? ` (${t("meetings.series.cancelled")})` : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
