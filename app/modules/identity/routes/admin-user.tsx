import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/admin-user";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError, isAppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { formObject } from "../../../platform/validation.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure } from "../route-helpers.ts";
import { linkedPerson, setUserPerson } from "../person-link.ts";
import {
  getUserForAdministration,
  removeOrganizationRole,
  setOrganizationRole,
  setUserDisabled,
} from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

const notices = {
  roleSaved: "identity.admin.roleSaved",
  roleRemoved: "identity.admin.roleRemoved",
  disabled: "identity.admin.disabled",
  enabled: "identity.admin.enabled",
  personSaved: "identity.admin.personSaved",
} as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  const here = `/admin/users/${params.userId}`;
  if (!actor) throw redirect(`/login?next=${encodeURIComponent(here)}`);
  try {
    const db = await getDb();
    const detail = await getUserForAdministration(db, actor, params.userId);
    const person = actor.isPlatformAdmin ? await linkedPerson(db, params.userId) : null;
    const search = new URL(request.url).searchParams;
    const notice = Object.entries(notices).find(([key]) => search.has(key))?.[1] ?? null;
    return {
      ...detail,
      person,
      notice,
      title: `${detail.user.name} – ${translator(locale)("identity.admin.title")}`,
    };
  } catch (error) {
    if (isAppError(error) && (error.code === "forbidden" || error.code === "not_found"))
      throw data({ messageKey: error.message }, { status: error.code === "forbidden" ? 403 : 404 });
    throw error;
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const form = await request.formData();
  const input = { ...formObject(form), userId: params.userId };
  const intent = form.get("intent");
  const here = `/admin/users/${params.userId}`;
  const db = await getDb();
  try {
    switch (intent) {
      case "setRole":
        await setOrganizationRole(db, actor, input);
        return redirect(`${here}?roleSaved=1`);
      case "removeRole":
        await removeOrganizationRole(db, actor, input);
        return redirect(`${here}?roleRemoved=1`);
      case "setPerson":
        await setUserPerson(db, actor, input);
        return redirect(`${here}?personSaved=1`);
      case "disable":
      case "enable":
        await setUserDisabled(db, actor, { userId: params.userId, disabled: intent === "disable" });
        return redirect(`${here}?${intent}d=1`);
      default:
        throw new AppError("bad_request", "error.badRequest");
    }
  } catch (error) {
    return formFailure(error, input);
  }
}

export default function AdminUser() {
  const { user, organizations, canManageAccount, person, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = result?.fieldErrors;
  return (
    <section>
      <p>
        <Link to="/admin/users">{t("identity.admin.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      {result?.formError ? (
        <p className="notice error" role="alert">
          {t(result.formError)}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("identity.field.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("identity.admin.status")}</dt>
        <dd>{t(`identity.admin.status.${user.status}`)}</dd>
      </dl>

      <h2>{t("identity.account.roles")}</h2>
      {user.isPlatformAdmin ? <p>{t("identity.account.platformAdmin")}</p> : null}
      {user.roles.length ? (
        <ul>
          {user.roles.map((role) => (
            <li key={role.organizationId}>
              <Form method="post" className="inline">
                <CsrfField />
                <input type="hidden" name="intent" value="removeRole" />
                <input type="hidden" name="organizationId" value={role.organizationId} />
                {role.organizationName}: {t(`identity.role.${role.role}`)}{" "}
                <button type="submit" className="danger">
                  {t("identity.admin.removeRole")}
                  <span className="visually-hidden"> {role.organizationName}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("identity.account.noRoles")}</p>
      )}

      <h2>{t("identity.admin.addRole")}</h2>
      <ErrorSummary
        errors={errors}
        labels={{
          organizationId: t("identity.field.organization"),
          role: t("identity.field.role"),
        }}
      />
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="intent" value="setRole" />
        <Field
          name="organizationId"
          label={t("identity.field.organization")}
          required
          errors={errors}
        >
          {(props) => (
            <select {...props}>
              {organizations.map((organization) => (
                <option key={organization.id} value={organization.id}>
                  {organization.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="role" label={t("identity.field.role")} required errors={errors}>
          {(props) => (
            <select {...props}>
              <option value="editor">{t("identity.role.editor")}</option>
              <option value="admin">{t("identity.role.admin")}</option>
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit">{t("identity.admin.addRole")}</button>
        </div>
      </Form>

      {canManageAccount ? (
        <>
          <h2>{t("identity.admin.person")}</h2>
          <p>
            {person ? (
              <Link to={`/people/${person.id}`}>{person.name}</Link>
            ) : (
              t("identity.admin.personNone")
            )}
          </p>
          <Form method="post" className="stacked">
            <CsrfField />
            <input type="hidden" name="intent" value="setPerson" />
            <Field
              name="personEmail"
              label={t("identity.admin.personEmail")}
              hint={t("identity.admin.personHint")}
              errors={errors}
            >
              {(props) => <input {...props} type="email" defaultValue={person?.email ?? ""} />}
            </Field>
            <div className="actions">
              <button type="submit">{t("identity.admin.savePerson")}</button>
            </div>
          </Form>
        </>
      ) : null}

      {canManageAccount ? (
        <Form method="post">
          <CsrfField />
          {user.status === "disabled" ? (
            <button type="submit" name="intent" value="enable">
              {t("identity.admin.enable")}
            </button>
          ) : (
            <button type="submit" name="intent" value="disable" className="danger">
              {t("identity.admin.disable")}
            </button>
          )}
        </Form>
      ) : null}
    </section>
  );
}
