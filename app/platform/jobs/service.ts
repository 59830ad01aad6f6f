import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import {
  backoffDelayMs,
  describeError,
  nextStateAfterFailure,
  type BackoffOptions,
} from "./rules.ts";
import { jobs, type Job } from "./schema.ts";

export type EnqueueOptions = { runAt?: Date; maxAttempts?: number };

/** How long a claimed job belongs to its worker before another may take it over. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Adds a job to the queue and returns its id. Pass the caller's transaction so the job commits
 * (or rolls back) together with the change that asked for it.
 */
export async function enqueueJob(
  db: DbOrTx,
  kind: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<string> {
  const [row] = await db
    .insert(jobs)
    .values({
      kind,
      payload: payload ?? {},
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(options.runAt ? { runAt: options.runAt } : {}),
    })
    .returning({ id: jobs.id });
  if (!row) throw new Error("enqueueJob: insert returned no row");
  return row.id;
}

/** The clock of the queue: the database's, unless a test pins an instant. */
function clock(now: Date | undefined): SQL {
  return now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
}

export type ClaimOptions = {
  leaseMs?: number;
  /** Pretend it is this instant (tests of back-off and expired leases). */
  now?: Date;
};

/**
 * Takes up to `limit` due jobs for `workerId`: queued jobs whose time has come, and running jobs
 * whose lease has expired (their worker died). Rows are picked with FOR UPDATE SKIP LOCKED, so
 * concurrent claimers — in this or another app instance — never receive the same job. Each claim
 * counts as an attempt, so a job that kills its worker is not retried forever.
 */
export async function claimJobs(
  db: DbOrTx,
  workerId: string,
  limit: number,
  options: ClaimOptions = {},
): Promise<Job[]> {
  const now = clock(options.now);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const expired = and(eq(jobs.status, "running"), lte(jobs.lockedUntil, now));

  // A job whose worker died on its last allowed attempt is given up, not run again.
  await db
    .update(jobs)
    .set({
      status: "failed",
      finishedAt: now,
      lockedBy: null,
      lockedUntil: null,
      lastError: sql`coalesce(${jobs.lastError} || '; ', '') || 'lease expired on the last attempt'`,
    })
    .where(and(expired, sql`${jobs.attempts} >= ${jobs.maxAttempts}`));

  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(or(and(eq(jobs.status, "queued"), lte(jobs.runAt, now)), expired))
    .orderBy(asc(jobs.runAt))
    .limit(limit)
    .for("update", { skipLocked: true });

  const claimed = await db
    .update(jobs)
    .set({
      status: "running",
      lockedBy: workerId,
      lockedUntil: sql`${now} + make_interval(secs => ${leaseMs / 1000})`,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(inArray(jobs.id, due))
    .returning();
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}

/** Marks a job done — only if `workerId` still holds it (its lease was not taken over). */
export async function completeJob(
  db: DbOrTx,
  jobId: string,
  workerId: string,
  options: { now?: Date } = {},
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: "done",
      // A done job's payload (a mail with a one-time link, say) is of no further use: keep none.
      payload: {},
      finishedAt: clock(options.now),
      lockedBy: null,
      lockedUntil: null,
    })
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** A handler throws this when retrying cannot help (a refused address, a malformed payload). */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

export type FailOptions = { now?: Date; backoff?: BackoffOptions };

/**
 * Records a failed attempt: the job is queued again after an exponential back-off, or marked
 * failed when its attempts are used up or the error is permanent. Returns the new status, or null
 * when `workerId` no longer held the job.
 */
export async function failJob(
  db: DbOrTx,
  job: Pick<Job, "id" | "attempts" | "maxAttempts">,
  workerId: string,
  error: unknown,
  options: FailOptions = {},
): Promise<"queued" | "failed" | null> {
  const now = clock(options.now);
  const status = nextStateAfterFailure(
    job.attempts,
    job.maxAttempts,
    error instanceof PermanentJobError,
  );
  const delayMs = backoffDelayMs(job.attempts, options.backoff);
  const rows = await db
    .update(jobs)
    .set({
      status,
      lastError: describeError(error),
      lockedBy: null,
      lockedUntil: null,
      ...(status === "failed"
        ? { finishedAt: now }
        : { runAt: sql`${now} + make_interval(secs => ${delayMs / 1000})` }),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0 ? status : null;
}

/** One job by id (tests, admin views). */
export async function getJob(db: DbOrTx, jobId: string): Promise<Job | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  return row;
}

export type JobQueueSummary = {
  counts: Record<Job["status"], number>;
  recentFailures: Pick<Job, "id" | "kind" | "attempts" | "lastError" | "finishedAt">[];
};

/** Counts by status and the latest failures, for the administrators' overview. */
export async function jobQueueSummary(db: DbOrTx, failures = 10): Promise<JobQueueSummary> {
  const rows = await db
    .select({ status: jobs.status, count: sql<number>`count(*)::int` })
    .from(jobs)
    .groupBy(jobs.status);
  const counts = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  const recentFailures = await db
    .select({
      id: jobs.id,
      kind: jobs.kind,
      attempts: jobs.attempts,
      lastError: jobs.lastError,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(eq(jobs.status, "failed"))
    .orderBy(desc(jobs.finishedAt))
    .limit(failures);
  return { counts, recentFailures };
}

/** How long finished jobs (and the personal data in their payloads) are kept. */
export const JOB_RETENTION = { doneMs: 7 * 24 * 3600_000, failedMs: 30 * 24 * 3600_000 };

/** Deletes done jobs after a week and failed ones after a month; returns how many went. */
export async function purgeFinishedJobs(
  db: DbOrTx,
  options: { now?: Date; doneMs?: number; failedMs?: number } = {},
): Promise<number> {
  const now = clock(options.now);
  const doneMs = options.doneMs ?? JOB_RETENTION.doneMs;
  const failedMs = options.failedMs ?? JOB_RETENTION.failedMs;
  const rows = await db
    .delete(jobs)
    .where(
      or(
        and(
          eq(jobs.status, "done"),
          lte(jobs.finishedAt, sql`${now} - make_interval(secs => ${doneMs / 1000})`),
        ),
        and(
          eq(jobs.status, "failed"),
          lte(jobs.finishedAt, sql`${now} - make_interval(secs => ${failedMs / 1000})`),
        ),
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}
