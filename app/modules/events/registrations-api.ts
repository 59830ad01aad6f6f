// The /api/v1 endpoints of tickets and registrations: ticket types, the organizer's questions,
// invitation codes, and the registrations themselves (list with filters, counts, one, cancel,
// move the waiting list up). Thin: the input schemas are the forms' and the services'
// (registrations-schemas.ts); permissions live in the services. Reading ticket types and
// questions is public for a published event (the registration form shows them); everything
// else is for organizers and committee members.
import { z } from "zod";
import { dateTime, defineEndpoint, paginated, versionField } from "../../platform/api/endpoint.ts";
import { editors, eventParams, eventPartParams, withMessageParams } from "./api-shared.ts";
import { questionKinds, questionPurposes, registrationStatuses } from "./registrations-schema.ts";
import * as schemas from "./registrations-schemas.ts";
import * as registrationsService from "./registrations-service.ts";
import { ticketEligibilities } from "./tickets-schema.ts";
import * as ticketsService from "./tickets-service.ts";

const id = z.uuid();
const ticketParams = eventPartParams({ ticketTypeId: "The ticket type's id." });
const questionParams = eventPartParams({ questionId: "The question's id." });
const codeParams = eventPartParams({ codeId: "The invitation code's id." });
const registrationParams = eventPartParams({ registrationId: "The registration's id." });

const version = versionField();
const minor = (description: string) => z.int().min(0).meta({ description });

// ——— Response schemas ———

const TicketTypeSchema = z
  .object({
    id,
    eventId: id,
    name: z.string(),
    description: z.string(),
    price: minor("The ordinary price before VAT, in minor units (öre, øre)."),
    vatRate: z.int().meta({ description: "VAT in hundredths of a percent: 2500 = 25 %." }),
    earlyBirdPrice: minor("The early-bird price before VAT, in minor units.").nullable(),
    earlyBirdUntil: z.iso.date().nullable().meta({
      description: "The early-bird price's last day, in the event's time zone.",
    }),
    salesStart: dateTime().nullable(),
    salesEnd: dateTime().nullable(),
    capacity: z.int().min(1).nullable().meta({
      description: "Places of this type; null when only the event's capacity limits.",
    }),
    eligibility: z.enum(ticketEligibilities).meta({
      description: "`student`: registrants name their school.",
    }),
    validDate: z.iso.date().nullable().meta({ description: "A one-day ticket's day." }),
    invitationOnly: z.boolean().meta({
      description: "Free, and only with an invitation code (speakers, committee).",
    }),
    position: z.int().min(0),
    version,
    currentPrice: minor("The price before VAT today (early bird while it lasts)."),
    earlyBirdNow: z.boolean(),
    salesState: z.enum(["not_started", "open", "ended"]),
    confirmed: z.int().min(0),
    waitlisted: z.int().min(0),
    placesLeft: z.int().min(0).nullable().meta({
      description: "By the type's and the event's capacity (per day); null when unlimited.",
    }),
  })
  .meta({ id: "TicketType" });

const QuestionSchema = z
  .object({
    id,
    label: z.string(),
    kind: z.enum(questionKinds),
    purpose: z.enum(questionPurposes).meta({
      description: "`dietary` and `accessibility` answers feed the caterer's summary.",
    }),
    options: z.array(z.string()),
    required: z.boolean(),
    position: z.int().min(0),
    version,
  })
  .meta({ id: "RegistrationQuestion" });

const InvitationCodeSchema = z
  .object({
    id,
    ticketTypeId: id,
    ticketTypeName: z.string(),
    code: z.string(),
    label: z.string(),
    maxUses: z.int().min(1),
    used: z.int().min(0).meta({ description: "Registrations with it that are not cancelled." }),
    createdAt: dateTime(),
  })
  .meta({ id: "InvitationCode" });

const RegistrationSchema = z
  .object({
    id,
    eventId: id,
    ticketTypeId: id,
    ticketTypeName: z.string(),
    validDate: z.iso.date().nullable(),
    status: z.enum(registrationStatuses).meta({
      description:
        "`confirmed` holds a place; `waitlisted` waits in order; `cancelled` holds none.",
    }),
    name: z.string().meta({ description: "Empty once erased on the retention date." }),
    email: z.string(),
    phone: z.string(),
    organizationName: z.string(),
    school: z.string(),
    invoiceOrganizationNumber: z.string(),
    invoiceReference: z.string(),
    invoiceAddress: z.string(),
    locale: z.enum(["sv", "nb", "en"]),
    price: minor("The price before VAT when registering."),
    vatRate: z.int(),
    byInvitation: z.boolean(),
    consentAt: dateTime(),
    confirmedAt: dateTime().nullable(),
    waitlistedAt: dateTime().nullable(),
    cancelledAt: dateTime().nullable(),
    erasedAt: dateTime().nullable(),
    createdAt: dateTime(),
    version,
    answers: z.record(z.string(), z.string()).meta({ description: "Answers by question id." }),
  })
  .meta({ id: "Registration" });

const RegistrationSummarySchema = z
  .object({
    tickets: z.array(
      z.object({
        ticketTypeId: id,
        name: z.string(),
        validDate: z.iso.date().nullable(),
        capacity: z.int().nullable(),
        confirmed: z.int().min(0),
        waitlisted: z.int().min(0),
        cancelled: z.int().min(0),
      }),
    ),
    days: z.array(
      z.object({ date: z.iso.date(), confirmed: z.int().min(0), waitlisted: z.int().min(0) }),
    ),
    totals: z.object({
      confirmed: z.int().min(0),
      waitlisted: z.int().min(0),
      cancelled: z.int().min(0),
      erased: z.int().min(0),
    }),
    dietary: z.array(
      z.object({
        question: z.string(),
        answers: z.array(
          z.object({
            answer: z.string(),
            count: z.int().min(1),
            perDay: z.array(z.object({ date: z.iso.date(), count: z.int().min(0) })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "RegistrationSummary" });

const ticketTags = ["tickets"];
const registrationTags = ["registrations"];

export const registrationsEndpoints = [
  // ——— Ticket types ———
  defineEndpoint({
    operationId: "listTicketTypes",
    method: "GET",
    path: "/events/{id}/ticket-types",
    summary: "List an event's ticket types",
    description:
      "Prices before VAT in minor units of the event's currency, the price today, the sales state and places left. Public for a published event.",
    tags: ticketTags,
    auth: "public",
    params: eventParams,
    response: z.array(TicketTypeSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => ticketsService.listTicketTypes(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "getTicketType",
    method: "GET",
    path: "/events/{id}/ticket-types/{ticketTypeId}",
    summary: "Read a ticket type",
    tags: ticketTags,
    auth: "public",
    params: ticketParams,
    response: TicketTypeSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) =>
      ticketsService.getTicketType(db, actor, params.id, params.ticketTypeId),
  }),
  defineEndpoint({
    operationId: "createTicketType",
    method: "POST",
    path: "/events/{id}/ticket-types",
    summary: "Add a ticket type",
    description: `${editors} A one-day ticket's \`validDate\` is a day of the event; an early-bird price needs its last day; a ticket by invitation is free.`,
    tags: ticketTags,
    auth: "required",
    params: eventParams,
    body: schemas.ZTicketTypeCreateSchema.meta({ id: "TicketTypeCreate" }),
    response: TicketTypeSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      ticketsService.createTicketType(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateTicketType",
    method: "PATCH",
    path: "/events/{id}/ticket-types/{ticketTypeId}",
    summary: "Change a ticket type",
    description: `${editors} Send the \`version\` you read; a stale one is refused with 409. A capacity below the confirmed places is refused; a higher one moves the waiting list up.`,
    tags: ticketTags,
    auth: "required",
    params: ticketParams,
    body: schemas.ZTicketTypeUpdateSchema.meta({ id: "TicketTypeUpdate" }),
    response: TicketTypeSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() =>
        ticketsService.updateTicketType(db, actor, params.id, params.ticketTypeId, body),
      ),
  }),
  defineEndpoint({
    operationId: "deleteTicketType",
    method: "DELETE",
    path: "/events/{id}/ticket-types/{ticketTypeId}",
    summary: "Delete a ticket type nobody has registered for",
    description: `${editors} One with registrations is refused with 409.`,
    tags: ticketTags,
    auth: "required",
    params: ticketParams,
    query: schemas.ZVersionSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, query }) =>
      ticketsService.deleteTicketType(db, actor, params.id, params.ticketTypeId, query),
  }),

  // ——— Questions ———
  defineEndpoint({
    operationId: "listRegistrationQuestions",
    method: "GET",
    path: "/events/{id}/registration-questions",
    summary: "List the organizer's questions on the registration form",
    tags: ticketTags,
    auth: "public",
    params: eventParams,
    response: z.array(QuestionSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => ticketsService.listQuestions(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "createRegistrationQuestion",
    method: "POST",
    path: "/events/{id}/registration-questions",
    summary: "Add a question",
    description: `${editors} A \`choice\` question needs at least two options.`,
    tags: ticketTags,
    auth: "required",
    params: eventParams,
    body: schemas.ZQuestionCreateSchema.meta({ id: "RegistrationQuestionCreate" }),
    response: QuestionSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      ticketsService.createQuestion(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateRegistrationQuestion",
    method: "PATCH",
    path: "/events/{id}/registration-questions/{questionId}",
    summary: "Change a question",
    description: `${editors} Version-checked.`,
    tags: ticketTags,
    auth: "required",
    params: questionParams,
    body: schemas.ZQuestionUpdateSchema.meta({ id: "RegistrationQuestionUpdate" }),
    response: QuestionSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      ticketsService.updateQuestion(db, actor, params.id, params.questionId, body),
  }),
  defineEndpoint({
    operationId: "deleteRegistrationQuestion",
    method: "DELETE",
    path: "/events/{id}/registration-questions/{questionId}",
    summary: "Remove a question and its answers",
    description: editors,
    tags: ticketTags,
    auth: "required",
    params: questionParams,
    query: schemas.ZVersionSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, query }) =>
      ticketsService.deleteQuestion(db, actor, params.id, params.questionId, query),
  }),

  // ——— Invitation codes ———
  defineEndpoint({
    operationId: "listInvitationCodes",
    method: "GET",
    path: "/events/{id}/invitation-codes",
    summary: "List invitation codes with their uses",
    description: editors,
    tags: ticketTags,
    auth: "required",
    params: eventParams,
    response: z.array(InvitationCodeSchema),
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => ticketsService.listInvitationCodes(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "createInvitationCode",
    method: "POST",
    path: "/events/{id}/invitation-codes",
    summary: "Make an invitation code for a ticket type by invitation",
    description: `${editors} Without \`code\`, a random one is made.`,
    tags: ticketTags,
    auth: "required",
    params: eventParams,
    body: schemas.ZInvitationCodeCreateSchema.meta({ id: "InvitationCodeCreate" }),
    response: InvitationCodeSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      ticketsService.createInvitationCode(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "deleteInvitationCode",
    method: "DELETE",
    path: "/events/{id}/invitation-codes/{codeId}",
    summary: "Remove an invitation code",
    description: `${editors} Registrations made with it stay.`,
    tags: ticketTags,
    auth: "required",
    params: codeParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) =>
      ticketsService.deleteInvitationCode(db, actor, params.id, params.codeId),
  }),

  // ——— Registrations ———
  defineEndpoint({
    operationId: "listRegistrations",
    method: "GET",
    path: "/events/{id}/registrations",
    summary: "List registrations",
    description: `${editors} Filtered by \`ticketTypeId\`, \`status\` and \`q\` (name, email, organization, school); newest first.`,
    tags: registrationTags,
    auth: "required",
    params: eventParams,
    query: schemas.ZRegistrationFilterSchema,
    response: paginated(RegistrationSchema),
    paginated: true,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, query }) =>
      registrationsService.listRegistrations(db, actor, params.id, query),
  }),
  defineEndpoint({
    operationId: "getRegistrationSummary",
    method: "GET",
    path: "/events/{id}/registrations/summary",
    summary: "Counts per ticket type and per day, and the caterer's summary",
    description: `${editors} The counts stay after the personal data is erased.`,
    tags: registrationTags,
    auth: "required",
    params: eventParams,
    response: RegistrationSummarySchema,
    problems: ["forbidden", "not_found"],
    handler: async ({ db, actor, params }) => {
      const overview = await registrationsService.registrationOverview(db, actor, params.id);
      return {
        tickets: overview.tickets,
        days: overview.days,
        totals: overview.totals,
        dietary: overview.dietary,
      };
    },
  }),
  defineEndpoint({
    operationId: "promoteWaitingList",
    method: "POST",
    path: "/events/{id}/registrations/promote",
    summary: "Move the waiting list up as far as places allow",
    description: `${editors} In the order people joined it; each one moved up is mailed.`,
    tags: registrationTags,
    auth: "required",
    params: eventParams,
    response: z.object({ promoted: z.int().min(0) }).meta({ id: "PromotionResult" }),
    problems: ["forbidden", "not_found"],
    handler: async ({ db, actor, params }) => ({
      promoted: await registrationsService.promoteWaitingList(db, actor, params.id),
    }),
  }),
  defineEndpoint({
    operationId: "getRegistration",
    method: "GET",
    path: "/events/{id}/registrations/{registrationId}",
    summary: "Read a registration",
    description: editors,
    tags: registrationTags,
    auth: "required",
    params: registrationParams,
    response: RegistrationSchema,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) =>
      registrationsService.getRegistration(db, actor, params.id, params.registrationId),
  }),
  defineEndpoint({
    operationId: "cancelRegistration",
    method: "POST",
    path: "/events/{id}/registrations/{registrationId}/cancel",
    summary: "Cancel a registration",
    description: `${editors} The registrant is mailed; the next in line whose ticket fits moves up in the same transaction. Version-checked when \`version\` is sent.`,
    tags: registrationTags,
    auth: "required",
    params: registrationParams,
    body: schemas.ZVersionSchema.meta({ id: "RegistrationCancel" }),
    response: RegistrationSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      registrationsService.cancelRegistration(db, actor, params.id, params.registrationId, body),
  }),
];
