import { useId, type ReactNode } from "react";
import { useT } from "./i18n.tsx";

export type FormErrors = Record<string, string[]> | undefined;

type FieldProps = {
  name: string;
  label: string;
  errors?: FormErrors;
  hint?: string;
  required?: boolean;
  type?: string;
  defaultValue?: string | number | null;
  autoComplete?: string;
  children?: (props: {
    id: string;
    name: string;
    "aria-invalid": boolean | undefined;
    "aria-describedby": string | undefined;
    required: boolean | undefined;
  }) => ReactNode;
};

/** A labelled input with its hint and its errors tied to it for screen readers. */
export function Field({
  name,
  label,
  errors,
  hint,
  required,
  type = "text",
  defaultValue,
  autoComplete,
  children,
}: FieldProps) {
  const t = useT();
  const id = useId();
  const messages = errors?.[name] ?? [];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = messages.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const controlProps = {
    id,
    name,
    "aria-invalid": messages.length ? true : undefined,
    "aria-describedby": describedBy,
    required: required || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="visually-hidden"> ({t("form.required")})</span> : null}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {messages.length ? (
        <p className="field-error" id={errorId}>
          {messages.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
      {children ? (
        children(controlProps)
      ) : (
        <input
          {...controlProps}
          type={type}
          defaultValue={defaultValue ?? undefined}
          autoComplete={autoComplete}
        />
      )}
    </div>
  );
}

export type SelectOption = { value: string; label: string; lang?: string };

/** The options of a choice, in order. */
export function Options({ options }: { options: readonly SelectOption[] }) {
  return (
    <>
      {options.map((option) => (
        <option key={option.value} value={option.value} lang={option.lang}>
          {option.label}
        </option>
      ))}
    </>
  );
}

/**
 * A labelled single choice: `empty` is the label of a first option with no value (a prompt such
 * as "Välj…", or "none" where a choice is optional).
 */
export function SelectField({
  options,
  empty,
  defaultValue,
  ...field
}: Omit<FieldProps, "type" | "children" | "autoComplete"> & {
  options: readonly SelectOption[];
  empty?: string;
}) {
  return (
    <Field {...field}>
      {(props) => (
        <select {...props} defaultValue={defaultValue ?? ""}>
          {empty !== undefined ? <option value="">{empty}</option> : null}
          <Options options={options} />
        </select>
      )}
    </Field>
  );
}

/** Lists every error at the top of the form, each linking to its field's name. */
export function ErrorSummary({
  errors,
  labels,
}: {
  errors: FormErrors;
  labels?: Record<string, string>;
}) {
  const t = useT();
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("form.errorSummary")}</h2>
      <ul>
        {Object.entries(errors).map(([field, keys]) => (
          <li key={field}>
            {labels?.[field] ? `${labels[field]}: ` : ""}
            {keys.map((key) => t(key)).join(" ")}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A form failure's message for the whole form (a conflict, a refusal without a field), with its
 * placeholders filled; `children` add to it (say, the saved version beside a stale save).
 */
export function FormError({
  failure,
  children,
}: {
  failure:
    { formError: string | null; formErrorParams?: Record<string, string | number> } | undefined;
  children?: ReactNode;
}) {
  const t = useT();
  if (!failure?.formError) return null;
  return (
    <div className="notice error" role="alert">
      <p>{t(failure.formError, failure.formErrorParams)}</p>
      {children}
    </div>
  );
}
