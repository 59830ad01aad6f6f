import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-tracks";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { addTrack, getEvent, listTracks, removeTrack, updateTrack } from "../service.ts";
import { FormError, Notice, OrderButtons, RowField } from "../ui.tsx";
import { noticeOf, positionOf } from "./manage-helpers.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) loginRedirect(request);
  try {
    const db = await getDb();
    const { event, can } = await getEvent(db, actor, params.id);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    return {
      title: translator(locale)("events.tracks.title", { name: event.name }),
      event,
      tracks: await listTracks(db, actor, params.id),
      notice: noticeOf(request),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent ?? "add";
  const rowId = values.rowId ?? "";
  const back = `/events/${params.id}/tracks`;
  try {
    if (intent === "remove") {
      await removeTrack(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1`);
    }
    if (intent === "up" || intent === "down") {
      const rows = await listTracks(db, actor, params.id);
      await updateTrack(db, actor, params.id, rowId, { position: positionOf(rows, rowId, intent) });
      return redirect(`${back}?moved=1#row-${rowId}`);
    }
    if (intent === "save") {
      await updateTrack(db, actor, params.id, rowId, { name: values.name ?? "" });
      return redirect(`${back}?saved=1#row-${rowId}`);
    }
    await addTrack(db, actor, params.id, { name: values.name ?? "" });
    return redirect(`${back}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function TracksPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, tracks, notice, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const rowFailure = failure && failure.intent !== "add" ? failure : undefined;
  const labels = { name: t("events.field.trackName") };
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <Notice text={notice ? t(notice) : null} />
      <FormError failure={rowFailure} />
      {tracks.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{labels.name}</th>
                <th scope="col">{t("events.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tracks.map((track, index) => {
                const mine = rowFailure?.values.rowId === track.id ? rowFailure : undefined;
                const formId = `track-${track.id}`;
                return (
                  <tr key={track.id} id={`row-${track.id}`}>
                    <td>
                      <RowField
                        form={formId}
                        name="name"
                        label={`${labels.name}: ${track.name}`}
                        defaultValue={mine?.values.name ?? track.name}
                        errors={mine?.fieldErrors}
                      />
                    </td>
                    <td>
                      <Form method="post" id={formId} className="inline">
                        <CsrfField />
                        <input type="hidden" name="intent" value="save" />
                        <input type="hidden" name="rowId" value={track.id} />
                        <button
                          type="submit"
                          aria-label={t("events.saveNamed", { name: track.name })}
                        >
                          {t("action.save")}
                        </button>
                      </Form>{" "}
                      <OrderButtons
                        id={track.id}
                        name={track.name}
                        index={index}
                        count={tracks.length}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("events.tracks.none")}</p>
      )}
      <h2 id="add-track">{t("events.tracks.add")}</h2>
      <ErrorSummary errors={addFailure?.fieldErrors} labels={labels} />
      <FormError failure={addFailure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="add-track">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <Field
          name="name"
          label={labels.name}
          required
          errors={addFailure?.fieldErrors}
          defaultValue={addFailure?.values.name}
        />
        <div className="actions">
          <button type="submit">{t("events.tracks.add")}</button>
        </div>
      </Form>
    </section>
  );
}
