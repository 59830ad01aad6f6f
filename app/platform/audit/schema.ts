import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditEntries = pgTable(
  "audit_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** No foreign key: the trail outlives the accounts it names. */
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action", { enum: ["create", "update", "delete"] }).notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    entityLabel: text("entity_label").notNull().default(""),
    /** For updates: { field: [before, after] }; for creates and deletes: the whole record. */
    changes: jsonb("changes").$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [
    index("audit_entries_at_idx").on(table.at),
    index("audit_entries_entity_idx").on(table.entityType, table.entityId),
  ],
);
