import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const organizationKinds = [
  "national_agency",
  "local_authority_association",
  "region",
  "municipality",
  "administration",
  "regional_health_authority",
  "health_trust",
  "supplier",
  "academia",
  "cluster",
  "other",
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const countries = ["SE", "NO"] as const;
export type Country = (typeof countries)[number];

export const timeZones = ["Europe/Stockholm", "Europe/Oslo"] as const;
export type TimeZone = (typeof timeZones)[number];

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** Organizations of the directory: regions, municipalities, health trusts, suppliers… */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind", { enum: organizationKinds }).notNull(),
    /** Sub-organizations (an administration inside a region, a health trust under its RHF). */
    parentId: uuid("parent_id").references((): AnyPgColumn => organizations.id, {
      onDelete: "restrict",
    }),
    country: text("country", { enum: countries }).notNull(),
    /** Normalized digits only: 10 for Sweden, 9 for Norway. Unique when present. */
    organizationNumber: text("organization_number"),
    hsaId: text("hsa_id"),
    website: text("website"),
    timeZone: text("time_zone", { enum: timeZones }).notNull(),
    /** Set on the organizations that ship with the product (see app/db/seed.ts). */
    referenceKey: text("reference_key"),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("organizations_organization_number_key").on(table.organizationNumber),
    uniqueIndex("organizations_reference_key_key").on(table.referenceKey),
    index("organizations_parent_idx").on(table.parentId),
    index("organizations_kind_country_idx").on(table.kind, table.country),
    index("organizations_name_trgm_idx").using("gin", sql`${table.name} gin_trgm_ops`),
    check(
      "organizations_organization_number_digits",
      sql`${table.organizationNumber} ~ '^[0-9]{9,10}$'`,
    ),
    check("organizations_not_own_parent", sql`${table.parentId} <> ${table.id}`),
  ],
);

/** People of the directory; not accounts (those are identity's users). */
export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    title: text("title"),
    /** Lower-case; unique when present, so imports and forms cannot create the same person twice. */
    email: text("email"),
    phone: text("phone"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("people_email_key").on(table.email),
    index("people_name_trgm_idx").using("gin", sql`${table.name} gin_trgm_ops`),
    check("people_email_lower_case", sql`${table.email} = lower(${table.email})`),
  ],
);

/** A person's place in an organization, with a title and dates (an open end date is current). */
export const affiliations = pgTable(
  "affiliations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    title: text("title"),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    ...timestamps,
  },
  (table) => [
    index("affiliations_person_idx").on(table.personId),
    index("affiliations_organization_idx").on(table.organizationId),
    check(
      "affiliations_dates_in_order",
      sql`${table.startDate} IS NULL OR ${table.endDate} IS NULL OR ${table.endDate} >= ${table.startDate}`,
    ),
  ],
);

/**
 * An uploaded import file between its preview and its confirmation: the parsed cells (text only),
 * owned by the uploader, gone after confirmation or expiry.
 */
export const directoryImports = pgTable(
  "directory_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The uploader's user id; only they can preview or confirm it. */
    userId: uuid("user_id").notNull(),
    kind: text("kind", { enum: ["organizations", "people"] }).notNull(),
    fileName: text("file_name").notNull(),
    rows: jsonb("rows").$type<ImportRow[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    index("directory_imports_user_idx").on(table.userId),
    index("directory_imports_expires_idx").on(table.expiresAt),
  ],
);

/** One row of an import file: its row number in the file and its cells by column id. */
export type ImportRow = { row: number; values: Record<string, string> };

/** Reference data keys already seeded once, so a deleted reference organization stays deleted. */
export const directorySeededKeys = pgTable("directory_seeded_keys", {
  key: text("key").primaryKey(),
  seededAt: timestamp("seeded_at", { withTimezone: true }).notNull().defaultNow(),
});

export type OrganizationRow = typeof organizations.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
export type AffiliationRow = typeof affiliations.$inferSelect;
