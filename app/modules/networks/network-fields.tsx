// The network form's fields (new and edit).
import { Field, SelectField, type FormErrors } from "../../ui/form.tsx";
import { useT } from "../../ui/i18n.tsx";
import type { Translate } from "../../i18n/translate.ts";
import { networkVisibilities } from "./schema.ts";
import { visibilityLabel } from "./ui.tsx";

export type NetworkFormValues = Partial<
  Record<"name" | "description" | "ownerOrganizationId" | "visibility", string>
>;

export function networkLabels(t: Translate): Record<string, string> {
  return {
    name: t("networks.field.name"),
    description: t("networks.field.description"),
    ownerOrganizationId: t("networks.field.owner"),
    visibility: t("networks.field.visibility"),
  };
}

export function NetworkFields({
  values,
  errors,
  owners,
}: {
  values: NetworkFormValues;
  errors: FormErrors;
  /** Given on the new form only: the owner is chosen once. */
  owners?: { id: string; name: string }[];
}) {
  const t = useT();
  const visibilityErrors = errors?.visibility ?? [];
  return (
    <>
      <Field
        name="name"
        label={t("networks.field.name")}
        required
        errors={errors}
        defaultValue={values.name}
      />
      <Field name="description" label={t("networks.field.description")} errors={errors}>
        {(props) => <textarea {...props} rows={5} defaultValue={values.description ?? ""} />}
      </Field>
      {owners ? (
        <SelectField
          name="ownerOrganizationId"
          label={t("networks.field.owner")}
          hint={t("networks.field.ownerHint")}
          required
          errors={errors}
          defaultValue={values.ownerOrganizationId}
          empty={t("networks.seatRules.choose")}
          options={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
        />
      ) : null}
      <fieldset aria-describedby="visibility-hint">
        <legend>{t("networks.field.visibility")}</legend>
        <p className="hint" id="visibility-hint">
          {t("networks.field.visibilityHint")}
        </p>
        {visibilityErrors.length ? (
          <p className="field-error">{visibilityErrors.map((key) => t(key)).join(" ")}</p>
        ) : null}
        {networkVisibilities.map((visibility) => (
          <div className="choice" key={visibility}>
            <input
              type="radio"
              id={`visibility-${visibility}`}
              name="visibility"
              value={visibility}
              defaultChecked={(values.visibility ?? "members") === visibility}
            />
            <label htmlFor={`visibility-${visibility}`}>{visibilityLabel(t, visibility)}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}
