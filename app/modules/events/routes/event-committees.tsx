import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/event-committees";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { committeeKinds, committeeRoles } from "../schema.ts";
import type { TCommitteeMemberCreateInput, TCommitteeMemberUpdateInput } from "../schemas.ts";
import {
  addCommitteeMember,
  getEvent,
  listCommitteeMembers,
  personChoices,
  removeCommitteeMember,
  updateCommitteeMember,
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
    const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
    return {
      title: translator(locale)("events.committees.title", { name: event.name }),
      event,
      members: await listCommitteeMembers(db, actor, params.id),
      people: await personChoices(db, actor, params.id, q),
      q,
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
  const back = `/events/${params.id}/committees`;
  try {
    if (intent === "remove") {
      await removeCommitteeMember(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1`);
    }
    if (intent === "up" || intent === "down") {
      const all = await listCommitteeMembers(db, actor, params.id);
      const committee = all.find((member) => member.id === rowId)?.committee;
      const rows = all.filter((member) => member.committee === committee);
      await updateCommitteeMember(db, actor, params.id, rowId, {
        position: positionOf(rows, rowId, intent),
      });
      return redirect(`${back}?moved=1#row-${rowId}`);
    }
    if (intent === "save") {
      await updateCommitteeMember(db, actor, params.id, rowId, {
        role: values.role,
        showEmail: values.showEmail === "on",
        showPhone: values.showPhone === "on",
      } as TCommitteeMemberUpdateInput);
      return redirect(`${back}?saved=1#row-${rowId}`);
    }
    await addCommitteeMember(db, actor, params.id, {
      committee: values.committee,
      personId: values.personId ?? "",
      role: values.role,
      showEmail: values.showEmail === "on",
      showPhone: values.showPhone === "on",
    } as TCommitteeMemberCreateInput);
    return redirect(`${back}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function CommitteesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, members, people, q, notice, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const rowFailure = failure && failure.intent !== "add" ? failure : undefined;
  const labels = {
    committee: t("events.field.committee"),
    personId: t("events.field.person"),
    role: t("events.field.role"),
    showEmail: t("events.field.showEmail"),
    showPhone: t("events.field.showPhone"),
  };
  const addValues = addFailure?.values;
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("events.committees.lead")}</p>
      <Notice text={notice ? t(notice) : null} />
      <FormError failure={rowFailure} />
      <ErrorSummary errors={rowFailure?.fieldErrors} labels={labels} />
      {committeeKinds.map((committee) => {
        const rows = members.filter((member) => member.committee === committee);
        return (
          <section key={committee} aria-labelledby={`committee-${committee}`}>
            <h2 id={`committee-${committee}`}>{t(`events.committee.${committee}`)}</h2>
            {rows.length ? (
              <div className="table-scroll">
                <table aria-labelledby={`committee-${committee}`}>
                  <thead>
                    <tr>
                      <th scope="col">{labels.personId}</th>
                      <th scope="col">{labels.role}</th>
                      <th scope="col">{t("events.committees.contact")}</th>
                      <th scope="col">{t("events.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((member, index) => {
                      const formId = `member-${member.id}`;
                      const mine = rowFailure?.values.rowId === member.id ? rowFailure : undefined;
                      return (
                        <tr key={member.id} id={`row-${member.id}`}>
                          <th scope="row">
                            <Link to={`/people/${member.personId}`}>{member.name}</Link>
                            {member.title ? (
                              <>
                                <br />
                                <span className="hint">{member.title}</span>
                              </>
                            ) : null}
                          </th>
                          <td>
                            <label className="visually-hidden" htmlFor={`${formId}-role`}>
                              {`${labels.role}: ${member.name}`}
                            </label>
                            <select
                              id={`${formId}-role`}
                              name="role"
                              form={formId}
                              defaultValue={mine?.values.role ?? member.role}
                            >
                              {committeeRoles.map((role) => (
                                <option key={role} value={role}>
                                  {t(`events.committeeRole.${role}`)}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td>
                            <div className="choice">
                              <input
                                type="checkbox"
                                id={`${formId}-email`}
                                name="showEmail"
                                form={formId}
                                defaultChecked={member.showEmail}
                              />
                              <label htmlFor={`${formId}-email`}>
                                {t("events.page.email")}
                                {member.email ? `: ${member.email}` : ""}
                                <span className="visually-hidden"> ({member.name})</span>
                              </label>
                            </div>
                            <div className="choice">
                              <input
                                type="checkbox"
                                id={`${formId}-phone`}
                                name="showPhone"
                                form={formId}
                                defaultChecked={member.showPhone}
                              />
                              <label htmlFor={`${formId}-phone`}>
                                {t("events.page.phone")}
                                {member.phone ? `: ${member.phone}` : ""}
                                <span className="visually-hidden"> ({member.name})</span>
                              </label>
                            </div>
                          </td>
                          <td>
                            <Form method="post" id={formId} className="inline">
                              <CsrfField />
                              <input type="hidden" name="intent" value="save" />
                              <input type="hidden" name="rowId" value={member.id} />
                              <button
                                type="submit"
                                aria-label={t("events.saveNamed", { name: member.name })}
                              >
                                {t("action.save")}
                              </button>
                            </Form>{" "}
                            <OrderButtons
                              id={member.id}
                              name={member.name}
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
              <p>{t("events.committees.none")}</p>
            )}
          </section>
        );
      })}

      <h2 id="add-member">{t("events.committees.add")}</h2>
      <Form method="get" className="filters" role="search">
        <Field name="q" type="search" label={t("events.committees.findPerson")} defaultValue={q} />
        <button type="submit">{t("events.committees.find")}</button>
      </Form>
      <ErrorSummary errors={addFailure?.fieldErrors} labels={labels} />
      <FormError failure={addFailure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="add-member">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <Field name="committee" label={labels.committee} required errors={addFailure?.fieldErrors}>
          {(props) => (
            <select {...props} defaultValue={addValues?.committee ?? "program"}>
              {committeeKinds.map((committee) => (
                <option key={committee} value={committee}>
                  {t(`events.committee.${committee}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="personId" label={labels.personId} required errors={addFailure?.fieldErrors}>
          {(props) => (
            <select {...props} defaultValue={addValues?.personId ?? ""}>
              <option value="">{t("events.choose")}</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.title ? `${person.name}, ${person.title}` : person.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="role" label={labels.role} required errors={addFailure?.fieldErrors}>
          {(props) => (
            <select {...props} defaultValue={addValues?.role ?? "member"}>
              {committeeRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`events.committeeRole.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="add-show-email"
            name="showEmail"
            defaultChecked={addValues?.showEmail === "on"}
          />
          <label htmlFor="add-show-email">{labels.showEmail}</label>
        </div>
        <div className="choice">
          <input
            type="checkbox"
            id="add-show-phone"
            name="showPhone"
            defaultChecked={addValues?.showPhone === "on"}
          />
          <label htmlFor="add-show-phone">{labels.showPhone}</label>
        </div>
        <div className="actions">
          <button type="submit">{t("events.committees.add")}</button>
        </div>
      </Form>
    </section>
  );
}
