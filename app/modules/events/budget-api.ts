// The /api/v1 endpoints of an event's budget: read it with the computed break-even, save it whole
// against the version read. Organizers and committee members only (checked in the service).
import { z } from "zod";
import { dateTime, defineEndpoint, uuidParams } from "../../platform/api/endpoint.ts";
import { withMessageParams } from "./api-shared.ts";
import { eventCurrencies } from "./schema.ts";
import { ticketEligibilities } from "./tickets-schema.ts";
import { budgetBases, budgetLineKinds, type BudgetResult } from "./budget-rules.ts";
import { ZBudgetSaveSchema } from "./budget-schemas.ts";
import { getBudget, saveBudget, type Budget } from "./budget-service.ts";

const id = z.uuid();
const params = uuidParams({ id: "The event's id." });

/** Exact money: integer minor units as a decimal string (sums may pass 2^53). */
const money = () =>
  z
    .string()
    .regex(/^-?\d+$/)
    .meta({ description: "Integer minor units (öre, øre) before VAT, as a decimal string." });

const BudgetSchema = z
  .object({
    eventId: id,
    currency: z.enum(eventCurrencies),
    version: z.int().min(0).meta({ description: "0 while never saved; send it back to save." }),
    updatedAt: dateTime().nullable(),
    ordinaryTicketTypeId: id.nullable().meta({
      description: "The ticket type the break-even fee is solved for (chosen, or the default).",
    }),
    ordinaryTicketTypeChosen: id.nullable(),
    ticketTypes: z.array(
      z.object({
        id,
        name: z.string(),
        price: z.int().meta({ description: "Minor units before VAT." }),
        budgetPrice: z.int().meta({ description: "0 for invitation-only tickets." }),
        budgetEarlyBirdPrice: z.int().nullable().meta({
          description: "The early-bird price in the budget; null by invitation or without one.",
        }),
        eligibility: z.enum(ticketEligibilities),
        invitationOnly: z.boolean(),
        expected: z.int().min(0),
        earlyBird: z.int().min(0).meta({ description: "Of `expected`, at the early-bird price." }),
      }),
    ),
    lines: z.array(
      z.object({
        id,
        kind: z.enum(budgetLineKinds),
        category: z.string(),
        basis: z.enum(budgetBases),
        label: z.string(),
        amount: z.int().min(0),
      }),
    ),
    result: z.object({
      attendees: z.int().min(0),
      fixedCosts: money(),
      costPerAttendee: money(),
      perAttendeeCosts: money(),
      costs: money(),
      ticketIncome: money(),
      otherIncome: money(),
      income: money(),
      result: money(),
      breakEven: z.object({
        status: z.enum(["ok", "noOrdinaryTicket", "noOrdinaryAttendees"]),
        ticketTypeId: id.nullable(),
        fee: money().nullable().meta({ description: "The lowest covering fee, rounded up." }),
        feeWholeUnits: money().nullable(),
        attendanceAtCurrentPrice: z.int().min(0).nullable(),
      }),
    }),
  })
  .meta({ id: "EventBudget" });

function wireResult(result: BudgetResult) {
  const breakEven = result.breakEven;
  return {
    attendees: result.attendees,
    fixedCosts: String(result.fixedCosts),
    costPerAttendee: String(result.costPerAttendee),
    perAttendeeCosts: String(result.perAttendeeCosts),
    costs: String(result.costs),
    ticketIncome: String(result.ticketIncome),
    otherIncome: String(result.otherIncome),
    income: String(result.income),
    result: String(result.result),
    breakEven:
      breakEven.status === "ok"
        ? {
            status: breakEven.status,
            ticketTypeId: breakEven.ticketTypeId,
            fee: String(breakEven.fee),
            feeWholeUnits: String(breakEven.feeWholeUnits),
            attendanceAtCurrentPrice: breakEven.attendanceAtCurrentPrice,
          }
        : {
            status: breakEven.status,
            ticketTypeId: breakEven.ticketTypeId,
            fee: null,
            feeWholeUnits: null,
            attendanceAtCurrentPrice: null,
          },
  };
}

function wire(budget: Budget) {
  return {
    eventId: budget.event.id,
    currency: budget.event.currency,
    version: budget.version,
    updatedAt: budget.updatedAt,
    ordinaryTicketTypeId: budget.ordinaryTicketTypeId,
    ordinaryTicketTypeChosen: budget.ordinaryTicketTypeChosen,
    ticketTypes: budget.ticketTypes.map((type) => ({
      id: type.id,
      name: type.name,
      price: type.price,
      budgetPrice: type.budgetPrice,
      budgetEarlyBirdPrice: type.budgetEarlyBirdPrice,
      eligibility: type.eligibility,
      invitationOnly: type.invitationOnly,
      expected: type.expected,
      earlyBird: type.earlyBird,
    })),
    lines: budget.lines,
    result: wireResult(budget.result),
  };
}

const tags = ["budget"];

export const budgetEndpoints = [
  defineEndpoint({
    operationId: "getEventBudget",
    method: "GET",
    path: "/events/{id}/budget",
    summary: "Read an event's budget and break-even",
    description:
      "Organizers and committee members. Costs, income and the result for the expected attendance, and the lowest ordinary fee that covers the costs.",
    tags,
    auth: "required",
    params,
    response: BudgetSchema,
    problems: ["forbidden", "not_found"],
    handler: async ({ db, actor, params }) => wire(await getBudget(db, actor, params.id)),
  }),
  defineEndpoint({
    operationId: "saveEventBudget",
    method: "PUT",
    path: "/events/{id}/budget",
    summary: "Save an event's budget",
    description:
      "Replaces the lines, the expected attendance and the ordinary ticket type. `version` must be the version read (0 for a budget never saved); a stale one is refused with 409.",
    tags,
    auth: "required",
    params,
    body: ZBudgetSaveSchema.meta({ id: "EventBudgetSave" }),
    response: BudgetSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: async ({ db, actor, params, body }) =>
      wire(await withMessageParams(() => saveBudget(db, actor, params.id, body))),
  }),
];
