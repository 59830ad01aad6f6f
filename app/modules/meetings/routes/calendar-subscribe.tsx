import { Form, redirect } from "react-router";
import type { Route } from "./+types/calendar-subscribe";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { config } from "../../../platform/config.ts";
import { AppError } from "../../../platform/errors.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { personFeedToken, renewPersonFeedToken } from "../calendar.ts";

export function headers() {
  return noStoreHeaders;
}

/** The feed URL of a token, from BASE_URL (never from the request's Host header). */
function feedUrl(token: string): string {
  return new URL(`calendar/person/${token}.ics`, config().BASE_URL).toString();
}

/** The account's own calendar feed: its secret link (created on first visit) and a renewal. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  const title = translator(locale)("meetingDocuments.calendar.title");
  if (!actor.personId) return { title, url: null, renewed: false };
  const token = await personFeedToken(await getDb(), actor.personId);
  return {
    title,
    url: feedUrl(token),
    renewed: new URL(request.url).searchParams.has("renewed"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    if (!actor.personId) throw new AppError("forbidden", "error.forbidden");
    await renewPersonFeedToken(await getDb(), actor.personId);
  } catch (error) {
    refusal(error, request);
  }
  throw redirect("/calendar?renewed=1", { headers: noStoreHeaders });
}

export default function CalendarSubscribe({ loaderData }: Route.ComponentProps) {
  const { url, renewed } = loaderData;
  const t = useT();
  return (
    <section>
      <h1>{t("meetingDocuments.calendar.title")}</h1>
      {renewed ? (
        <p className="notice" role="status">
          {t("meetingDocuments.calendar.renewed")}
        </p>
      ) : null}
      {url ? (
        <>
          <p>{t("meetingDocuments.calendar.personHelp")}</p>
          <p>
            <a href={url.replace(/^https?:/, "webcal:")}>{url}</a>
          </p>
          <Form method="post">
            <CsrfField />
            <button type="submit">{t("meetingDocuments.calendar.renew")}</button>
          </Form>
        </>
      ) : (
        <p>{t("meetingDocuments.calendar.noPerson")}</p>
      )}
    </section>
  );
}
