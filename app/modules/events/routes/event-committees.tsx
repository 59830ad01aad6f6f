import { Form, Link } from "react-router";
import type { Route } from "./+types/event-committees";
import type { FormFailure } from "../../../platform/forms.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { ErrorSummary, Field, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { committeeKinds, committeeRoles } from "../schema.ts";
import type { TCommitteeMemberCreateInput, TCommitteeMemberUpdateInput } from "../schemas.ts";
import {
  addCommitteeMember,
  listCommitteeMembers,
  personChoices,
  removeCommitteeMember,
  updateCommitteeMember,
  type CommitteeMemberView,
} from "../service.ts";
import {
  AddForm,
  EditableRows,
  failureOfRow,
  failuresOf,
  ManagePage,
  RowFailure,
  RowSelect,
} from "../ui.tsx";
import { noticeOf } from "./manage-helpers.ts";
import { eventEditorPage, rowsAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(
    args,
    async ({ db, actor, t, event }) => {
      const q = new URL(args.request.url).searchParams.get("q")?.slice(0, 200) ?? "";
      return {
        title: t("events.committees.title", { name: event.name }),
        event,
        members: await listCommitteeMembers(db, actor, args.params.id),
        people: await personChoices(db, actor, args.params.id, q),
        q,
        notice: noticeOf(args.request),
      };
    },
    "organize",
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return rowsAction(args, "committees", {
    list: listCommitteeMembers,
    peersOf: (members, rowId) => {
      const committee = members.find((member) => member.id === rowId)?.committee;
      return members.filter((member) => member.committee === committee);
    },
    update: updateCommitteeMember,
    remove: removeCommitteeMember,
    saveInput: (values) =>
      ({
        role: values.role,
        showEmail: values.showEmail === "on",
        showPhone: values.showPhone === "on",
      }) as TCommitteeMemberUpdateInput,
    add: ({ db, actor, eventId, values }) =>
      addCommitteeMember(db, actor, eventId, {
        committee: values.committee,
        personId: values.personId ?? "",
        role: values.role,
        showEmail: values.showEmail === "on",
        showPhone: values.showPhone === "on",
      } as TCommitteeMemberCreateInput),
  });
}

/** Whether a member's address shows on the program, with the address itself. */
/** A contact choice as the member's failed form sent it, else as saved. */
function shownOf(
  failure: FormFailure | undefined,
  member: CommitteeMemberView,
  name: "showEmail" | "showPhone",
): boolean {
  const mine = failureOfRow(failure, member.id);
  return mine ? mine.values[name] === "on" : member[name];
}

function ContactChoice({
  id,
  name,
  form,
  checked,
  label,
  contact,
  member,
}: {
  id: string;
  name: string;
  form: string;
  checked: boolean;
  label: string;
  contact: string | null;
  member: string;
}) {
  return (
    <div className="choice">
      <input type="checkbox" id={id} name={name} form={form} defaultChecked={checked} />
      <label htmlFor={id}>
        {label}
        {contact ? `: ${contact}` : ""}
        <span className="visually-hidden"> ({member})</span>
      </label>
    </div>
  );
}

export default function CommitteesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, members, people, q, notice, title } = loaderData;
  const t = useT();
  const { addFailure, rowFailure } = failuresOf(actionData);
  const labels = {
    committee: t("events.field.committee"),
    personId: t("events.field.person"),
    role: t("events.field.role"),
    showEmail: t("events.field.showEmail"),
    showPhone: t("events.field.showPhone"),
  };
  const addValues = addFailure?.values;
  const roles = committeeRoles.map((role) => ({
    value: role,
    label: t(`events.committeeRole.${role}`),
  }));
  return (
    <ManagePage
      back={`/events/${event.id}`}
      title={title}
      lead={<p>{t("events.committees.lead")}</p>}
      notice={notice}
    >
      <RowFailure
        failure={rowFailure}
        rows={members}
        describe={(member) =>
          [
            member.name,
            t(`events.committeeRole.${member.role}`),
            ...(member.showEmail ? [t("events.page.email")] : []),
            ...(member.showPhone ? [t("events.page.phone")] : []),
          ].join(", ")
        }
      />
      <ErrorSummary errors={rowFailure?.fieldErrors} labels={labels} />
      {committeeKinds.map((committee) => {
        const rows = members.filter((member) => member.committee === committee);
        return (
          <section key={committee} aria-labelledby={`committee-${committee}`}>
            <h2 id={`committee-${committee}`}>{t(`events.committee.${committee}`)}</h2>
            <EditableRows
              rows={rows}
              formPrefix="member"
              columns={[labels.personId, labels.role, t("events.committees.contact")]}
              empty={t("events.committees.none")}
              labelledBy={`committee-${committee}`}
              nameOf={(member) => member.name}
              cells={(member, formId) => (
                <>
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
                    <RowSelect
                      form={formId}
                      name="role"
                      label={`${labels.role}: ${member.name}`}
                      defaultValue={failureOfRow(rowFailure, member.id)?.values.role ?? member.role}
                      options={roles}
                    />
                  </td>
                  <td>
                    <ContactChoice
                      id={`${formId}-email`}
                      name="showEmail"
                      form={formId}
                      checked={shownOf(rowFailure, member, "showEmail")}
                      label={t("events.page.email")}
                      contact={member.email}
                      member={member.name}
                    />
                    <ContactChoice
                      id={`${formId}-phone`}
                      name="showPhone"
                      form={formId}
                      checked={shownOf(rowFailure, member, "showPhone")}
                      label={t("events.page.phone")}
                      contact={member.phone}
                      member={member.name}
                    />
                  </td>
                </>
              )}
            />
          </section>
        );
      })}

      <AddForm
        id="add-member"
        title={t("events.committees.add")}
        intent="add"
        failure={addFailure}
        labels={labels}
        intro={
          <Form method="get" className="filters" role="search">
            <Field
              name="q"
              type="search"
              label={t("events.committees.findPerson")}
              defaultValue={q}
            />
            <button type="submit">{t("events.committees.find")}</button>
          </Form>
        }
      >
        <SelectField
          name="committee"
          label={labels.committee}
          required
          errors={addFailure?.fieldErrors}
          defaultValue={addValues?.committee ?? "program"}
          options={committeeKinds.map((committee) => ({
            value: committee,
            label: t(`events.committee.${committee}`),
          }))}
        />
        <SelectField
          name="personId"
          label={labels.personId}
          required
          errors={addFailure?.fieldErrors}
          defaultValue={addValues?.personId}
          empty={t("events.choose")}
          options={people.map((person) => ({
            value: person.id,
            label: person.title ? `${person.name}, ${person.title}` : person.name,
          }))}
        />
        <SelectField
          name="role"
          label={labels.role}
          required
          errors={addFailure?.fieldErrors}
          defaultValue={addValues?.role ?? "member"}
          options={roles}
        />
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
      </AddForm>
    </ManagePage>
  );
}
