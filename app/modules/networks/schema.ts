import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { countries, organizationKinds, organizations, people } from "../directory/schema.ts";

export const networkVisibilities = ["public", "members"] as const;
export type NetworkVisibility = (typeof networkVisibilities)[number];

export const memberRoles = [
  "chair",
  "vice_chair",
  "secretary",
  "member",
  "adjunct",
  "observer",
] as const;
export type MemberRole = (typeof memberRoles)[number];

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** A network or coordinating group, owned by one organization of the directory. */
export const networks = pgTable(
  "networks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    ownerOrganizationId: uuid("owner_organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    visibility: text("visibility", { enum: networkVisibilities }).notNull().default("members"),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [index("networks_owner_idx").on(table.ownerOrganizationId)],
);

/**
 * A person's membership of a network, for one organization, with a role and dates. Rows are
 * never deleted when a membership ends: the end date is set, so the history stays.
 */
export const networkMembers = pgTable(
  "network_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    role: text("role", { enum: memberRoles }).notNull().default("member"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Null while current. */
    endDate: date("end_date", { mode: "string" }),
    ...timestamps,
  },
  (table) => [
    index("network_members_network_idx").on(table.networkId),
    index("network_members_person_idx").on(table.personId),
    check(
      "network_members_dates_in_order",
      sql`${table.endDate} IS NULL OR ${table.endDate} >= ${table.startDate}`,
    ),
  ],
);

/**
 * How many seats the organizations of a network have: a rule names either one organization
 * ("two seats for Region Stockholm") or a kind and country ("one seat per Swedish region").
 * A rule for a named organization wins over a rule for its kind.
 */
export const networkSeatRules = pgTable(
  "network_seat_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "cascade",
    }),
    organizationKind: text("organization_kind", { enum: organizationKinds }),
    country: text("country", { enum: countries }),
    seats: integer("seats").notNull(),
    ...timestamps,
  },
  (table) => [
    index("network_seat_rules_network_idx").on(table.networkId),
    check("network_seat_rules_seats_positive", sql`${table.seats} >= 0`),
    check(
      "network_seat_rules_target",
      sql`(${table.organizationId} IS NOT NULL) <> (${table.organizationKind} IS NOT NULL)`,
    ),
  ],
);

export type NetworkRow = typeof networks.$inferSelect;
export type NetworkMemberRow = typeof networkMembers.$inferSelect;
export type NetworkSeatRuleRow = typeof networkSeatRules.$inferSelect;
