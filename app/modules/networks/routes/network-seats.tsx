import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/network-seats";
import { getDb } from "../../../db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { doneNotice, loggedInPage } from "../../../platform/page-loaders.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { countries, organizationKinds } from "../../directory/schema.ts";
import { kindLabel } from "../../directory/ui.tsx";
import type { TSeatRuleCreateInput } from "../schemas.ts";
import {
  addSeatRule,
  getNetwork,
  listSeatRules,
  removeSeatRule,
  seatRuleFormChoices,
  updateSeatRule,
} from "../service.ts";
import { SeatTable, seatRuleTarget } from "../ui.tsx";
import { formFailure, submittedValues } from "../../../platform/forms.ts";

export function headers() {
  return noStoreHeaders;
}

const notices = {
  added: "networks.seatRules.added",
  updated: "networks.seatRules.updated",
  removed: "networks.seatRules.removed",
} as const;

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const { network, can } = await getNetwork(db, actor, args.params.id);
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    const { rules, seats } = await listSeatRules(db, actor, network.id);
    const organizations = await seatRuleFormChoices(db, actor, network.id);
    return {
      title: t("networks.seatRules.title", { name: network.name }),
      network,
      rules,
      seats,
      organizations,
      notice: doneNotice(args.request, notices),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent ?? "";
  const back = (done: string) => redirect(`/networks/${params.id}/seats?done=${done}`);
  try {
    if (intent === "update") {
      await updateSeatRule(db, actor, params.id, values.ruleId ?? "", {
        seats: values.seats ?? "",
      });
      return back("updated");
    }
    if (intent === "remove") {
      await removeSeatRule(db, actor, params.id, values.ruleId ?? "");
      return back("removed");
    }
    const input: TSeatRuleCreateInput =
      intent === "addOrganization"
        ? { organizationId: values.organizationId || undefined, seats: values.seats ?? "" }
        : {
            organizationKind: (values.organizationKind ||
              undefined) as TSeatRuleCreateInput["organizationKind"],
            country: (values.country || null) as TSeatRuleCreateInput["country"],
            seats: values.seats ?? "",
          };
    if (intent === "addOrganization" && !input.organizationId)
      throw new AppError("validation", "form.errorSummary", { organizationId: ["error.required"] });
    if (intent === "addKind" && !input.organizationKind)
      throw new AppError("validation", "form.errorSummary", {
        organizationKind: ["error.required"],
      });
    await addSeatRule(db, actor, params.id, input);
    return back("added");
  } catch (error) {
    return formFailure(error, request, values, {
      intent,
      fieldNames: intent === "addKind" ? { organizationId: "organizationKind" } : undefined,
    });
  }
}

export default function NetworkSeats({ loaderData, actionData }: Route.ComponentProps) {
  const { network, rules, seats, organizations, notice } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const failureOf = (intent: string) => (failure?.intent === intent ? failure : undefined);
  const labels = {
    organizationId: t("networks.field.organization"),
    organizationKind: t("networks.field.kind"),
    country: t("networks.field.country"),
    seats: t("networks.field.seats"),
  };
  const rowFailure =
    failure && (failure.intent === "update" || failure.intent === "remove") ? failure : undefined;
  const orgFailure = failureOf("addOrganization");
  const kindFailure = failureOf("addKind");
  return (
    <section>
      <p>
        <Link to={`/networks/${network.id}`}>{network.name}</Link>
      </p>
      <h1>{t("networks.seatRules.title", { name: network.name })}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>{t("networks.seatRules.lead")}</p>
      <p>{t("networks.seats.lead")}</p>

      <section aria-labelledby="rules">
        <h2 id="rules">{t("networks.seatRules.rules")}</h2>
        <ErrorSummary errors={rowFailure?.fieldErrors} labels={labels} />
        {rowFailure?.formError ? (
          <p className="notice error" role="alert">
            {t(rowFailure.formError)}
          </p>
        ) : null}
        {rules.length ? (
          <div className="table-scroll">
            <table aria-labelledby="rules">
              <thead>
                <tr>
                  <th scope="col">{t("networks.seatRules.appliesTo")}</th>
                  <th scope="col">{t("networks.field.seats")}</th>
                  <th scope="col">{t("networks.members.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => {
                  const target = seatRuleTarget(t, rule);
                  return (
                    <tr key={rule.id}>
                      <th scope="row">{target}</th>
                      <td>
                        <Form method="post" className="actions compact">
                          <CsrfField />
                          <input type="hidden" name="intent" value="update" />
                          <input type="hidden" name="ruleId" value={rule.id} />
                          <label htmlFor={`seats-${rule.id}`} className="visually-hidden">
                            {t("networks.seatRules.seatsFor", { target })}
                          </label>
                          <input
                            id={`seats-${rule.id}`}
                            name="seats"
                            type="number"
                            min={0}
                            max={1000}
                            defaultValue={rule.seats}
                          />
                          <button type="submit" className="button secondary">
                            {t("networks.seatRules.change")}
                            <span className="visually-hidden"> ({target})</span>
                          </button>
                        </Form>
                      </td>
                      <td>
                        <Form method="post">
                          <CsrfField />
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="ruleId" value={rule.id} />
                          <button type="submit" className="button secondary">
                            {t("networks.seatRules.remove")}
                            <span className="visually-hidden"> ({target})</span>
                          </button>
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("networks.seats.none")}</p>
        )}
      </section>

      <section aria-labelledby="add-kind">
        <h2 id="add-kind">{t("networks.seatRules.addForKind")}</h2>
        <ErrorSummary errors={kindFailure?.fieldErrors} labels={labels} />
        <Form method="post" className="stacked" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="addKind" />
          <SelectField
            name="organizationKind"
            label={t("networks.field.kind")}
            required
            errors={kindFailure?.fieldErrors}
            defaultValue={kindFailure?.values.organizationKind}
            empty={t("networks.seatRules.choose")}
            options={organizationKinds.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
          />
          <SelectField
            name="country"
            label={t("networks.field.country")}
            errors={kindFailure?.fieldErrors}
            defaultValue={kindFailure?.values.country}
            empty={t("networks.seatRules.anyCountry")}
            options={countries.map((country) => ({
              value: country,
              label: t(`directory.country.${country}`),
            }))}
          />
          <Field
            name="seats"
            type="number"
            label={t("networks.field.seats")}
            required
            errors={kindFailure?.fieldErrors}
            defaultValue={kindFailure?.values.seats ?? "1"}
          />
          <div className="actions">
            <button type="submit">{t("networks.seatRules.add")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="add-organization">
        <h2 id="add-organization">{t("networks.seatRules.addForOrganization")}</h2>
        <ErrorSummary errors={orgFailure?.fieldErrors} labels={labels} />
        <Form method="post" className="stacked" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="addOrganization" />
          <SelectField
            name="organizationId"
            label={t("networks.field.organization")}
            required
            errors={orgFailure?.fieldErrors}
            defaultValue={orgFailure?.values.organizationId}
            empty={t("networks.seatRules.choose")}
            options={organizations.map((organization) => ({
              value: organization.id,
              label: organization.name,
            }))}
          />
          <Field
            name="seats"
            type="number"
            label={t("networks.field.seats")}
            required
            errors={orgFailure?.fieldErrors}
            defaultValue={orgFailure?.values.seats ?? "2"}
          />
          <div className="actions">
            <button type="submit">{t("networks.seatRules.add")}</button>
          </div>
        </Form>
      </section>

      {seats.length ? (
        <section aria-labelledby="seat-overview">
          <h2 id="seat-overview">{t("networks.seats.title")}</h2>
          <SeatTable seats={seats} headingId="seat-overview" />
        </section>
      ) : null}
    </section>
  );
}
