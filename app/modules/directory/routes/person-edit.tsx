import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/person-edit";
import { getDb } from "../../../db/index.ts";
import { AppError, isAppError } from "../../../platform/errors.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { loggedInPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TPersonUpdateInput } from "../schemas.ts";
import {
  addAffiliation,
  endAffiliation,
  getPerson,
  getPersonOverview,
  listOrganizationChoices,
  removeAffiliation,
  updatePerson,
  type Person,
} from "../service.ts";
import { AffiliationFields, PersonFields, personLabels, useFormatDate } from "../ui.tsx";
import { noStoreHeaders } from "../../../platform/http.ts";
import {
  emptyToNull,
  formFailure,
  submittedValues,
  withoutEmpty,
} from "../../../platform/forms.ts";

const notices = ["added", "ended", "removed"] as const;

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t, url }) => {
    const overview = await getPersonOverview(db, actor, args.params.id);
    const manages = overview.affiliations.some((affiliation) => affiliation.canManage);
    if (!overview.can.update && !overview.can.addAffiliation && !manages)
      throw new AppError("forbidden", "error.forbidden");
    const notice = url.searchParams.get("notice");
    return {
      title: t("directory.person.editTitle", { name: overview.person.name }),
      ...overview,
      organizations: await listOrganizationChoices(db, actor),
      notice: notices.find((name) => name === notice) ?? null,
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const intent = values.intent ?? "save";
  const db = await getDb();
  const here = `/people/${params.id}/edit`;
  try {
    if (intent === "add") {
      const fields = withoutEmpty(values, [
        "organizationId",
        "affiliationTitle",
        "startDate",
        "endDate",
      ]);
      await addAffiliation(db, actor, params.id, {
        organizationId: fields.organizationId ?? "",
        title: fields.affiliationTitle,
        startDate: fields.startDate,
        endDate: fields.endDate,
      });
      return redirect(`${here}?notice=added`);
    }
    if (intent === "end") {
      // The affiliation must be one of this person's (the page's), or it is not found.
      await endAffiliation(db, actor, values.affiliationId ?? "", undefined, {
        personId: params.id,
      });
      return redirect(`${here}?notice=ended`);
    }
    if (intent === "remove") {
      await removeAffiliation(db, actor, values.affiliationId ?? "", { personId: params.id });
      return redirect(`${here}?notice=removed`);
    }
    const input = {
      name: values.name ?? "",
      ...emptyToNull(values, ["title", "email", "phone"]),
      version: values.version ?? "",
    };
    await updatePerson(db, actor, params.id, input as TPersonUpdateInput);
    return redirect(`/people/${params.id}?saved=1`);
  } catch (error) {
    if (intent === "save" && isAppError(error) && error.code === "conflict") {
      const saved = await getPerson(db, actor, params.id);
      return data(
        {
          ok: false as const,
          intent,
          fieldErrors: {},
          formError: "directory.person.conflict",
          values,
          saved,
        },
        { status: 409, headers: noStoreHeaders },
      );
    }
    return formFailure(error, request, values, {
      intent,
      fieldNames: intent === "add" ? { title: "affiliationTitle" } : undefined,
    });
  }
}

function toFormValues(person: Person) {
  return {
    name: person.name,
    title: person.title ?? "",
    email: person.email ?? "",
    phone: person.phone ?? "",
  };
}

export default function EditPerson({ loaderData, actionData }: Route.ComponentProps) {
  const { person, affiliations, can, organizations, notice } = loaderData;
  const t = useT();
  const formatDate = useFormatDate();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const saveFailure = failure && (failure.intent ?? "save") === "save" ? failure : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const rowFailure =
    failure && (failure.intent === "end" || failure.intent === "remove") ? failure : undefined;
  const saved = saveFailure && "saved" in saveFailure ? saveFailure.saved : undefined;
  const labels = personLabels(t);
  const values = saveFailure?.values ?? toFormValues(person);
  return (
    <section>
      <h1>{t("directory.person.editTitle", { name: person.name })}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(`directory.affiliation.${notice}`)}
        </p>
      ) : null}
      {can.update ? (
        <>
          {saveFailure?.formError ? (
            <div className="notice error" role="alert">
              <p>{t(saveFailure.formError)}</p>
              {saved ? (
                <>
                  <h2>{t("directory.organization.savedVersion")}</h2>
                  <dl className="facts">
                    {(["name", "title", "email", "phone"] as const).map((key) => (
                      <div key={key} className="contents">
                        <dt>{labels[key]}</dt>
                        <dd>{saved[key] || t("directory.none")}</dd>
                      </div>
                    ))}
                  </dl>
                </>
              ) : null}
            </div>
          ) : null}
          <ErrorSummary errors={saveFailure?.fieldErrors} labels={labels} />
          <Form method="post" className="stacked" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="version" value={saved?.version ?? person.version} />
            <PersonFields values={values} errors={saveFailure?.fieldErrors} />
            <div className="actions">
              <button type="submit">{t("action.save")}</button>
              <Link to={`/people/${person.id}`}>{t("action.cancel")}</Link>
            </div>
          </Form>
        </>
      ) : (
        <p>
          <Link to={`/people/${person.id}`}>{person.name}</Link>
        </p>
      )}

      <h2>{t("directory.affiliation.title")}</h2>
      {rowFailure?.formError ? (
        <p className="notice error" role="alert">
          {t(rowFailure.formError)}
        </p>
      ) : null}
      {affiliations.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("directory.field.organization")}</th>
              <th scope="col">{t("directory.field.title")}</th>
              <th scope="col">{t("directory.affiliation.period")}</th>
              <th scope="col">{t("directory.affiliation.status")}</th>
              <th scope="col">{t("directory.affiliation.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {affiliations.map((affiliation) => (
              <tr key={affiliation.id}>
                <td>
                  <Link to={`/organizations/${affiliation.organizationId}`}>
                    {affiliation.organizationName}
                  </Link>
                </td>
                <td>{affiliation.title}</td>
                <td>
                  {affiliation.startDate || affiliation.endDate
                    ? `${formatDate(affiliation.startDate)} – ${formatDate(affiliation.endDate)}`
                    : null}
                </td>
                <td>
                  {affiliation.current
                    ? t("directory.person.current")
                    : t("directory.person.former")}
                </td>
                <td>
                  {affiliation.canManage ? (
                    <div className="actions compact">
                      {affiliation.current ? (
                        <Form method="post">
                          <CsrfField />
                          <input type="hidden" name="intent" value="end" />
                          <input type="hidden" name="affiliationId" value={affiliation.id} />
                          <button
                            type="submit"
                            className="secondary"
                            aria-label={t("directory.affiliation.endLabel", {
                              organization: affiliation.organizationName,
                            })}
                          >
                            {t("directory.affiliation.end")}
                          </button>
                        </Form>
                      ) : null}
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="affiliationId" value={affiliation.id} />
                        <button
                          type="submit"
                          className="secondary"
                          aria-label={t("directory.affiliation.removeLabel", {
                            organization: affiliation.organizationName,
                          })}
                        >
                          {t("directory.affiliation.remove")}
                        </button>
                      </Form>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("directory.person.noOrganizations")}</p>
      )}

      {organizations.length ? (
        <>
          <h3 id="add-affiliation">{t("directory.affiliation.add")}</h3>
          <ErrorSummary errors={addFailure?.fieldErrors} labels={labels} />
          {addFailure?.formError ? (
            <p className="notice error" role="alert">
              {t(addFailure.formError)}
            </p>
          ) : null}
          <Form method="post" className="stacked" noValidate aria-labelledby="add-affiliation">
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            <AffiliationFields
              values={addFailure?.values ?? {}}
              errors={addFailure?.fieldErrors}
              organizations={organizations}
              optional={false}
            />
            <div className="actions">
              <button type="submit">{t("directory.affiliation.add")}</button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
