import { eq } from "drizzle-orm";
import { afterAll, beforeEach, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { registerJobHandler, unregisterJobHandler } from "./registry.ts";
import { jobs } from "./schema.ts";
import {
  claimJobs,
  completeJob,
  enqueueJob,
  failJob,
  getJob,
  PermanentJobError,
  purgeFinishedJobs,
} from "./service.ts";
import { runDueJobs, startJobWorker } from "./worker.ts";

const exact = { baseMs: 1000, maxMs: 60_000, jitter: "none" } as const;
const later = (ms: number) => new Date(Date.now() + ms);

afterAll(() => {
  for (const kind of ["test.echo", "test.flaky", "test.permanent", "test.race", "test.worker"]) {
    unregisterJobHandler(kind);
  }
});

describeDatabases("job queue", (ctx) => {
  beforeEach(async () => {
    await ctx.db.delete(jobs);
  });

  it("enqueues inside the caller's transaction: a rollback leaves no job", async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await enqueueJob(tx, "test.echo", { n: 1 });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await ctx.db.select().from(jobs)).toHaveLength(0);

    const id = await ctx.db.transaction((tx) => enqueueJob(tx, "test.echo", { n: 2 }));
    const job = await getJob(ctx.db, id);
    expect(job).toMatchObject({
      kind: "test.echo",
      payload: { n: 2 },
      status: "queued",
      attempts: 0,
    });
  });

  it("claims only due jobs, marks them running under a lease and counts the attempt", async () => {
    const due = await enqueueJob(ctx.db, "test.echo", {});
    await enqueueJob(ctx.db, "test.echo", {}, { runAt: later(60_000) });
    const claimed = await claimJobs(ctx.db, "worker-a", 10, { leaseMs: 30_000 });
    expect(claimed.map((job) => job.id)).toEqual([due]);
    expect(claimed[0]).toMatchObject({ status: "running", lockedBy: "worker-a", attempts: 1 });
    expect(claimed[0]!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Claimed jobs are not handed out twice.
    expect(await claimJobs(ctx.db, "worker-b", 10)).toEqual([]);

    expect(await completeJob(ctx.db, due, "worker-a")).toBe(true);
    expect(await getJob(ctx.db, due)).toMatchObject({
      status: "done",
      lockedBy: null,
      lockedUntil: null,
    });
    expect((await getJob(ctx.db, due))!.finishedAt).toBeInstanceOf(Date);
  });

  it("respects the limit and hands out the oldest due jobs first", async () => {
    const first = await enqueueJob(ctx.db, "test.echo", {}, { runAt: later(-3000) });
    const second = await enqueueJob(ctx.db, "test.echo", {}, { runAt: later(-2000) });
    await enqueueJob(ctx.db, "test.echo", {}, { runAt: later(-1000) });
    const claimed = await claimJobs(ctx.db, "w", 2);
    expect(claimed.map((job) => job.id)).toEqual([first, second]);
  });

  it("retries a failed job after an exponential back-off, then gives up", async () => {
    const id = await enqueueJob(ctx.db, "test.echo", {}, { maxAttempts: 3 });

    let [job] = await claimJobs(ctx.db, "w", 1);
    const before = Date.now();
    expect(await failJob(ctx.db, job!, "w", new Error("boom 1"), { backoff: exact })).toBe(
      "queued",
    );
    let row = (await getJob(ctx.db, id))!;
    expect(row).toMatchObject({
      status: "queued",
      attempts: 1,
      lastError: "Error: boom 1",
      lockedBy: null,
    });
    // First back-off: one second.
    expect(row.runAt.getTime()).toBeGreaterThanOrEqual(before + 1000 - 1500);
    expect(row.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000 + 1500);
    expect(await claimJobs(ctx.db, "w", 1)).toEqual([]);

    [job] = await claimJobs(ctx.db, "w", 1, { now: new Date(row.runAt.getTime() + 1) });
    expect(job).toMatchObject({ id, attempts: 2 });
    const secondFailure = new Date(row.runAt.getTime() + 1);
    await failJob(ctx.db, job!, "w", new Error("boom 2"), { backoff: exact, now: secondFailure });
    row = (await getJob(ctx.db, id))!;
    // Second back-off: two seconds.
    expect(row.runAt.getTime() - secondFailure.getTime()).toBe(2000);

    [job] = await claimJobs(ctx.db, "w", 1, { now: new Date(row.runAt.getTime() + 1) });
    expect(await failJob(ctx.db, job!, "w", new Error("boom 3"), { backoff: exact })).toBe(
      "failed",
    );
    row = (await getJob(ctx.db, id))!;
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "Error: boom 3" });
    expect(row.finishedAt).toBeInstanceOf(Date);
    expect(await claimJobs(ctx.db, "w", 1, { now: later(24 * 3600_000) })).toEqual([]);
  });

  it("gives up at once on a permanent error", async () => {
    const id = await enqueueJob(ctx.db, "test.echo", {}, { maxAttempts: 5 });
    const [job] = await claimJobs(ctx.db, "w", 1);
    expect(await failJob(ctx.db, job!, "w", new PermanentJobError("bad address"))).toBe("failed");
    expect(await getJob(ctx.db, id)).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("takes over the job of a crashed worker after its lease, and ignores the late worker", async () => {
    const id = await enqueueJob(ctx.db, "test.echo", {}, { maxAttempts: 2 });
    const [first] = await claimJobs(ctx.db, "crashed", 1, { leaseMs: 10_000 });
    expect(first!.id).toBe(id);
    // Within the lease nobody else gets it.
    expect(await claimJobs(ctx.db, "rescuer", 1, { now: later(5_000) })).toEqual([]);
    const [taken] = await claimJobs(ctx.db, "rescuer", 1, { now: later(11_000) });
    expect(taken).toMatchObject({ id, lockedBy: "rescuer", attempts: 2 });
    // The worker that lost its lease cannot complete or fail the job any more.
    expect(await completeJob(ctx.db, id, "crashed")).toBe(false);
    expect(await failJob(ctx.db, first!, "crashed", new Error("late"))).toBeNull();
    expect(await getJob(ctx.db, id)).toMatchObject({ status: "running", lockedBy: "rescuer" });

    // If the rescuer dies too on the last allowed attempt, the job fails instead of looping.
    expect(await claimJobs(ctx.db, "third", 1, { now: later(10 * 60_000) })).toEqual([]);
    const row = (await getJob(ctx.db, id))!;
    expect(row).toMatchObject({ status: "failed", lockedBy: null });
    expect(row.lastError).toContain("lease expired");
  });

  it("purges done jobs after a week and failed ones after a month, never open ones", async () => {
    const done = await enqueueJob(ctx.db, "test.echo", {});
    const failed = await enqueueJob(ctx.db, "test.echo", {}, { maxAttempts: 1 });
    const queued = await enqueueJob(ctx.db, "test.echo", {}, { runAt: later(60_000) });
    const claimed = await claimJobs(ctx.db, "w", 2);
    await completeJob(ctx.db, done, "w");
    await failJob(
      ctx.db,
      claimed.find((job) => job.id === failed)!,
      "w",
      new Error("x"),
    );
    const day = 24 * 3600_000;

    expect(await purgeFinishedJobs(ctx.db, { now: later(6 * day) })).toBe(0);
    expect(await purgeFinishedJobs(ctx.db, { now: later(8 * day) })).toBe(1);
    expect(await getJob(ctx.db, done)).toBeUndefined();
    expect(await purgeFinishedJobs(ctx.db, { now: later(31 * day) })).toBe(1);
    expect(await getJob(ctx.db, failed)).toBeUndefined();
    expect(await getJob(ctx.db, queued)).toMatchObject({ status: "queued" });
  });

  it("runDueJobs runs handlers, records failures and never throws", async () => {
    const seen: unknown[] = [];
    registerJobHandler("test.echo", async (payload) => {
      seen.push(payload);
    });
    registerJobHandler("test.flaky", async () => {
      throw new Error("flaky");
    });
    registerJobHandler("test.permanent", async () => {
      throw new PermanentJobError("never");
    });
    const ok = await enqueueJob(ctx.db, "test.echo", { hello: "world" });
    const flaky = await enqueueJob(ctx.db, "test.flaky", {});
    const permanent = await enqueueJob(ctx.db, "test.permanent", {});
    const unknown = await enqueueJob(ctx.db, "test.unknown-kind", {}, { maxAttempts: 1 });

    const results = await runDueJobs(ctx.db);
    expect(Object.fromEntries(results.map((r) => [r.job.id, r.outcome]))).toEqual({
      [ok]: "done",
      [flaky]: "queued",
      [permanent]: "failed",
      [unknown]: "failed",
    });
    expect(seen).toEqual([{ hello: "world" }]);
    expect((await getJob(ctx.db, unknown))!.lastError).toContain("No handler");
    // The flaky job waits for its back-off: nothing is due now.
    expect(await runDueJobs(ctx.db)).toEqual([]);
  });

  it("a handler's enqueued follow-up job is processed in the same run", async () => {
    const seen: number[] = [];
    registerJobHandler("test.echo", async (payload, { db }) => {
      const n = (payload as { n: number }).n;
      seen.push(n);
      if (n < 3) await enqueueJob(db, "test.echo", { n: n + 1 });
    });
    await enqueueJob(ctx.db, "test.echo", { n: 1 });
    await runDueJobs(ctx.db);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("the polling worker processes jobs and stops cleanly", async () => {
    const done: string[] = [];
    let release: () => void = () => {};
    const allDone = new Promise<void>((resolve) => {
      release = resolve;
    });
    registerJobHandler("test.worker", async (payload) => {
      done.push((payload as { id: string }).id);
      if (done.length === 3) release();
    });
    let maintenanceRuns = 0;
    const worker = startJobWorker(ctx.db, {
      pollMs: 20,
      onError: () => {},
      maintenance: [async () => void maintenanceRuns++],
    });
    for (const id of ["a", "b", "c"]) await enqueueJob(ctx.db, "test.worker", { id });
    await allDone;
    await worker.stop();
    expect(done.sort()).toEqual(["a", "b", "c"]);
    // Maintenance (identity clean-up and the like) runs on the first tick, then hourly.
    expect(maintenanceRuns).toBe(1);
    // A completed job is marked done right after its handler returns; give the last update time.
    await expect
      .poll(async () => (await ctx.db.select().from(jobs).where(eq(jobs.status, "done"))).length)
      .toBe(3);
    // Done jobs keep no payload (mails carry one-time links).
    const finished = await ctx.db.select().from(jobs).where(eq(jobs.status, "done"));
    expect(finished.map((job) => job.payload)).toEqual([{}, {}, {}]);
  });

  it("the polling worker survives a handler that throws", async () => {
    const errors: string[] = [];
    registerJobHandler("test.flaky", async () => {
      throw new Error("handler exploded");
    });
    const worker = startJobWorker(ctx.db, {
      pollMs: 20,
      onError: (message) => errors.push(message),
    });
    const id = await enqueueJob(ctx.db, "test.flaky", {}, { maxAttempts: 1 });
    await expect.poll(async () => (await getJob(ctx.db, id))!.status).toBe("failed");
    await worker.stop();
    expect(errors.join("\n")).toContain("handler exploded");
  });

  it("two concurrent workers never run the same job", async () => {
    const total = ctx.backend === "postgres" ? 200 : 60;
    const handled = new Map<string, string[]>();
    registerJobHandler("test.race", async (payload, { job }) => {
      const id = (payload as { i: number }).i.toString();
      handled.set(id, [...(handled.get(id) ?? []), job.lockedBy ?? "?"]);
      // Give the other worker a chance to race for the same rows.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    });
    await ctx.db
      .insert(jobs)
      .values(Array.from({ length: total }, (_, i) => ({ kind: "test.race", payload: { i } })));
    const [a, b] = await Promise.all([
      runDueJobs(ctx.db, { workerId: "worker-a", batchSize: 4 }),
      runDueJobs(ctx.db, { workerId: "worker-b", batchSize: 4 }),
    ]);
    expect(a.length + b.length).toBe(total);
    expect(handled.size).toBe(total);
    for (const [, workers] of handled) expect(workers).toHaveLength(1);
    if (ctx.backend === "postgres") {
      // On a server both workers really ran in parallel on their own connections.
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
    }
    const rows = await ctx.db.select().from(jobs);
    expect(rows.every((row) => row.status === "done" && row.attempts === 1)).toBe(true);
  });
});
