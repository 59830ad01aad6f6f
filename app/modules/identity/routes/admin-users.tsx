import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/admin-users";
import { getDb } from "../../../db/index.ts";
import { localeOptions } from "../../../i18n/locales.ts";
import { translator } from "../../../i18n/translate.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { formObject } from "../../../platform/validation.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, SelectField } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { canOpenUserAdministration } from "../permissions.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure } from "../route-helpers.ts";
import { inviteUser, listAssignableOrganizations, listUsers } from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) throw redirect(`/login?next=${encodeURIComponent("/admin/users")}`);
  if (!canOpenUserAdministration(actor))
    throw data({ messageKey: "error.forbidden" }, { status: 403 });
  const q = new URL(request.url).searchParams.get("q")?.trim() || undefined;
  const db = await getDb();
  return {
    q: q ?? "",
    users: await listUsers(db, actor, { q }),
    organizations: await listAssignableOrganizations(db, actor),
    isPlatformAdmin: actor.isPlatformAdmin,
    title: translator(locale)("identity.admin.title"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const input = formObject(await request.formData());
  try {
    const result = await inviteUser(await getDb(), actor, input);
    const email = typeof input.email === "string" ? input.email.toLowerCase() : "";
    return { ok: true as const, status: result.status, email };
  } catch (error) {
    return formFailure(error, input);
  }
}

export default function AdminUsers() {
  const { q, users, organizations, isPlatformAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const failure = result && !result.ok ? result : undefined;
  const errors = failure?.fieldErrors;
  return (
    <section>
      <h1>{t("identity.admin.title")}</h1>
      <Form method="get" className="filters" role="search">
        <label htmlFor="user-search">{t("identity.admin.search")}</label>
        <input id="user-search" type="search" name="q" defaultValue={q} />
        <button type="submit">{t("action.search")}</button>
      </Form>
      {users.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("identity.field.name")}</th>
              <th scope="col">{t("identity.field.email")}</th>
              <th scope="col">{t("identity.account.roles")}</th>
              <th scope="col">{t("identity.admin.status")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                </td>
                <td>{user.email}</td>
                <td>
                  {[
                    ...(user.isPlatformAdmin ? [t("identity.account.platformAdmin")] : []),
                    ...user.roles.map(
                      (role) => `${role.organizationName}: ${t(`identity.role.${role.role}`)}`,
                    ),
                  ].join("; ")}
                </td>
                <td>{t(`identity.admin.status.${user.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("identity.admin.none")}</p>
      )}

      <h2>{t("identity.admin.inviteTitle")}</h2>
      <p>{t("identity.admin.inviteLead")}</p>
      {result?.ok ? (
        <p className="notice" role="status">
          {t(`identity.admin.${result.status}`, { email: result.email })}
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="notice error" role="alert">
          {t(failure.formError)}
        </p>
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{
          email: t("identity.field.email"),
          name: t("identity.field.name"),
          locale: t("identity.field.locale"),
          organizationId: t("identity.field.organization"),
          role: t("identity.field.role"),
        }}
      />
      <Form method="post" className="stacked">
        <CsrfField />
        <Field
          name="email"
          type="email"
          label={t("identity.field.email")}
          required
          errors={errors}
          defaultValue={failure?.values.email}
        />
        <Field
          name="name"
          label={t("identity.field.name")}
          required
          errors={errors}
          defaultValue={failure?.values.name}
        />
        <SelectField
          name="locale"
          label={t("identity.field.locale")}
          errors={errors}
          defaultValue={failure?.values.locale ?? locale}
          options={localeOptions}
        />
        <SelectField
          name="organizationId"
          label={t("identity.field.organization")}
          errors={errors}
          required={!isPlatformAdmin}

          defaultValue={failure?.values.organizationId}
          empty={isPlatformAdmin ? t("identity.admin.noRole") : undefined}
          options={organizations.map(({ id, name }) => ({ value: id, label: name }))}
        />
        <Field name="role" label={t("identity.field.role")} errors={errors}>
          {(props) => (
            <select {...props} defaultValue={failure?.values.role ?? ""}>
              {isPlatformAdmin ? <option value="">{t("identity.admin.noRole")}</option> : null}
              <option value="editor">{t("identity.role.editor")}</option>
              <option value="admin">{t("identity.role.admin")}</option>
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit">{t("identity.admin.invite")}</button>
        </div>
      </Form>
    </section>
  );
}
