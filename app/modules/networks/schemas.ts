// Input schemas of networks: one set for the forms, the service and the /api/v1 endpoints.
// Objects are strict; messages are i18n catalog keys; no transforms (JSON Schema as they are).
import { z } from "zod";
import {
  choiceError,
  requiredText,
  unknownKeysError,
  uuidInput as id,
  versionInput,
} from "../../platform/input-schemas.ts";
import { countries, organizationKinds } from "../directory/schema.ts";
import { memberRoles, networkVisibilities } from "./schema.ts";

const unknownKeys = unknownKeysError("networks.error.unknownFields");
const version = versionInput();

const isoDate = z.iso.date({ error: "error.date" });

export const ZVisibilitySchema = z.enum(networkVisibilities, choiceError);
export const ZMemberRoleSchema = z.enum(memberRoles, choiceError);

export const ZNetworkCreateSchema = z.strictObject(
  {
    name: requiredText(200),
    description: z.string().trim().max(5000, "error.tooLong").optional(),
    ownerOrganizationId: id(),
    visibility: ZVisibilitySchema.default("members"),
  },
  unknownKeys,
);
export type TNetworkCreateInput = z.input<typeof ZNetworkCreateSchema>;

/** Only the fields given change; `version` must be the version read (else conflict). */
export const ZNetworkUpdateSchema = z.strictObject(
  {
    name: requiredText(200).optional(),
    description: z.string().trim().max(5000, "error.tooLong").optional(),
    visibility: ZVisibilitySchema.optional(),
    version,
  },
  unknownKeys,
);
export type TNetworkUpdateInput = z.input<typeof ZNetworkUpdateSchema>;

export const ZNetworkDeleteSchema = z.strictObject({ version: version.optional() }, unknownKeys);
export type TNetworkDeleteInput = z.input<typeof ZNetworkDeleteSchema>;

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

export const ZNetworkListFilterSchema = z.strictObject(
  {
    /** Matches the name and the description. */
    q: z.string().trim().max(200, "error.tooLong").optional(),
    page,
    pageSize,
  },
  unknownKeys,
);
export type TNetworkListFilterInput = z.input<typeof ZNetworkListFilterSchema>;

function refineDates(
  value: { startDate?: string | null | undefined; endDate?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "networks.error.endBeforeStart" });
  }
}

export const ZMemberCreateSchema = z
  .strictObject(
    {
      personId: id(),
      organizationId: id(),
      role: ZMemberRoleSchema.default("member"),
      /** Defaults to today. */
      startDate: isoDate.optional(),
      endDate: isoDate.nullish(),
    },
    unknownKeys,
  )
  .superRefine(refineDates);
export type TMemberCreateInput = z.input<typeof ZMemberCreateSchema>;

/** A change of role or dates; absent fields stay, a null end date reopens the membership. */
export const ZMemberUpdateSchema = z
  .strictObject(
    {
      role: ZMemberRoleSchema.optional(),
      startDate: isoDate.optional(),
      endDate: isoDate.nullish(),
    },
    unknownKeys,
  )
  .superRefine(refineDates);
export type TMemberUpdateInput = z.input<typeof ZMemberUpdateSchema>;

export const ZMemberEndSchema = z.strictObject(
  {
    /** Defaults to today. */
    endDate: isoDate.optional(),
  },
  unknownKeys,
);
export type TMemberEndInput = z.input<typeof ZMemberEndSchema>;

export const ZMemberListFilterSchema = z.strictObject(
  {
    /** Also ended memberships (the history). */
    includeEnded: z
      .union([z.boolean(), z.enum(["true", "false", "1", "0"])], { error: "error.invalid" })
      .optional(),
  },
  unknownKeys,
);
export type TMemberListFilterInput = z.input<typeof ZMemberListFilterSchema>;

const seats = z.coerce
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .min(0, "networks.error.seatsRange")
  .max(1000, "networks.error.seatsRange");

/** A rule names either one organization or a kind (optionally in a country). */
export const ZSeatRuleCreateSchema = z
  .strictObject(
    {
      organizationId: id().nullish(),
      organizationKind: z.enum(organizationKinds, choiceError).nullish(),
      country: z.enum(countries, choiceError).nullish(),
      seats,
    },
    unknownKeys,
  )
  .superRefine((value, ctx) => {
    const named = Boolean(value.organizationId);
    const byKind = Boolean(value.organizationKind);
    if (named === byKind) {
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "networks.error.seatRuleTarget",
      });
    }
  });
export type TSeatRuleCreateInput = z.input<typeof ZSeatRuleCreateSchema>;

export const ZSeatRuleUpdateSchema = z.strictObject({ seats }, unknownKeys);
export type TSeatRuleUpdateInput = z.input<typeof ZSeatRuleUpdateSchema>;
