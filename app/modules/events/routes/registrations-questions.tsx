// The organizer's own questions on the registration form: /events/:id/questions. Free text or
// one choice among options; what each is for (dietary needs feed the caterer's summary).
import { Form } from "react-router";
import type { Route } from "./+types/registrations-questions";
import { noStoreHeaders } from "../../../platform/http.ts";
import { CsrfField } from "../../../ui/csrf.tsx";
import { ErrorSummary, Field, FormError, type FormErrors, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import { questionKinds, questionPurposes } from "../registrations-schema.ts";
import type { TQuestionCreateInput, TQuestionUpdateInput } from "../registrations-schemas.ts";
import {
  createQuestion,
  deleteQuestion,
  listQuestions,
  updateQuestion,
  type QuestionView,
} from "../tickets-service.ts";
import { AddForm, ManagePage, OrderButtons } from "../ui.tsx";
import { noticeOf } from "./manage-helpers.ts";
import { eventEditorPage, rowsAction } from "./page-handlers.tsx";

export function headers() {
  return noStoreHeaders;
}

export function loader(args: Route.LoaderArgs) {
  return eventEditorPage(args, async ({ db, actor, t, event }) => ({
    title: t("registrations.questions.title", { name: event.name }),
    event,
    questions: await listQuestions(db, actor, args.params.id),
    notice: noticeOf(args.request),
  }));
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

export function action(args: Route.ActionArgs) {
  return rowsAction(args, "questions", {
    list: listQuestions,
    versioned: true,
    update: updateQuestion,
    remove: deleteQuestion,
    saveInput: (values) =>
      ({ ...questionInput(values), version: values.version ?? "" }) as TQuestionUpdateInput,
    add: ({ db, actor, eventId, values }) =>
      createQuestion(db, actor, eventId, questionInput(values)),
  });
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
      <SelectField
        name="kind"
        label={t("registrations.questions.kind")}
        errors={errors}
        defaultValue={values.kind || "text"}
        options={questionKinds.map((kind) => ({
          value: kind,
          label: t(`registrations.questionKind.${kind}`),
        }))}
      />
      <SelectField
        name="purpose"
        label={t("registrations.questions.purpose")}
        hint={t("registrations.questions.purposeHint")}
        errors={errors}
        defaultValue={values.purpose || "other"}
        options={questionPurposes.map((purpose) => ({
          value: purpose,
          label: t(`registrations.questionPurpose.${purpose}`),
        }))}
      />
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
    <ManagePage
      back={`/events/${event.id}/tickets`}
      backLabel={t("tickets.edit.back")}
      title={title}
      lead={<p className="lead">{t("registrations.questions.lead")}</p>}
      notice={notice}
    >
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
      <AddForm
        id="add-question"
        title={t("registrations.questions.add")}
        intent="add"
        failure={addFailure}
        labels={labels}
      >
        <QuestionFields
          values={addFailure?.values ?? {}}
          errors={addFailure?.fieldErrors}
          idPrefix="new"
        />
      </AddForm>
    </ManagePage>
  );
}
