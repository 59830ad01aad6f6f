import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/budget";
import { getDb } from "../../../db/index.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { invalid } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { noStoreHeaders } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { ErrorSummary } from "../../../ui/form.tsx";
import { useLocale, useT } from "../../../ui/i18n.tsx";
import {
  draftFromBudget,
  draftFromValues,
  draftToInput,
  formFieldNames,
  type BudgetDraft,
} from "../budget-form.ts";
import { getBudget, saveBudget } from "../budget-service.ts";
import { BudgetEditor, decimalSignOf } from "../budget-ui.tsx";
import { loggedInPage } from "../../../platform/page-loaders.ts";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return loggedInPage(args, async ({ db, actor, locale, t, url }) => {
    const budget = await getBudget(db, actor, args.params.id);
    return {
      title: t("budget.title", { name: budget.event.name }),
      event: budget.event,
      ticketTypes: budget.ticketTypes.map((type) => ({
        id: type.id,
        name: type.name,
        price: type.price,
        budgetPrice: type.budgetPrice,
        budgetEarlyBirdPrice: type.budgetEarlyBirdPrice,
        invitationOnly: type.invitationOnly,
      })),
      draft: draftFromBudget(budget, decimalSignOf(locale)),
      version: budget.version,
      updatedAt: budget.updatedAt,
      saved: url.searchParams.has("saved"),
    };
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Preview = {
  ok: true;
  intent: "preview";
  values: Record<string, string>;
  fieldErrors: Record<string, string[]>;
};

/**
 * "Recompute" (no JavaScript needed) shows the result of what was typed without saving; "Save"
 * saves it against the version read. Either way what was typed comes back as typed.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent === "save" ? "save" : "preview";
  let fieldNames: Record<string, string> = {};
  try {
    const budget = await getBudget(db, actor, params.id);
    const ticketTypeIds = budget.ticketTypes.map((type) => type.id);
    const { input, fieldErrors, lineOf } = draftToInput(draftFromValues(values), ticketTypeIds);
    if (intent === "preview")
      return data<Preview>({ ok: true, intent, values, fieldErrors }, { headers: noStoreHeaders });
    if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
    fieldNames = formFieldNames(lineOf, ticketTypeIds);
    await saveBudget(db, actor, params.id, input);
    return redirect(`/events/${params.id}/budget?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent, fieldNames });
  }
}

export default function BudgetPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { event, ticketTypes, version, updatedAt, saved } = loaderData;
  const fieldErrors = actionData?.fieldErrors ?? {};
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const draft: BudgetDraft = actionData ? draftFromValues(actionData.values) : loaderData.draft;
  // A new answer from the server starts the editor afresh from what it sent back.
  const revision = actionData ? JSON.stringify(actionData.values) : `saved-${version}`;
  const labels = Object.fromEntries(
    Object.keys(fieldErrors).map((name) => [name, fieldLabel(t, name, ticketTypes, draft)]),
  );
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}`}>{event.name}</Link>
      </p>
      <h1>{t("budget.title", { name: event.name })}</h1>
      <p className="lead">{t("budget.lead")}</p>
      {saved && !actionData ? (
        <p className="notice" role="status">
          {t("budget.saved")}
        </p>
      ) : null}
      {updatedAt && version > 0 ? (
        <p className="hint">
          {t("budget.version", {
            version,
            when: formatDateTime(locale, updatedAt, event.timeZone),
          })}
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="notice error" role="alert">
          {t(failure.formError, failure.formErrorParams)}
        </p>
      ) : null}
      <ErrorSummary errors={fieldErrors} labels={labels} />
      {actionData?.ok ? (
        <p className="notice" role="status">
          {t("budget.previewed")}
        </p>
      ) : null}
      <BudgetEditor
        key={revision}
        t={t}
        locale={locale}
        currency={event.currency}
        ticketTypes={ticketTypes}
        initialDraft={
          failure?.formError && failure.formErrorParams?.version !== undefined
            ? { ...draft, version: String(failure.formErrorParams.version) }
            : draft
        }
        fieldErrors={fieldErrors}
      />
    </section>
  );
}

function fieldLabel(
  t: ReturnType<typeof useT>,
  name: string,
  ticketTypes: { id: string; name: string }[],
  draft: BudgetDraft,
): string {
  if (name.startsWith("expected.")) {
    const type = ticketTypes.find((candidate) => `expected.${candidate.id}` === name);
    return t("budget.attendance.expectedFor", { name: type?.name ?? "" });
  }
  if (name.startsWith("earlyBird.")) {
    const type = ticketTypes.find((candidate) => `earlyBird.${candidate.id}` === name);
    return t("budget.attendance.earlyBirdFor", { name: type?.name ?? "" });
  }
  const match = /^line\.(\d+)\.(\w+)$/.exec(name);
  const line = match ? draft.lines[Number(match[1])] : undefined;
  if (match && line) {
    const number = draft.lines
      .slice(0, Number(match[1]) + 1)
      .filter((other) => other.kind === line.kind).length;
    const which = t(line.kind === "cost" ? "budget.line.costNumber" : "budget.line.incomeNumber", {
      number,
    });
    return `${which}, ${t(`budget.line.${match[2] === "amount" ? "amount" : match[2] === "category" ? "category" : "label"}`)}`;
  }
  if (name === "ordinaryTicketTypeId") return t("budget.field.ordinary");
  return name;
}
