import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-organizers";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { eventOrganizationRoles } from "../schema.ts";
import type { TEventOrganizationCreateInput, TEventOrganizationUpdateInput } from "../schemas.ts";
import {
  addEventOrganization,
  getEvent,
  listEventOrganizations,
  organizationChoices,
  removeEventOrganization,
  updateEventOrganization,
} from "../service.ts";
import { FormError, Notice, OrderButtons } from "../ui.tsx";
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
    if (!can.organize) throw new AppError("forbidden", "error.forbidden");
    return {
      title: translator(locale)("events.organizers.title", { name: event.name }),
      event,
      rows: await listEventOrganizations(db, actor, params.id),
      organizations: await organizationChoices(db, actor, params.id),
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
  const back = `/events/${params.id}/organizers`;
  try {
    if (intent === "remove") {
      await removeEventOrganization(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1`);
    }
    if (intent === "up" || intent === "down") {
      const rows = await listEventOrganizations(db, actor, params.id);
      await updateEventOrganization(db, actor, params.id, rowId, {
        position: positionOf(rows, rowId, intent),
      });
      return redirect(`${back}?moved=1#row-${rowId}`);
    }
    if (intent === "save") {
      await updateEventOrganization(db, actor, params.id, rowId, {
        role: values.role,
      } as TEventOrganizationUpdateInput);
      return redirect(`${back}?saved=1#row-${rowId}`);
    }
    await addEventOrganization(db, actor, params.id, {
      organizationId: values.organizationId ?? "",
      role: values.role,
    } as TEventOrganizationCreateInput);
    return redirect(`${back}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function OrganizersPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, rows, organizations, notice, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const rowFailure = failure && failure.intent !== "add" ? failure : undefined;
  const labels = {
    organizationId: t("events.field.organization"),
    role: t("events.field.role"),
  };
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("events.organizers.lead")}</p>
      <Notice text={notice ? t(notice) : null} />
      <FormError failure={rowFailure} />
      <ErrorSummary errors={rowFailure?.fieldErrors} labels={labels} />
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{labels.organizationId}</th>
                <th scope="col">{labels.role}</th>
                <th scope="col">{t("events.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const formId = `organization-${row.id}`;
                const mine = rowFailure?.values.rowId === row.id ? rowFailure : undefined;
                return (
                  <tr key={row.id} id={`row-${row.id}`}>
                    <th scope="row">
                      <Link to={`/organizations/${row.organizationId}`}>
                        {row.organizationName}
                      </Link>
                    </th>
                    <td>
                      <label className="visually-hidden" htmlFor={`${formId}-role`}>
                        {`${labels.role}: ${row.organizationName}`}
                      </label>
                      <select
                        id={`${formId}-role`}
                        name="role"
                        form={formId}
                        defaultValue={mine?.values.role ?? row.role}
                      >
                        {eventOrganizationRoles.map((role) => (
                          <option key={role} value={role}>
                            {t(`events.orgRole.${role}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <Form method="post" id={formId} className="inline">
                        <CsrfField />
                        <input type="hidden" name="intent" value="save" />
                        <input type="hidden" name="rowId" value={row.id} />
                        <button
                          type="submit"
                          aria-label={t("events.saveNamed", { name: row.organizationName })}
                        >
                          {t("action.save")}
                        </button>
                      </Form>{" "}
                      <OrderButtons
                        id={row.id}
                        name={row.organizationName}
                        index={index}
                        count={rows.length}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("events.organizers.none")}</p>
      )}
      <h2 id="add-organization">{t("events.organizers.add")}</h2>
      <ErrorSummary errors={addFailure?.fieldErrors} labels={labels} />
      <FormError failure={addFailure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="add-organization">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <Field
          name="organizationId"
          label={labels.organizationId}
          required
          errors={addFailure?.fieldErrors}
        >
          {(props) => (
            <select {...props} defaultValue={addFailure?.values.organizationId ?? ""}>
              <option value="">{t("events.choose")}</option>
              {organizations.map((organization) => (
                <option key={organization.id} value={organization.id}>
                  {organization.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="role" label={labels.role} required errors={addFailure?.fieldErrors}>
          {(props) => (
            <select {...props} defaultValue={addFailure?.values.role ?? "partner"}>
              {eventOrganizationRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`events.orgRole.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit">{t("events.organizers.add")}</button>
        </div>
      </Form>
    </section>
  );
}
