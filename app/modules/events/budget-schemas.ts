// Input schema of an event's budget: the whole budget is saved at once (its lines, the expected
// attendance per ticket type and the ordinary ticket type), against the version that was read.
// One schema for the page, the service and the API; messages are i18n catalog keys.
import { z } from "zod";
import { choiceError, unknownKeysError } from "../../platform/input-schemas.ts";
import {
  budgetBases,
  budgetLineKinds,
  costCategories,
  incomeCategories,
  maxExpected,
  maxLineAmount,
} from "./budget-rules.ts";

const unknownKeys = unknownKeysError("budget.error.unknownFields");

const categories = [...new Set([...costCategories, ...incomeCategories])] as [string, ...string[]];

export const ZBudgetLineSchema = z
  .strictObject(
    {
      kind: z.enum(budgetLineKinds, choiceError),
      category: z.enum(categories, choiceError).meta({
        description:
          "Costs: venue, mc, sound_image, graphics, speakers_travel, catering, other. Income: grant, partner_fee, other.",
      }),
      basis: z
        .enum(budgetBases, choiceError)
        .default("fixed")
        .meta({ description: "Costs may be per attendee; income is always fixed." }),
      label: z.string().trim().max(200, "error.tooLong").default(""),
      amount: z
        .int({ error: "budget.error.amount" })
        .min(0, "budget.error.amount")
        .max(maxLineAmount, "budget.error.amount")
        .meta({
          description:
            "Minor units (öre, øre) before VAT: the whole amount, or the amount per attendee.",
        }),
    },
    unknownKeys,
  )
  .superRefine((line, ctx) => {
    const allowed: readonly string[] = line.kind === "cost" ? costCategories : incomeCategories;
    if (!allowed.includes(line.category))
      ctx.addIssue({ code: "custom", path: ["category"], message: "budget.error.category" });
    if (line.kind === "income" && line.basis !== "fixed")
      ctx.addIssue({ code: "custom", path: ["basis"], message: "budget.error.incomeFixed" });
  });
export type TBudgetLineInput = z.input<typeof ZBudgetLineSchema>;

export const ZBudgetSaveSchema = z.strictObject(
  {
    /** The version read; 0 for a budget never saved. */
    version: z.coerce
      .number({ error: "error.invalid" })
      .int("error.invalid")
      .min(0, "error.invalid"),
    ordinaryTicketTypeId: z
      .uuid({ error: "error.invalid" })
      .nullable()
      .default(null)
      .meta({ description: "The ticket type whose fee the break-even view solves for." }),
    attendance: z
      .array(
        z.strictObject(
          {
            ticketTypeId: z.uuid({ error: "error.invalid" }),
            expected: z
              .int({ error: "budget.error.count" })
              .min(0, "budget.error.count")
              .max(maxExpected, "budget.error.count"),
            earlyBird: z
              .int({ error: "budget.error.count" })
              .min(0, "budget.error.count")
              .max(maxExpected, "budget.error.count")
              .default(0)
              .meta({
                description:
                  "How many of `expected` buy at the early-bird price (a ticket type with one); at most `expected`.",
              }),
          },
          unknownKeys,
        ),
      )
      .max(200, "error.tooLong")
      .default([]),
    lines: z.array(ZBudgetLineSchema).max(200, "budget.error.tooManyLines").default([]),
  },
  unknownKeys,
);
export type TBudgetSaveInput = z.input<typeof ZBudgetSaveSchema>;
