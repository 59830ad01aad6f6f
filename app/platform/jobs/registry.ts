import type { Db } from "../../db/client.ts";
import type { Job } from "./schema.ts";

export type JobContext = {
  db: Db;
  job: Readonly<Job>;
};

/** Runs one job. Throw to fail the attempt (a PermanentJobError gives up without retrying). */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** Registers the handler of a job kind; registering the same kind again replaces it. */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export function jobHandler(kind: string): JobHandler | undefined {
  return handlers.get(kind);
}

/** Tests that swap a handler put the original back with this. */
export function unregisterJobHandler(kind: string): void {
  handlers.delete(kind);
}
