// The organizer's own questions on the registration form: /events/:id/questions. Free text or
// one choice among options; what each is for (dietary needs feed the caterer's summary).
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/registrations-questions";
import { getDb } from "../../../db/index.ts";
import { translator } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { loginRedirect, noStoreHeaders, refusal } from "../../../platform/http.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, type FormErrors } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { questionKinds, questionPurposes } from "../registrations-schema.ts";
import type { TQuestionCreateInput } from "../registrations-schemas.ts";
import { getEvent } from "../service.ts";
import {
  createQuestion,
  deleteQuestion,
  listQuestions,
  updateQuestion,
  type QuestionView,
} from "../tickets-service.ts";
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
    if (!can.edit) throw new AppError("forbidden", "error.forbidden");
    return {
      title: translator(locale)("registrations.questions.title", { name: event.name }),
      event,
      questions: await listQuestions(db, actor, params.id),
      notice: noticeOf(request),
    };
  } catch (error) {
    refusal(error, request);
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

function questionInput(values: Record<string, string>) {
  return {
    label: values.label ?? "",
    kind: values.kind ?? "",
    purpose: values.purpose || undefined,
    options: (values.options ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    required: values.required === "yes",
  } as TQuestionCreateInput;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { actor } = context.get(requestStateContext);
  const values = submittedValues(await request.formData());
  const db = await getDb();
  const intent = values.intent ?? "add";
  const rowId = values.rowId ?? "";
  const back = `/events/${params.id}/questions`;
  try {
    if (intent === "remove") {
      await deleteQuestion(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1`);
    }
    if (intent === "up" || intent === "down") {
      const rows = await listQuestions(db, actor, params.id);
      const row = rows.find((candidate) => candidate.id === rowId);
      await updateQuestion(db, actor, params.id, rowId, {
        position: positionOf(rows, rowId, intent),
        version: row?.version ?? 0,
      });
      return redirect(`${back}?moved=1#row-${rowId}`);
    }
    if (intent === "save") {
      await updateQuestion(db, actor, params.id, rowId, {
        ...questionInput(values),
        version: values.version ?? "",
      } as never);
      return redirect(`${back}?saved=1#row-${rowId}`);
    }
    await createQuestion(db, actor, params.id, questionInput(values));
    return redirect(`${back}?saved=1`);
  } catch (error) {
    return formFailure(error, request, values, { intent });
  }
}

function QuestionFields({
  values,
  errors,
  idPrefix,
}: {
  values: Record<string, string>;
  errors: FormErrors;
  idPrefix: string;
}) {
  const t = useT();
  return (
    <>
      <Field
        name="label"
        label={t("registrations.questions.label")}
        required
        errors={errors}
        defaultValue={values.label}
      />
      <Field name="kind" label={t("registrations.questions.kind")} errors={errors}>
        {(props) => (
          <select {...props} defaultValue={values.kind || "text"}>
            {questionKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`registrations.questionKind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="purpose"
        label={t("registrations.questions.purpose")}
        hint={t("registrations.questions.purposeHint")}
        errors={errors}
      >
        {(props) => (
          <select {...props} defaultValue={values.purpose || "other"}>
            {questionPurposes.map((purpose) => (
              <option key={purpose} value={purpose}>
                {t(`registrations.questionPurpose.${purpose}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="options"
        label={t("registrations.questions.options")}
        hint={t("registrations.questions.optionsHint")}
        errors={errors}
      >
        {(props) => <textarea {...props} rows={4} defaultValue={values.options ?? ""} />}
      </Field>
      <label className="choice" htmlFor={`${idPrefix}-required`}>
        <input
          id={`${idPrefix}-required`}
          type="checkbox"
          name="required"
          value="yes"
          defaultChecked={values.required === "yes"}
        />{" "}
        {t("registrations.questions.required")}
      </label>
    </>
  );
}

function valuesOf(question: QuestionView): Record<string, string> {
  return {
    label: question.label,
    kind: question.kind,
    purpose: question.purpose,
    options: question.options.join("\n"),
    required: question.required ? "yes" : "",
  };
}

export default function QuestionsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, questions, notice, title } = loaderData;
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const addFailure = failure?.intent === "add" ? failure : undefined;
  const labels = {
    label: t("registrations.questions.label"),
    kind: t("registrations.questions.kind"),
    purpose: t("registrations.questions.purpose"),
    options: t("registrations.questions.options"),
  };
  return (
    <section>
      <p>
        <Link to={`/events/${event.id}/tickets`}>{t("tickets.edit.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">{t("registrations.questions.lead")}</p>
      <Notice text={notice ? t(notice) : null} />
      {failure && failure.intent !== "add" && failure.intent !== "save" ? (
        <FormError failure={failure} />
      ) : null}
      {questions.length === 0 ? <p>{t("registrations.questions.none")}</p> : null}
      {questions.map((question, index) => {
        const rowFailure =
          failure?.intent === "save" && failure.values.rowId === question.id ? failure : undefined;
        return (
          <article key={question.id} id={`row-${question.id}`} className="question">
            <h2>
              {index + 1}. {question.label}
            </h2>
            <p className="hint">
              {t(`registrations.questionKind.${question.kind}`)} ·{" "}
              {t(`registrations.questionPurpose.${question.purpose}`)}
              {question.required ? ` · ${t("registrations.questions.required")}` : ""}
              {question.options.length ? ` · ${question.options.join(", ")}` : ""}
            </p>
            <OrderButtons
              id={question.id}
              name={question.label}
              index={index}
              count={questions.length}
            />
            <details open={Boolean(rowFailure)}>
              <summary>{t("registrations.questions.edit", { name: question.label })}</summary>
              <ErrorSummary errors={rowFailure?.fieldErrors} labels={labels} />
              <FormError failure={rowFailure} />
              <Form method="post" className="stacked" noValidate>
                <CsrfField />
                <input type="hidden" name="intent" value="save" />
                <input type="hidden" name="rowId" value={question.id} />
                <input type="hidden" name="version" value={question.version} />
                <QuestionFields
                  values={rowFailure?.values ?? valuesOf(question)}
                  errors={rowFailure?.fieldErrors}
                  idPrefix={`q-${question.id}`}
                />
                <div className="actions">
                  <button type="submit">{t("action.save")}</button>
                </div>
              </Form>
            </details>
          </article>
        );
      })}
      <h2 id="add-question">{t("registrations.questions.add")}</h2>
      <ErrorSummary errors={addFailure?.fieldErrors} labels={labels} />
      <FormError failure={addFailure} />
      <Form method="post" className="stacked" noValidate aria-labelledby="add-question">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <QuestionFields
          values={addFailure?.values ?? {}}
          errors={addFailure?.fieldErrors}
          idPrefix="new"
        />
        <div className="actions">
          <button type="submit">{t("registrations.questions.add")}</button>
        </div>
      </Form>
    </section>
  );
}
