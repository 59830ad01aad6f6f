import { formatDate } from "../../../i18n/format.ts";
import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/account";
import { getDb } from "../../../db/index.ts";
import { localeOptions, type Locale } from "../../../i18n/locales.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { formObject } from "../../../platform/validation.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, SelectField } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import { configuredOidc } from "../oidc.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { formFailure } from "../route-helpers.ts";
import {
  createApiToken,
  getAccount,
  revokeApiToken,
  unlinkIdentity,
  updateProfile,
} from "../service.ts";

export function headers() {
  return noStoreHeaders;
}

const notices = {
  linked: "identity.account.linked",
  saved: "identity.account.saved",
  unlinked: "identity.account.unlinked",
  revoked: "identity.tokens.revokedNotice",
} as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { actor, locale } = context.get(requestStateContext);
  if (!actor) throw redirect(`/login?next=${encodeURIComponent("/account")}`);
  const account = await getAccount(await getDb(), actor);
  const search = new URL(request.url).searchParams;
  const notice = Object.entries(notices).find(([key]) => search.has(key))?.[1] ?? null;
  return {
    ...account,
    notice,
    oidcName: configuredOidc()?.name ?? null,
    title: translator(locale)("identity.account.title"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const form = await request.formData();
  const input = formObject(form);
  const intent = form.get("intent");
  const db = await getDb();
  try {
    switch (intent) {
      case "profile":
        await updateProfile(db, actor, input);
        return redirect("/account?saved=1");
      case "createToken": {
        const created = await createApiToken(db, actor, input);
        return data(
          { ok: true as const, createdToken: created.token },
          { headers: noStoreHeaders },
        );
      }
      case "revokeToken":
        await revokeApiToken(db, actor, String(form.get("tokenId") ?? ""));
        return redirect("/account?revoked=1");
      case "unlink":
        await unlinkIdentity(db, actor, String(form.get("identityId") ?? ""));
        return redirect("/account?unlinked=1");
      default:
        throw new AppError("bad_request", "error.badRequest");
    }
  } catch (error) {
    return formFailure(error, { ...input, intent });
  }
}

function useDate() {
  const locale: Locale = useLocale();
  return (value: Date | string) => formatDate(locale, value, "Europe/Stockholm");
}

export default function Account() {
  const { user, identities, tokens, roles, notice, oidcName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const date = useDate();
  const failure = result && !result.ok ? result : undefined;
  const intent = failure?.values.intent;
  const profileErrors = intent === "profile" ? failure?.fieldErrors : undefined;
  const tokenErrors = intent === "createToken" ? failure?.fieldErrors : undefined;
  return (
    <section>
      <h1>{t("identity.account.title")}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="notice error" role="alert">
          {t(failure.formError)}
        </p>
      ) : null}

      <h2>{t("identity.account.profile")}</h2>
      <ErrorSummary
        errors={profileErrors}
        labels={{ name: t("identity.field.name"), locale: t("identity.field.locale") }}
      />
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="intent" value="profile" />
        <dl className="facts">
          <dt>{t("identity.field.email")}</dt>
          <dd>{user.email}</dd>
        </dl>
        <Field
          name="name"
          label={t("identity.field.name")}
          autoComplete="name"
          defaultValue={(intent === "profile" && failure?.values.name) || user.name}
          required
          errors={profileErrors}
        />
        <SelectField
          name="locale"
          label={t("identity.field.locale")}
          errors={profileErrors}
          defaultValue={user.locale}
          options={localeOptions}
        />
        <div className="actions">
          <button type="submit">{t("action.save")}</button>
        </div>
      </Form>

      <h2>{t("identity.account.roles")}</h2>
      {user.isPlatformAdmin ? <p>{t("identity.account.platformAdmin")}</p> : null}
      {roles.length ? (
        <ul>
          {roles.map((role) => (
            <li key={role.organizationId}>
              {role.organizationName}: {t(`identity.role.${role.role}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("identity.account.noRoles")}</p>
      )}

      <h2>{t("identity.account.identities")}</h2>
      {identities.length ? (
        <ul>
          {identities.map((identity) => (
            <li key={identity.id}>
              <Form method="post" className="inline">
                <CsrfField />
                <input type="hidden" name="intent" value="unlink" />
                <input type="hidden" name="identityId" value={identity.id} />
                {identity.label || identity.issuer} (
                {t("identity.account.linkedSince", { date: date(identity.createdAt) })}){" "}
                <button type="submit" className="danger">
                  {t("identity.account.unlink")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("identity.account.noIdentities")}</p>
      )}
      {oidcName ? (
        <p>
          <a className="button secondary" href="/auth/oidc?link=1">
            {t("identity.account.link", { name: oidcName })}
          </a>
        </p>
      ) : null}

      <h2>{t("identity.tokens.title")}</h2>
      <p>{t("identity.tokens.lead")}</p>
      {result?.ok ? (
        <div className="notice" role="status">
          <p>{t("identity.tokens.created")}</p>
          <p>
            <code className="token">{result.createdToken}</code>
          </p>
        </div>
      ) : null}
      {tokens.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("identity.field.tokenName")}</th>
              <th scope="col">{t("identity.tokens.prefix")}</th>
              <th scope="col">{t("identity.tokens.created.at")}</th>
              <th scope="col">{t("identity.tokens.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("identity.tokens.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{date(token.createdAt)}</td>
                <td>
                  {token.revokedAt
                    ? t("identity.tokens.revoked")
                    : token.lastUsedAt
                      ? t("identity.account.lastUsed", { date: date(token.lastUsedAt) })
                      : t("identity.account.neverUsed")}
                </td>
                <td>
                  {token.revokedAt ? null : (
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="revokeToken" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button type="submit" className="danger">
                        {t("identity.tokens.revoke")}
                        <span className="visually-hidden"> {token.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("identity.tokens.none")}</p>
      )}
      <ErrorSummary errors={tokenErrors} labels={{ name: t("identity.field.tokenName") }} />
      <Form method="post" className="stacked">
        <CsrfField />
        <input type="hidden" name="intent" value="createToken" />
        <Field
          name="name"
          label={t("identity.field.tokenName")}
          required
          errors={tokenErrors}
          defaultValue={intent === "createToken" ? failure?.values.name : undefined}
        />
        <div className="actions">
          <button type="submit">{t("identity.tokens.create")}</button>
        </div>
      </Form>

      <h2>{t("meetingDocuments.calendar.title")}</h2>
      <p>
        <a href="/calendar">{t("meetingDocuments.calendar.title")}</a>
      </p>
    </section>
  );
}
