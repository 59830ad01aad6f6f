// Components shared by the directory's pages.
import { formatCalendarDate, formatNumber } from "../../i18n/format.ts";
import { Link } from "react-router";
import type { Translate } from "../../i18n/translate.ts";
import { Field, SelectField, type FormErrors } from "../../ui/form.tsx";
import { useLocale, useT } from "../../ui/i18n.tsx";
import { countries, organizationKinds, timeZones, type OrganizationKind } from "./schema.ts";

export function kindLabel(t: Translate, kind: OrganizationKind | string): string {
  return t(`directory.kind.${kind}`);
}

/** A date (YYYY-MM-DD) as the reader's language writes it. */
export function useFormatDate() {
  const locale = useLocale();
  return (value: string | null | undefined) => {
    if (!value) return "";
    return formatCalendarDate(locale, value);
  };
}

export type OrganizationChoice = { id: string; name: string };

export type OrganizationFormValues = Partial<
  Record<
    | "name"
    | "kind"
    | "country"
    | "parentId"
    | "organizationNumber"
    | "hsaId"
    | "website"
    | "timeZone",
    string
  >
>;

/** Labels of the organization form's fields (for the error summary too). */
export function organizationLabels(t: Translate): Record<string, string> {
  return {
    name: t("directory.field.name"),
    kind: t("directory.field.kind"),
    country: t("directory.field.country"),
    parentId: t("directory.field.parent"),
    organizationNumber: t("directory.field.organizationNumber"),
    hsaId: t("directory.field.hsaId"),
    website: t("directory.field.website"),
    timeZone: t("directory.field.timeZone"),
  };
}

/** The fields of the organization create and edit forms. */
export function OrganizationFields({
  values,
  errors,
  parents,
  allowTopLevel,
}: {
  values: OrganizationFormValues;
  errors: FormErrors;
  parents: OrganizationChoice[];
  allowTopLevel: boolean;
}) {
  const t = useT();
  const labels = organizationLabels(t);
  return (
    <>
      <Field name="name" label={labels.name!} required errors={errors} defaultValue={values.name} />
      <SelectField
        name="kind"
        label={labels.kind!}
        required
        errors={errors}
        defaultValue={values.kind}
        empty={t("directory.choose")}
        options={organizationKinds.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
      />
      <SelectField
        name="country"
        label={labels.country!}
        required
        errors={errors}
        defaultValue={values.country ?? "SE"}
        options={countries.map((country) => ({
          value: country,
          label: t(`directory.country.${country}`),
        }))}
      />
      <SelectField
        name="parentId"
        label={labels.parentId!}
        required={!allowTopLevel}
        errors={errors}
        defaultValue={values.parentId}
        empty={allowTopLevel ? t("directory.topLevel") : t("directory.choose")}
        options={parents.map((parent) => ({ value: parent.id, label: parent.name }))}
      />
      <Field
        name="organizationNumber"
        label={labels.organizationNumber!}
        hint={t("directory.field.organizationNumber.hint")}
        errors={errors}
        defaultValue={values.organizationNumber}
        autoComplete="off"
      />
      <Field
        name="hsaId"
        label={labels.hsaId!}
        hint={t("directory.field.hsaId.hint")}
        errors={errors}
        defaultValue={values.hsaId}
        autoComplete="off"
      />
      <Field
        name="website"
        label={labels.website!}
        type="url"
        errors={errors}
        defaultValue={values.website}
        autoComplete="url"
      />
      <SelectField
        name="timeZone"
        label={labels.timeZone!}
        errors={errors}
        defaultValue={values.timeZone}
        empty={t("directory.field.timeZone.default")}
        options={timeZones.map((zone) => ({ value: zone, label: t(`directory.timeZone.${zone}`) }))}
      />
    </>
  );
}

export type PersonFormValues = Partial<Record<"name" | "title" | "email" | "phone", string>>;

export function personLabels(t: Translate): Record<string, string> {
  return {
    name: t("directory.field.personName"),
    title: t("directory.field.title"),
    email: t("directory.field.email"),
    phone: t("directory.field.phone"),
    organizationId: t("directory.field.organization"),
    affiliationTitle: t("directory.field.affiliationTitle"),
    startDate: t("directory.field.startDate"),
    endDate: t("directory.field.endDate"),
  };
}

export function PersonFields({ values, errors }: { values: PersonFormValues; errors: FormErrors }) {
  const t = useT();
  const labels = personLabels(t);
  return (
    <>
      <Field
        name="name"
        label={labels.name!}
        required
        errors={errors}
        defaultValue={values.name}
        autoComplete="off"
      />
      <Field name="title" label={labels.title!} errors={errors} defaultValue={values.title} />
      <Field
        name="email"
        label={labels.email!}
        type="email"
        errors={errors}
        defaultValue={values.email}
        autoComplete="off"
      />
      <Field
        name="phone"
        label={labels.phone!}
        type="tel"
        errors={errors}
        defaultValue={values.phone}
        autoComplete="off"
      />
    </>
  );
}

/** Fields of an affiliation: organization, title and dates. */
export function AffiliationFields({
  values,
  errors,
  organizations,
  optional,
}: {
  values: Partial<Record<"organizationId" | "affiliationTitle" | "startDate" | "endDate", string>>;
  errors: FormErrors;
  organizations: OrganizationChoice[];
  optional: boolean;
}) {
  const t = useT();
  const labels = personLabels(t);
  return (
    <>
      <SelectField
        name="organizationId"
        label={labels.organizationId!}
        required={!optional}
        errors={errors}
        defaultValue={values.organizationId}
        empty={optional ? t("directory.none") : t("directory.choose")}
        options={organizations.map(({ id, name }) => ({ value: id, label: name }))}
      />
      <Field
        name="affiliationTitle"
        label={labels.affiliationTitle!}
        errors={errors}
        defaultValue={values.affiliationTitle}
      />
      <Field
        name="startDate"
        label={labels.startDate!}
        type="date"
        hint={t("directory.field.date.hint")}
        errors={errors}
        defaultValue={values.startDate}
      />
      <Field
        name="endDate"
        label={labels.endDate!}
        type="date"
        hint={t("directory.field.date.hint")}
        errors={errors}
        defaultValue={values.endDate}
      />
    </>
  );
}

/** "N organizations" and the like, announced to screen readers when it changes. */
export function ResultCount({ total, one, many }: { total: number; one: string; many: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="result-count" role="status">
      {total === 1 ? t(one) : t(many, { count: formatNumber(locale, total) })}
    </p>
  );
}

/** Previous / page N of M / next, as plain links that keep the filters. */
export function Pagination({
  page,
  pageCount,
  filters,
  path,
}: {
  page: number;
  pageCount: number;
  filters: Record<string, string>;
  path: string;
}) {
  const t = useT();
  if (pageCount <= 1) return null;
  const hrefOf = (target: number) => {
    const params = new URLSearchParams({ ...filters });
    params.delete("page");
    if (target > 1) params.set("page", String(target));
    const query = params.toString();
    return query ? `${path}?${query}` : path;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={hrefOf(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span aria-current="page">{t("pagination.page", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link to={hrefOf(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
