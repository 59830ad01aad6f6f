import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/network-members";
import { getDb } from "../../../db/index.ts";
import { todayIn } from "../../../i18n/format.ts";
import { AppError } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { doneNotice, loggedInPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, SelectField, FormError } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { memberRoles, type MemberRole } from "../schema.ts";
import {
  addMember,
  endMember,
  getNetwork,
  listMembers,
  memberFormChoices,
  updateMember,
} from "../service.ts";
import { roleLabel, usePeriod } from "../ui.tsx";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

const notices = {
  added: "networks.members.added",
  ended: "networks.members.ended",
  updated: "networks.members.updated",
} as const;

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t, url }) => {
    const search = url.searchParams;
    const q = search.get("q")?.trim() ?? "";
    const { network, can } = await getNetwork(db, actor, args.params.id);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    const members = await listMembers(db, actor, network.id, { includeEnded: true });
    const today = todayIn("Europe/Stockholm");
    const ended = members.filter((member) => member.endDate !== null && member.endDate < today);
    const choices = await memberFormChoices(db, actor, network.id, q || undefined);
    return {
      title: t("networks.members.title", { name: network.name }),
      network,
      current: members.filter((member) => !ended.includes(member)),
      ended,
      choices,
      q,
      notice: doneNotice(args.request, notices),
      noticeName: search.get("name") ?? "",
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent ?? "add";
  const back = (done: string, name?: string) =>
    redirect(
      `/networks/${params.id}/members?done=${done}${name ? `&name=${encodeURIComponent(name)}` : ""}`,
    );
  try {
    if (intent === "end") {
      await endMember(db, actor, params.id, values.memberId ?? "", {
        endDate: values.endDate || undefined,
      });
      return back("ended");
    }
    if (intent === "role") {
      await updateMember(db, actor, params.id, values.memberId ?? "", {
        role: values.role as MemberRole,
      });
      return back("updated");
    }
    const member = await addMember(db, actor, params.id, {
      personId: values.personId ?? "",
      organizationId: values.organizationId ?? "",
      role: (values.role || "member") as MemberRole,
      startDate: values.startDate || undefined,
      endDate: values.endDate || undefined,
    });
    return back("added", member.name);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

export default function NetworkMembers({ loaderData, actionData }: Route.ComponentProps) {
  const { network, current, ended, choices, q, notice, noticeName } = loaderData;
  const t = useT();
  const period = usePeriod();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure && (failure.intent ?? "add") === "add" ? failure : undefined;
  const rowFailure = failure && failure.intent !== "add" ? failure : undefined;
  const values: Record<string, string> = addFailure?.values ?? {};
  const only = choices.people.length === 1 ? choices.people[0] : undefined;
  const personDefault = values.personId ?? only?.id ?? "";
  const organizationDefault =
    values.organizationId ??
    (choices.people.find((person) => person.id === personDefault)?.organizations[0]?.id || "");
  const labels = {
    personId: t("networks.field.person"),
    organizationId: t("networks.field.organization"),
    role: t("networks.field.role"),
    startDate: t("networks.field.startDate"),
    endDate: t("networks.field.endDate"),
    memberId: t("networks.field.person"),
  };
  return (
    <section>
      <p>
        <Link to={`/networks/${network.id}`}>{network.name}</Link>
      </p>
      <h1>{t("networks.members.title", { name: network.name })}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice, { name: noticeName })}
        </p>
      ) : null}

      <section aria-labelledby="current-members">
        <h2 id="current-members">{t("networks.members.current")}</h2>
        <FormError failure={rowFailure} />
        <ErrorSummary errors={rowFailure?.fieldErrors} labels={labels} />
        {current.length ? (
          <div className="table-scroll">
            <table aria-labelledby="current-members">
              <thead>
                <tr>
                  <th scope="col">{t("networks.field.person")}</th>
                  <th scope="col">{t("networks.field.organization")}</th>
                  <th scope="col">{t("networks.field.role")}</th>
                  <th scope="col">{t("networks.members.period")}</th>
                  <th scope="col">{t("networks.members.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {current.map((member) => (
                  <tr key={member.id}>
                    <th scope="row">
                      <Link to={`/people/${member.personId}`}>{member.name}</Link>
                    </th>
                    <td>{member.organizationName}</td>
                    <td>{roleLabel(t, member.role)}</td>
                    <td>{period(member)}</td>
                    <td>
                      <Form method="post" className="actions compact">
                        <CsrfField />
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="memberId" value={member.id} />
                        <label htmlFor={`role-${member.id}`} className="visually-hidden">
                          {t("networks.members.changeLabel", { name: member.name })}
                        </label>
                        <select id={`role-${member.id}`} name="role" defaultValue={member.role}>
                          {memberRoles.map((role) => (
                            <option key={role} value={role}>
                              {roleLabel(t, role)}
                            </option>
                          ))}
                        </select>
                        <button
                          type="submit"
                          className="button secondary"
                          aria-label={t("networks.members.changeLabel", { name: member.name })}
                        >
                          {t("networks.members.change")}
                        </button>
                      </Form>
                      <Form method="post" className="actions compact">
                        <CsrfField />
                        <input type="hidden" name="intent" value="end" />
                        <input type="hidden" name="memberId" value={member.id} />
                        <label htmlFor={`end-${member.id}`} className="visually-hidden">
                          {t("networks.field.endDate")} ({member.name})
                        </label>
                        <input
                          id={`end-${member.id}`}
                          name="endDate"
                          type="date"
                          defaultValue={member.endDate ?? ""}
                        />
                        <button
                          type="submit"
                          className="button secondary"
                          aria-label={t("networks.members.endLabel", { name: member.name })}
                        >
                          {t("networks.members.end")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("networks.page.membersNone")}</p>
        )}
      </section>

      <section aria-labelledby="add-member">
        <h2 id="add-member">{t("networks.members.add")}</h2>
        <Form method="get" className="filters" role="search">
          <Field
            name="q"
            type="search"
            label={t("networks.members.findPerson")}
            hint={t("networks.members.findHint")}
            defaultValue={q}
          />
          <button type="submit">{t("action.search")}</button>
        </Form>
        {q && choices.people.length === 0 ? <p>{t("networks.members.noPeople")}</p> : null}
        <FormError failure={addFailure} />
        <ErrorSummary errors={addFailure?.fieldErrors} labels={labels} />
        <Form method="post" className="stacked" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="add" />
          <Field
            name="personId"
            label={t("networks.field.person")}
            required
            errors={addFailure?.fieldErrors}
            hint={t("networks.members.personMissing")}
          >
            {(props) => (
              <select {...props} defaultValue={personDefault}>
                <option value="">{t("networks.members.choosePerson")}</option>
                {choices.people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                    {person.organizations.length
                      ? ` (${person.organizations.map((o) => o.name).join(", ")})`
                      : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SelectField
            name="organizationId"
            label={t("networks.field.organization")}
            required
            errors={addFailure?.fieldErrors}
            defaultValue={organizationDefault}
            empty={t("networks.members.chooseOrganization")}
            options={choices.organizations.map((organization) => ({
              value: organization.id,
              label: organization.name,
            }))}
          />
          <SelectField
            name="role"
            label={t("networks.field.role")}
            errors={addFailure?.fieldErrors}
            defaultValue={values.role ?? "member"}
            options={memberRoles.map((role) => ({ value: role, label: roleLabel(t, role) }))}
          />
          <Field
            name="startDate"
            type="date"
            label={t("networks.field.startDate")}
            hint={t("networks.members.startHint")}
            errors={addFailure?.fieldErrors}
            defaultValue={values.startDate}
          />
          <Field
            name="endDate"
            type="date"
            label={t("networks.field.endDate")}
            errors={addFailure?.fieldErrors}
            defaultValue={values.endDate}
          />
          <div className="actions">
            <button type="submit">{t("networks.members.addButton")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="member-history">
        <h2 id="member-history">{t("networks.members.history")}</h2>
        {ended.length ? (
          <ul>
            {ended.map((member) => (
              <li key={member.id}>
                <Link to={`/people/${member.personId}`}>{member.name}</Link> (
                {member.organizationName}) – {roleLabel(t, member.role)}, {period(member)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("networks.members.historyNone")}</p>
        )}
      </section>
    </section>
  );
}
