import { Link } from "react-router";
import type { Route } from "./+types/event-organizers";
import { noStoreHeaders } from "../../../platform/http.ts";
import { ErrorSummary, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { eventOrganizationRoles } from "../schema.ts";
import type { TEventOrganizationCreateInput, TEventOrganizationUpdateInput } from "../schemas.ts";
import {
  addEventOrganization,
  listEventOrganizations,
  organizationChoices,
  removeEventOrganization,
  updateEventOrganization,
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
    async ({ db, actor, t, event }) => ({
      title: t("events.organizers.title", { name: event.name }),
      event,
      rows: await listEventOrganizations(db, actor, args.params.id),
      organizations: await organizationChoices(db, actor, args.params.id),
      notice: noticeOf(args.request),
    }),
    "organize",
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export function action(args: Route.ActionArgs) {
  return rowsAction(args, "organizers", {
    list: listEventOrganizations,
    update: updateEventOrganization,
    remove: removeEventOrganization,
    saveInput: (values) => ({ role: values.role }) as TEventOrganizationUpdateInput,
    add: ({ db, actor, eventId, values }) =>
      addEventOrganization(db, actor, eventId, {
        organizationId: values.organizationId ?? "",
        role: values.role,
      } as TEventOrganizationCreateInput),
  });
}

export default function OrganizersPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, rows, organizations, notice, title } = loaderData;
  const t = useT();
  const { addFailure, rowFailure } = failuresOf(actionData);
  const labels = {
    organizationId: t("events.field.organization"),
    role: t("events.field.role"),
  };
  const roles = eventOrganizationRoles.map((role) => ({
    value: role,
    label: t(`events.orgRole.${role}`),
  }));
  return (
    <ManagePage
      back={`/events/${event.id}`}
      title={title}
      lead={<p>{t("events.organizers.lead")}</p>}
      notice={notice}
    >
      <RowFailure
        failure={rowFailure}
        rows={rows}
        describe={(row) => `${row.organizationName}, ${t(`events.orgRole.${row.role}`)}`}
      />
      <ErrorSummary errors={rowFailure?.fieldErrors} labels={labels} />
      <EditableRows
        rows={rows}
        formPrefix="organization"
        columns={[labels.organizationId, labels.role]}
        empty={t("events.organizers.none")}
        nameOf={(row) => row.organizationName}
        cells={(row, formId) => (
          <>
            <th scope="row">
              <Link to={`/organizations/${row.organizationId}`}>{row.organizationName}</Link>
            </th>
            <td>
              <RowSelect
                form={formId}
                name="role"
                label={`${labels.role}: ${row.organizationName}`}
                defaultValue={failureOfRow(rowFailure, row.id)?.values.role ?? row.role}
                options={roles}
              />
            </td>
          </>
        )}
      />
      <AddForm
        id="add-organization"
        title={t("events.organizers.add")}
        intent="add"
        failure={addFailure}
        labels={labels}
      >
        <SelectField
          name="organizationId"
          label={labels.organizationId}
          required
          errors={addFailure?.fieldErrors}
          defaultValue={addFailure?.values.organizationId}
          empty={t("events.choose")}
          options={organizations.map((organization) => ({
            value: organization.id,
            label: organization.name,
          }))}
        />
        <SelectField
          name="role"
          label={labels.role}
          required
          errors={addFailure?.fieldErrors}
          defaultValue={addFailure?.values.role ?? "partner"}
          options={roles}
        />
      </AddForm>
    </ManagePage>
  );
}
