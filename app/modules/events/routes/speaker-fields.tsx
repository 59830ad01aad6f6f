// The speaker form's fields (add and edit).
import type { Translate } from "../../../i18n/translate.ts";
import { Field, type FormErrors, SelectField } from "../../../ui/form.tsx";
import { useT } from "../../../ui/i18n.tsx";

export function speakerLabels(t: Translate): Record<string, string> {
  return {
    name: t("events.field.name"),
    title: t("events.field.speakerTitle"),
    organizationId: t("events.field.organization"),
    organizationName: t("events.field.organizationName"),
    bio: t("events.field.bio"),
  };
}

export function speakerInput(values: Record<string, string>) {
  return {
    name: values.name ?? "",
    title: values.title ?? "",
    bio: values.bio ?? "",
    organizationId: values.organizationId ? values.organizationId : null,
    organizationName: values.organizationName ?? "",
  };
}

export function SpeakerFields({
  values,
  errors,
  organizations,
}: {
  values: Record<string, string | undefined>;
  errors: FormErrors;
  organizations: { id: string; name: string }[];
}) {
  const t = useT();
  const labels = speakerLabels(t);
  return (
    <>
      <Field name="name" label={labels.name!} required errors={errors} defaultValue={values.name} />
      <Field name="title" label={labels.title!} errors={errors} defaultValue={values.title} />
      <SelectField
        name="organizationId"
        label={labels.organizationId!}
        hint={t("events.field.organizationHint")}
        errors={errors}
        defaultValue={values.organizationId}
        empty={t("events.noChoice")}
        options={organizations.map((organization) => ({
          value: organization.id,
          label: organization.name,
        }))}
      />
      <Field
        name="organizationName"
        label={labels.organizationName!}
        errors={errors}
        defaultValue={values.organizationName}
      />
      <Field name="bio" label={labels.bio!} errors={errors}>
        {(props) => <textarea {...props} rows={5} defaultValue={values.bio ?? ""} />}
      </Field>
    </>
  );
}
