import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { events } from "./schema.ts";

/** Who may buy a ticket type: anyone, or students (who name their school). */
export const ticketEligibilities = ["anyone", "student"] as const;
export type TicketEligibility = (typeof ticketEligibilities)[number];

/**
 * A kind of ticket with its price in minor units (öre, øre) before VAT, an early-bird price until
 * a date, a sales window and a capacity of its own. A one-day ticket names its day; a ticket by
 * invitation is free and sold only against an invitation code (speakers, committee).
 */
export const ticketTypes = pgTable(
  "ticket_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The ordinary price before VAT, in minor units of the event's currency. */
    price: integer("price").notNull(),
    /** VAT in hundredths of a percent: 2500 = 25 %. */
    vatRate: integer("vat_rate").notNull().default(2500),
    earlyBirdPrice: integer("early_bird_price"),
    /** The last day of the early-bird price, in the event's time zone. */
    earlyBirdUntil: date("early_bird_until", { mode: "string" }),
    salesStart: timestamp("sales_start", { withTimezone: true }),
    salesEnd: timestamp("sales_end", { withTimezone: true }),
    /** Places of this type; null when only the event's capacity limits. */
    capacity: integer("capacity"),
    eligibility: text("eligibility", { enum: ticketEligibilities }).notNull().default("anyone"),
    /** A one-day ticket's day; null for the whole event. */
    validDate: date("valid_date", { mode: "string" }),
    invitationOnly: boolean("invitation_only").notNull().default(false),
    position: integer("position").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("ticket_types_event_idx").on(table.eventId),
    check("ticket_types_price_not_negative", sql`${table.price} >= 0`),
    check(
      "ticket_types_early_bird",
      sql`(${table.earlyBirdPrice} IS NULL) = (${table.earlyBirdUntil} IS NULL)`,
    ),
    check(
      "ticket_types_capacity_positive",
      sql`${table.capacity} IS NULL OR ${table.capacity} > 0`,
    ),
  ],
);

export type TicketTypeRow = typeof ticketTypes.$inferSelect;
