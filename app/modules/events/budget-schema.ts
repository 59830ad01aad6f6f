import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import {
  budgetBases,
  budgetLineKinds,
  type CostCategory,
  type IncomeCategory,
} from "./budget-rules.ts";
import { events } from "./schema.ts";
import { ticketTypes } from "./tickets-schema.ts";

/**
 * An event's budget: which ticket type the break-even view solves for, and the version every
 * save of the budget (its lines and expected attendance) must name.
 */
export const eventBudgets = pgTable("event_budgets", {
  eventId: uuid("event_id")
    .primaryKey()
    .references(() => events.id, { onDelete: "cascade" }),
  ordinaryTicketTypeId: uuid("ordinary_ticket_type_id").references(() => ticketTypes.id, {
    onDelete: "set null",
  }),
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A cost (venue, MC, sound and image, graphics, speakers' travel and stay, catering, other),
 * fixed or per attendee, or an income (grant, partner fee, other), fixed. Amounts in minor
 * units before VAT.
 */
export const eventBudgetLines = pgTable(
  "event_budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => eventBudgets.eventId, { onDelete: "cascade" }),
    kind: text("kind", { enum: budgetLineKinds }).notNull(),
    /** A CostCategory for costs, an IncomeCategory for income (checked by the service). */
    category: text("category").$type<CostCategory | IncomeCategory>().notNull(),
    basis: text("basis", { enum: budgetBases }).notNull().default("fixed"),
    label: text("label").notNull().default(""),
    /** Up to budget-rules' maxLineAmount, beyond int4: a bigint read as a (safe) number. */
    amount: bigint("amount", { mode: "number" }).notNull(),
    position: integer("position").notNull().default(0),
  },
  (table) => [
    index("event_budget_lines_event_idx").on(table.eventId, table.position),
    check("event_budget_lines_amount", sql`${table.amount} >= 0`),
    check(
      "event_budget_lines_income_fixed",
      sql`${table.kind} = 'cost' OR ${table.basis} = 'fixed'`,
    ),
  ],
);

/**
 * How many attendees the organizer expects per ticket type, and how many of them at the
 * early-bird price (for a type that has one).
 */
export const eventBudgetAttendance = pgTable(
  "event_budget_attendance",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => eventBudgets.eventId, { onDelete: "cascade" }),
    ticketTypeId: uuid("ticket_type_id")
      .notNull()
      .references(() => ticketTypes.id, { onDelete: "cascade" }),
    expected: integer("expected").notNull(),
    earlyBird: integer("early_bird").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.ticketTypeId] }),
    check("event_budget_attendance_expected", sql`${table.expected} >= 0`),
    check(
      "event_budget_attendance_early_bird",
      sql`${table.earlyBird} >= 0 AND ${table.earlyBird} <= ${table.expected}`,
    ),
  ],
);

export type EventBudgetRow = typeof eventBudgets.$inferSelect;
export type EventBudgetLineRow = typeof eventBudgetLines.$inferSelect;
