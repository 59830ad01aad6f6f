import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The durable job queue: rows claimed with FOR UPDATE SKIP LOCKED under a lease. */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull().default({}),
    /** Not before this instant; moved forward by back-off after a failure. */
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    lastError: text("last_error"),
    lockedBy: text("locked_by"),
    /** The lease: a running job whose lease has passed is claimed again (its worker died). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    status: text("status", { enum: ["queued", "running", "done", "failed"] })
      .notNull()
      .default("queued"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    index("jobs_due_idx").on(table.status, table.runAt),
    index("jobs_kind_idx").on(table.kind),
  ],
);

export type Job = typeof jobs.$inferSelect;
export type JobStatus = Job["status"];
