import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "../../db/client.ts";
import { config } from "../config.ts";
// Registers the handlers of every job kind the platform knows, so the app and tests both have them.
import "./handlers.ts";
import { jobHandler } from "./registry.ts";
import type { BackoffOptions } from "./rules.ts";
import { describeError } from "./rules.ts";
import { claimJobs, completeJob, failJob, purgeFinishedJobs, DEFAULT_LEASE_MS } from "./service.ts";
import type { Job } from "./schema.ts";

export type WorkerOptions = {
  /** Unique per worker; defaults to host, process id and a random suffix. */
  workerId?: string;
  /** Jobs claimed per round. */
  batchSize?: number;
  leaseMs?: number;
  backoff?: BackoffOptions;
  /** Pretend it is this instant (tests). */
  now?: Date;
  /** Where failures are reported; console.warn by default. */
  onError?: (message: string, error: unknown) => void;
};

export type ProcessResult = { job: Job; outcome: "done" | "queued" | "failed" | "lost" };

function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
}

/** Runs one claimed job and records how it went. A handler's error never escapes. */
export async function processJob(
  db: Db,
  job: Job,
  workerId: string,
  options: WorkerOptions = {},
): Promise<ProcessResult> {
  const handler = jobHandler(job.kind);
  try {
    if (!handler) throw new Error(`No handler registered for job kind "${job.kind}"`);
    await handler(job.payload, { db, job });
  } catch (error) {
    const status = await failJob(db, job, workerId, error, {
      now: options.now,
      backoff: options.backoff,
    });
    options.onError?.(
      `Job ${job.kind} ${job.id} attempt ${job.attempts}/${job.maxAttempts} failed (${status ?? "lease lost"}): ${describeError(error)}`,
      error,
    );
    return { job, outcome: status ?? "lost" };
  }
  const done = await completeJob(db, job.id, workerId, { now: options.now });
  return { job, outcome: done ? "done" : "lost" };
}

/** Claims and runs one batch; returns what was processed. */
export async function runJobBatch(
  db: Db,
  workerId: string,
  options: WorkerOptions = {},
): Promise<ProcessResult[]> {
  const claimed = await claimJobs(db, workerId, options.batchSize ?? 10, {
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    now: options.now,
  });
  const results: ProcessResult[] = [];
  for (const job of claimed) results.push(await processJob(db, job, workerId, options));
  return results;
}

/**
 * Processes due jobs until none is left (for tests and scripts). Jobs that fail are rescheduled
 * by back-off and so are not due again within the same call. Stops after `maxJobs` as a guard
 * against handlers that keep enqueuing.
 */
export async function runDueJobs(
  db: Db,
  options: WorkerOptions & { maxJobs?: number } = {},
): Promise<ProcessResult[]> {
  const workerId = options.workerId ?? newWorkerId();
  const maxJobs = options.maxJobs ?? 1000;
  const results: ProcessResult[] = [];
  while (results.length < maxJobs) {
    const batch = await runJobBatch(db, workerId, {
      ...options,
      batchSize: Math.min(options.batchSize ?? 10, maxJobs - results.length),
    });
    if (batch.length === 0) break;
    results.push(...batch);
  }
  return results;
}

/**
 * Polls the queue every JOBS_POLL_MS and runs due jobs, one batch after the other while there is
 * work. Never throws: failures of handlers are recorded on the job, failures of the database are
 * reported and retried at the next poll. `stop()` waits for the batch in progress.
 */
/** Clean-up that runs hourly on every worker; each task must be safe to run concurrently. */
export type MaintenanceTask = (db: Db) => Promise<void>;

export function startJobWorker(
  db: Db,
  options: WorkerOptions & { pollMs?: number; maintenance?: MaintenanceTask[] } = {},
) {
  const pollMs = options.pollMs ?? config().JOBS_POLL_MS;
  const workerId = options.workerId ?? newWorkerId();
  const onError = options.onError ?? ((message: string) => console.warn(`[jobs] ${message}`));
  const batchOptions = { ...options, workerId, onError };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastPurge = 0;

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
      });
    }, delay);
    timer.unref();
  };

  const tick = async () => {
    let more = false;
    try {
      const batchSize = options.batchSize ?? 10;
      const results = await runJobBatch(db, workerId, { ...batchOptions, batchSize });
      more = results.length === batchSize;
      // Finished jobs hold personal data (mail recipients and links): purge them hourly.
      if (Date.now() - lastPurge > 3600_000) {
        lastPurge = Date.now();
        await purgeFinishedJobs(db);
        for (const task of options.maintenance ?? []) await task(db);
      }
    } catch (error) {
      onError(`Polling the job queue failed: ${describeError(error)}`, error);
    }
    schedule(more ? 0 : pollMs);
  };

  schedule(0);

  return {
    workerId,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
