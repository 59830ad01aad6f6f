// The directory's input schemas: one set for the forms, the service and the /api/v1 endpoints.
// Objects are strict (unknown keys are refused); messages are i18n catalog keys. The schemas hold
// no transforms, so they can be turned into JSON Schema as they are; normalization (organization
// numbers to digits, empty strings to null) is the service's job.
import { z } from "zod";
import { checkOrganizationFacts } from "./rules.ts";
import { countries, organizationKinds, timeZones } from "./schema.ts";

const unknownKeys = {
  error: (issue: { code?: string }) =>
    issue.code === "unrecognized_keys" ? "directory.error.unknownFields" : undefined,
};

const requiredText = (max: number) =>
  z.string({ error: "error.required" }).trim().min(1, "error.required").max(max, "error.tooLong");

/** Optional text: absent (undefined) leaves a value as it is on update; null or "" clears it. */
const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").nullish();

const id = () => z.uuid({ error: "error.invalid" });

/** An empty choice is "required"; anything else outside the list is "invalid". */
const choiceError = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === "" || issue.input === null
      ? "error.required"
      : "error.invalid",
};

export const ZOrganizationKindSchema = z.enum(organizationKinds, choiceError);
export const ZCountrySchema = z.enum(countries, choiceError);
export const ZTimeZoneSchema = z.enum(timeZones, choiceError);

const website = z
  .union([z.literal(""), z.httpUrl({ error: "error.url" }).max(500, "error.tooLong")], {
    error: "error.url",
  })
  .nullish();

const orgNumber = z.string().trim().max(20, "directory.error.orgNumberFormat").nullish();
const hsaId = z.string().trim().max(40, "directory.error.hsaId").nullish();

/** Organization number and HSA-id checked against the country, when the country is known. */
function refineFacts(
  value: {
    country?: (typeof countries)[number] | undefined;
    organizationNumber?: string | null | undefined;
    hsaId?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
) {
  if (!value.country) return;
  const { errors } = checkOrganizationFacts({
    country: value.country,
    organizationNumber: value.organizationNumber,
    hsaId: value.hsaId,
  });
  for (const [field, keys] of Object.entries(errors)) {
    for (const message of keys) ctx.addIssue({ code: "custom", path: [field], message });
  }
}

export const ZOrganizationCreateSchema = z
  .strictObject(
    {
      name: requiredText(200),
      kind: ZOrganizationKindSchema,
      country: ZCountrySchema,
      parentId: id().nullish(),
      /** Swedish NNNNNN-NNNN (or 16NNNNNNNNNN) or Norwegian NNN NNN NNN; stored as digits. */
      organizationNumber: orgNumber,
      hsaId,
      website,
      /** Defaults by country: SE → Europe/Stockholm, NO → Europe/Oslo. */
      timeZone: ZTimeZoneSchema.nullish(),
    },
    unknownKeys,
  )
  .superRefine(refineFacts);
export type TOrganizationCreateInput = z.input<typeof ZOrganizationCreateSchema>;
export type TOrganizationCreate = z.output<typeof ZOrganizationCreateSchema>;

/**
 * A change to an organization: only the fields given change (null clears an optional one), and
 * `version` must be the version read, or the update is refused as a conflict.
 */
export const ZOrganizationUpdateSchema = z
  .strictObject(
    {
      name: requiredText(200).optional(),
      kind: ZOrganizationKindSchema.optional(),
      country: ZCountrySchema.optional(),
      parentId: id().nullish(),
      organizationNumber: orgNumber,
      hsaId,
      website,
      timeZone: ZTimeZoneSchema.nullish(),
      version: z.coerce
        .number({ error: "error.invalid" })
        .int("error.invalid")
        .min(1, "error.invalid"),
    },
    unknownKeys,
  )
  .superRefine(refineFacts);
export type TOrganizationUpdateInput = z.input<typeof ZOrganizationUpdateSchema>;
export type TOrganizationUpdate = z.output<typeof ZOrganizationUpdateSchema>;

const page = z.coerce
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .min(1, "error.invalid")
  .max(100_000, "error.invalid")
  .default(1);
const pageSize = z.coerce
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .min(1, "error.invalid")
  .max(100, "error.invalid")
  .default(25);

export const ZOrganizationListFilterSchema = z.strictObject(
  {
    kind: ZOrganizationKindSchema.optional(),
    country: ZCountrySchema.optional(),
    /** Matches the name (also approximately), the organization number and the HSA-id. */
    q: z.string().trim().max(200, "error.tooLong").optional(),
    /** Only the direct sub-organizations of this organization. */
    parentId: id().optional(),
    page,
    pageSize,
  },
  unknownKeys,
);
export type TOrganizationListFilterInput = z.input<typeof ZOrganizationListFilterSchema>;
export type TOrganizationListFilter = z.output<typeof ZOrganizationListFilterSchema>;

const isoDate = z.iso.date({ error: "error.date" });

function refineDates(
  value: { startDate?: string | null | undefined; endDate?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "directory.error.endBeforeStart" });
  }
}

export const ZAffiliationCreateSchema = z
  .strictObject(
    {
      organizationId: id(),
      /** The title in this organization (e.g. "IT-direktör"). */
      title: optionalText(200),
      startDate: isoDate.nullish(),
      endDate: isoDate.nullish(),
    },
    unknownKeys,
  )
  .superRefine(refineDates);
export type TAffiliationCreateInput = z.input<typeof ZAffiliationCreateSchema>;

export const ZAffiliationUpdateSchema = z
  .strictObject(
    {
      title: optionalText(200),
      startDate: isoDate.nullish(),
      endDate: isoDate.nullish(),
    },
    unknownKeys,
  )
  .superRefine(refineDates);
export type TAffiliationUpdateInput = z.input<typeof ZAffiliationUpdateSchema>;

const email = z
  .union([z.literal(""), z.email({ error: "error.email" }).max(320, "error.tooLong")], {
    error: "error.email",
  })
  .nullish();
const phone = z
  .union(
    [
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\+?[0-9][0-9 ()-]{3,28}[0-9]$/, "directory.error.phone"),
    ],
    { error: "directory.error.phone" },
  )
  .nullish();

export const ZPersonCreateSchema = z.strictObject(
  {
    name: requiredText(200),
    title: optionalText(200),
    email,
    phone,
    /** Affiliations made together with the person (a form gives at most one). */
    affiliations: z.array(ZAffiliationCreateSchema).max(20, "error.invalid").optional(),
  },
  unknownKeys,
);
export type TPersonCreateInput = z.input<typeof ZPersonCreateSchema>;

export const ZPersonUpdateSchema = z.strictObject(
  {
    name: requiredText(200).optional(),
    title: optionalText(200),
    email,
    phone,
    version: z.coerce
      .number({ error: "error.invalid" })
      .int("error.invalid")
      .min(1, "error.invalid"),
  },
  unknownKeys,
);
export type TPersonUpdateInput = z.input<typeof ZPersonUpdateSchema>;

export const ZPersonListFilterSchema = z.strictObject(
  {
    /** Matches the name (also approximately), the title and the email. */
    q: z.string().trim().max(200, "error.tooLong").optional(),
    /** Only people with an affiliation (current or past) to this organization. */
    organizationId: id().optional(),
    page,
    pageSize,
  },
  unknownKeys,
);
export type TPersonListFilterInput = z.input<typeof ZPersonListFilterSchema>;
export type TPersonListFilter = z.output<typeof ZPersonListFilterSchema>;

/** Optional version for deletes (an API client may send the version it read). */
export const ZDeleteSchema = z.strictObject(
  {
    version: z.coerce
      .number({ error: "error.invalid" })
      .int("error.invalid")
      .min(1, "error.invalid")
      .optional(),
  },
  unknownKeys,
);
export type TDeleteInput = z.input<typeof ZDeleteSchema>;
