import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "../directory/schema.ts";
import { eventSessions, events } from "./schema.ts";
import { ticketTypes } from "./tickets-schema.ts";

/** What a question is for: the caterer's dietary summary reads the answers to "dietary". */
export const questionPurposes = ["dietary", "accessibility", "session_choice", "other"] as const;
export type QuestionPurpose = (typeof questionPurposes)[number];
export const questionKinds = ["text", "choice"] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** One of the organizer's own questions on the registration form. */
export const registrationQuestions = pgTable(
  "registration_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    kind: text("kind", { enum: questionKinds }).notNull().default("text"),
    purpose: text("purpose", { enum: questionPurposes }).notNull().default("other"),
    /** The choices of a "choice" question, in order. */
    options: text("options")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    required: boolean("required").notNull().default(false),
    position: integer("position").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("registration_questions_event_idx").on(table.eventId)],
);

/** A code that gives a free ticket of an invitation-only type (speakers, committee). */
export const invitationCodes = pgTable(
  "invitation_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    ticketTypeId: uuid("ticket_type_id")
      .notNull()
      .references(() => ticketTypes.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    /** Who the code is for, for the organizer ("Talare", "Programkommittén"). */
    label: text("label").notNull().default(""),
    maxUses: integer("max_uses").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("invitation_codes_event_code_idx").on(table.eventId, table.code),
    check("invitation_codes_max_uses_positive", sql`${table.maxUses} > 0`),
  ],
);

/** confirmed holds a place; waitlisted waits in order of waitlisted_at; cancelled holds none. */
export const registrationStatuses = ["confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/**
 * A person's registration for an event with one ticket type. Its personal fields are emptied on
 * the event's retention date (erased_at set); status, ticket type and dates stay for the counts.
 */
export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    ticketTypeId: uuid("ticket_type_id")
      .notNull()
      .references(() => ticketTypes.id, { onDelete: "restrict" }),
    status: text("status", { enum: registrationStatuses }).notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone").notNull().default(""),
    organizationName: text("organization_name").notNull().default(""),
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "set null",
    }),
    /** A student ticket's school. */
    school: text("school").notNull().default(""),
    invoiceOrganizationNumber: text("invoice_organization_number").notNull().default(""),
    invoiceReference: text("invoice_reference").notNull().default(""),
    invoiceAddress: text("invoice_address").notNull().default(""),
    /** The language of the registrant's mails and pages. */
    locale: text("locale", { enum: ["sv", "nb", "en"] })
      .notNull()
      .default("sv"),
    /** The price before VAT and the VAT rate when the registration was made (early bird or not). */
    price: integer("price").notNull(),
    vatRate: integer("vat_rate").notNull(),
    invitationCodeId: uuid("invitation_code_id").references(() => invitationCodes.id, {
      onDelete: "set null",
    }),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    /** SHA-256 of the secret in the registrant's link to view, change or cancel. */
    manageTokenHash: text("manage_token_hash").notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    waitlistedAt: timestamp("waitlisted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("registrations_event_status_idx").on(table.eventId, table.status),
    index("registrations_ticket_type_status_idx").on(table.ticketTypeId, table.status),
    uniqueIndex("registrations_manage_token_idx").on(table.manageTokenHash),
    check("registrations_price_not_negative", sql`${table.price} >= 0`),
  ],
);

export const registrationAnswers = pgTable(
  "registration_answers",
  {
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => registrationQuestions.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
  },
  (table) => [primaryKey({ columns: [table.registrationId, table.questionId] })],
);

/** The sessions an attendee picked into their personal agenda. */
export const registrationAgenda = pgTable(
  "registration_agenda",
  {
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => eventSessions.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.registrationId, table.sessionId] })],
);

export type RegistrationRow = typeof registrations.$inferSelect;
export type RegistrationQuestionRow = typeof registrationQuestions.$inferSelect;
export type InvitationCodeRow = typeof invitationCodes.$inferSelect;
