// The agenda item form's fields, shared by the add form and the edit page.
import type { Translate } from "../../../i18n/translate.ts";
import { AppError } from "../../../platform/errors.ts";
import { Field, type FormErrors } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";
import type { TAgendaItemCreateInput } from "../schemas.ts";
import type { PersonRef } from "../service.ts";
import { allOf, parseDocumentLines } from "./meeting-ui.tsx";

export function agendaLabels(t: Translate): Record<string, string> {
  return {
    title: t("meetings.agenda.title"),
    purpose: t("meetings.agenda.purpose"),
    responsiblePersonIds: t("meetings.agenda.responsible"),
    guestPersonIds: t("meetings.agenda.guests"),
    plannedMinutes: t("meetings.agenda.plannedMinutes"),
    documentLinks: t("meetings.agenda.documents"),
  };
}

/** The service input from the form; document lines that do not parse are a field error. */
export function agendaInput(
  formData: FormData,
  values: Record<string, string>,
): TAgendaItemCreateInput {
  const documentLinks = parseDocumentLines(values.documentLinks ?? "");
  if (!documentLinks)
    throw new AppError("validation", "form.errorSummary", {
      documentLinks: ["meetings.error.documentLine"],
    });
  return {
    title: values.title ?? "",
    purpose: values.purpose ?? "",
    plannedMinutes: values.plannedMinutes ? values.plannedMinutes : null,
    documentLinks,
    responsiblePersonIds: allOf(formData, "responsiblePersonIds"),
    guestPersonIds: allOf(formData, "guestPersonIds"),
  } as TAgendaItemCreateInput;
}

/** Service field errors on nested document links ("documentLinks.0.url") shown on the field. */
function errorsFor(errors: FormErrors): FormErrors {
  if (!errors) return errors;
  const result: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const name = key.startsWith("documentLinks.") ? "documentLinks" : key;
    result[name] = [...(result[name] ?? []), ...messages];
  }
  return result;
}

export function AgendaItemFields({
  values,
  errors: rawErrors,
  choices,
}: {
  values: Record<string, string>;
  errors: FormErrors;
  choices: { members: PersonRef[]; people: PersonRef[] };
}) {
  const t = useT();
  const labels = agendaLabels(t);
  const errors = errorsFor(rawErrors);
  const selected = (name: string) => (values[name] ?? "").split("\n").filter(Boolean);
  const peoplePicker = (
    name: "responsiblePersonIds" | "guestPersonIds",
    people: readonly { id: string; name: string }[],
  ) => (
    <Field
      name={name}
      label={labels[name] ?? ""}
      hint={t("meetings.agenda.pickHint")}
      errors={errors}
    >
      {(props) => (
        <select {...props} multiple size={6} defaultValue={selected(name)}>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <>
      <Field
        name="title"
        label={labels.title ?? ""}
        required
        defaultValue={values.title}
        errors={errors}
      />
      <Field
        name="purpose"
        label={labels.purpose ?? ""}
        hint={t("meetings.agenda.purposeHint")}
        defaultValue={values.purpose}
        errors={errors}
      />
      {peoplePicker("responsiblePersonIds", choices.members)}
      {peoplePicker("guestPersonIds", choices.people)}
      <Field
        name="plannedMinutes"
        type="number"
        label={labels.plannedMinutes ?? ""}
        defaultValue={values.plannedMinutes}
        errors={errors}
      />
      <Field
        name="documentLinks"
        label={labels.documentLinks ?? ""}
        hint={t("meetings.agenda.documentsHint")}
        errors={errors}
      >
        {(props) => <textarea {...props} rows={3} defaultValue={values.documentLinks ?? ""} />}
      </Field>
    </>
  );
}
