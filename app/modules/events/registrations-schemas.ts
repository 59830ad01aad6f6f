// Input schemas of ticket types, the organizer's questions, invitation codes and registrations:
// one set for the forms, the services and the /api/v1 endpoints. Objects are strict; messages are
// i18n catalog keys; no transforms (the services normalize).
import { z } from "zod";
import {
  choiceError,
  requiredText,
  unknownKeysError,
  uuidInput as id,
  versionInput,
} from "../../platform/input-schemas.ts";
import { ticketEligibilities } from "./tickets-schema.ts";
import { questionKinds, questionPurposes, registrationStatuses } from "./registrations-schema.ts";
import {
  capacityInput,
  localDateInput,
  optionalFields,
  optionalText,
  positionInput,
} from "./input-fields.ts";

const unknownKeys = unknownKeysError("registrations.error.unknownFields");
const version = versionInput();
const localDate = localDateInput();
const instant = z.iso.datetime({ offset: true, error: "registrations.error.dateTime" });

/** Money in minor units (öre, øre) before VAT. */
const money = z.coerce
  .number({ error: "registrations.error.price" })
  .int("registrations.error.price")
  .min(0, "registrations.error.price")
  .max(100_000_000, "registrations.error.price");

/** VAT rates in hundredths of a percent that Swedish and Norwegian fees use. */
export const vatRates = [2500, 1500, 1200, 600, 0] as const;
const vatRate = z.coerce
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .refine((value) => (vatRates as readonly number[]).includes(value), "error.invalid");

const capacity = capacityInput();
const position = positionInput();

// ——— Ticket types ———

const ticketFields = {
  name: requiredText(200),
  description: optionalText(2_000),
  price: money,
  vatRate: vatRate.optional(),
  earlyBirdPrice: money.nullish(),
  /** The early-bird price's last day, in the event's time zone. */
  earlyBirdUntil: localDate.nullish(),
  salesStart: instant.nullish(),
  salesEnd: instant.nullish(),
  capacity: capacity.nullish(),
  eligibility: z.enum(ticketEligibilities, choiceError).optional(),
  /** A one-day ticket's day; null for the whole event. */
  validDate: localDate.nullish(),
  invitationOnly: z.boolean({ error: "error.invalid" }).optional(),
};

export const ZTicketTypeCreateSchema = z.strictObject(ticketFields, unknownKeys);
export type TTicketTypeCreateInput = z.input<typeof ZTicketTypeCreateSchema>;

export const ZTicketTypeUpdateSchema = z.strictObject(
  {
    ...optionalFields(ticketFields),
    position: position.optional(),
    version,
  },
  unknownKeys,
);
export type TTicketTypeUpdateInput = z.input<typeof ZTicketTypeUpdateSchema>;

export const ZVersionSchema = z.strictObject({ version: version.optional() }, unknownKeys);
export type TVersionInput = z.input<typeof ZVersionSchema>;

// ——— Questions ———

const questionFields = {
  label: requiredText(300),
  kind: z.enum(questionKinds, choiceError),
  purpose: z.enum(questionPurposes, choiceError).optional(),
  /** A choice question's answers, in order. */
  options: z.array(requiredText(200)).max(30, "registrations.error.tooManyOptions").optional(),
  required: z.boolean({ error: "error.invalid" }).optional(),
};

export const ZQuestionCreateSchema = z.strictObject(questionFields, unknownKeys);
export type TQuestionCreateInput = z.input<typeof ZQuestionCreateSchema>;

export const ZQuestionUpdateSchema = z.strictObject(
  {
    ...optionalFields(questionFields),
    position: position.optional(),
    version,
  },
  unknownKeys,
);
export type TQuestionUpdateInput = z.input<typeof ZQuestionUpdateSchema>;

// ——— Invitation codes ———

export const ZInvitationCodeCreateSchema = z.strictObject(
  {
    ticketTypeId: id(),
    /** Letters, digits and hyphens; a random one when left out. */
    code: z
      .string()
      .trim()
      .max(40, "error.tooLong")
      .regex(/^[A-Za-z0-9 -]*$/, "registrations.error.codeFormat")
      .optional(),
    label: optionalText(200),
    maxUses: z.coerce
      .number({ error: "error.invalid" })
      .int("error.invalid")
      .min(1, "registrations.error.maxUses")
      .max(10_000, "registrations.error.maxUses")
      .optional(),
  },
  unknownKeys,
);
export type TInvitationCodeCreateInput = z.input<typeof ZInvitationCodeCreateSchema>;

// ——— Registrations ———

/** Answers to the organizer's questions by question id. */
const answers = z.record(z.string(), z.string().trim().max(2_000, "error.tooLong"));

const personFields = {
  name: requiredText(200),
  organizationName: optionalText(300),
  phone: optionalText(50),
  school: optionalText(300),
  invoiceOrganizationNumber: optionalText(40),
  invoiceReference: optionalText(200),
  invoiceAddress: optionalText(1_000),
  answers: answers.optional(),
};

export const ZRegistrationCreateSchema = z.strictObject(
  {
    ticketTypeId: z.uuid({
      error: (issue) =>
        issue.input === undefined || issue.input === ""
          ? "registrations.error.ticketRequired"
          : "error.invalid",
    }),
    invitationCode: optionalText(40),
    ...personFields,
    email: z
      .string({ error: "error.required" })
      .trim()
      .min(1, "error.required")
      .max(254, "error.tooLong")
      .pipe(z.email("error.email")),
    consent: z.literal(true, { error: "registrations.error.consent" }),
    locale: z.enum(["sv", "nb", "en"], choiceError).optional(),
  },
  unknownKeys,
);
export type TRegistrationCreateInput = z.input<typeof ZRegistrationCreateSchema>;

/** "Send my link again": the address the registration was made with. */
export const ZLinkResendSchema = z.strictObject(
  {
    email: z
      .string({ error: "error.required" })
      .trim()
      .min(1, "error.required")
      .max(254, "error.tooLong")
      .pipe(z.email("error.email")),
  },
  unknownKeys,
);
export type TLinkResendInput = z.input<typeof ZLinkResendSchema>;

export const ZRegistrationUpdateSchema = z.strictObject(
  {
    ...optionalFields(personFields),
    version,
  },
  unknownKeys,
);
export type TRegistrationUpdateInput = z.input<typeof ZRegistrationUpdateSchema>;

export const ZAgendaSchema = z.strictObject(
  { sessionIds: z.array(id()).max(500, "error.invalid") },
  unknownKeys,
);
export type TAgendaInput = z.input<typeof ZAgendaSchema>;

export const ZRegistrationFilterSchema = z.strictObject(
  {
    ticketTypeId: id().optional(),
    status: z.enum(registrationStatuses, choiceError).optional(),
    q: optionalText(200),
    page: z.coerce.number().int().min(1).max(1_000_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
  },
  unknownKeys,
);
export type TRegistrationFilterInput = z.input<typeof ZRegistrationFilterSchema>;
