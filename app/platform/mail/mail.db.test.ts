import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "../../../tests/support/smtp-server.ts";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../config.ts";
import { jobs } from "../jobs/schema.ts";
import { getJob } from "../jobs/service.ts";
import { runDueJobs } from "../jobs/worker.ts";
import { enqueueMail, MAIL_SEND_JOB } from "./outbox.ts";
import { resetMailTransport } from "./transport.ts";

const savedEnv = { ...process.env };
let smtp: TestSmtpServer;
let dataDir: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer({ auth: { user: "samverka", pass: "s3cret p@ss" } });
});

afterAll(async () => {
  resetMailTransport();
  await smtp.close();
});

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "samverka-mail-"));
  process.env.DATA_DIR = dataDir;
  // Vitest sets BASE_URL to "/" (Vite's base); the app needs an absolute URL.
  process.env.BASE_URL = "http://localhost:3000";
  process.env.MAIL_FROM = "Samverka test <noreply@samverka.test>";
  delete process.env.SMTP_URL;
  resetConfig();
  resetMailTransport();
});

afterEach(async () => {
  process.env = { ...savedEnv };
  resetConfig();
  resetMailTransport();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function useSmtp() {
  process.env.SMTP_URL = smtp.url;
  resetConfig();
}

describeDatabases("mail", (ctx) => {
  beforeEach(async () => {
    await ctx.db.delete(jobs);
  });

  it("delivers a queued mail through a real SMTP server", async () => {
    useSmtp();
    const since = smtp.messages.length;
    await ctx.db.transaction(async (tx) => {
      await enqueueMail(tx, {
        to: "Åsa Öberg <asa.oberg@region.test>",
        subject: "Inbjudan till Samverka – välkommen",
        text: "Hej Åsa!\n\nSätt ditt lösenord: https://samverka.test/invite/abc123\n",
        html: "<p>Hej Åsa!</p>",
      });
    });
    const results = await runDueJobs(ctx.db);
    expect(results.map((r) => [r.job.kind, r.outcome])).toEqual([[MAIL_SEND_JOB, "done"]]);

    const mail = await smtp.waitForMessage("asa.oberg@region.test", { since });
    expect(mail.subject).toBe("Inbjudan till Samverka – välkommen");
    expect(mail.to).toEqual(["asa.oberg@region.test"]);
    expect(mail.envelopeTo).toEqual(["asa.oberg@region.test"]);
    expect(mail.text).toContain("Sätt ditt lösenord");
    expect(mail.links).toEqual(["https://samverka.test/invite/abc123"]);
    expect(mail.html).toContain("<p>Hej Åsa!</p>");
    expect(mail.parsed.from?.value[0]?.address).toBe("noreply@samverka.test");
    // The Message-ID is derived from the job, so a retried delivery keeps its identity.
    expect(mail.parsed.messageId).toBe(`<${results[0]!.job.id}@localhost>`);
  });

  it("writes an .eml file to DATA_DIR/outbox without SMTP_URL", async () => {
    await enqueueMail(ctx.db, {
      to: "ola.nordmann@helse.test",
      subject: "Tilbakestill passord",
      text: "Hei Ola, følg lenken.",
    });
    await runDueJobs(ctx.db);
    const outbox = path.join(dataDir, "outbox");
    const files = await fs.readdir(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = await fs.readFile(path.join(outbox, files[0]!));
    // A real RFC 5322 message with CRLF line ends, readable by a mail parser.
    expect(raw.toString("utf8")).toContain("\r\n");
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe("Tilbakestill passord");
    expect(parsed.text?.trim()).toBe("Hei Ola, følg lenken.");
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value[0]?.address).toBe("ola.nordmann@helse.test");
    expect(parsed.from?.value[0]?.address).toBe("noreply@samverka.test");
  });

  it("sends no mail for a rolled-back change", async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await enqueueMail(tx, { to: "nobody@example.test", subject: "x", text: "x" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await runDueJobs(ctx.db)).toEqual([]);
    await expect(fs.readdir(path.join(dataDir, "outbox"))).rejects.toThrow();
  });

  it("retries a transient SMTP failure with back-off", async () => {
    useSmtp();
    smtp.failNext(1, { code: 451, message: "4.3.0 Mailbox busy, try later" });
    const since = smtp.messages.length;
    await enqueueMail(ctx.db, { to: "retry@example.test", subject: "Retry", text: "Again" });

    const [first] = await runDueJobs(ctx.db);
    expect(first!.outcome).toBe("queued");
    const afterFailure = (await getJob(ctx.db, first!.job.id))!;
    expect(afterFailure).toMatchObject({ status: "queued", attempts: 1 });
    expect(afterFailure.lastError).toContain("451");
    expect(afterFailure.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(smtp.messages.length).toBe(since);

    // Not due again before its back-off has passed …
    expect(await runDueJobs(ctx.db)).toEqual([]);
    // … and delivered once it has.
    const [second] = await runDueJobs(ctx.db, { now: new Date(afterFailure.runAt.getTime() + 1) });
    expect(second!.outcome).toBe("done");
    const mail = await smtp.waitForMessage("retry@example.test", { since });
    expect(mail.subject).toBe("Retry");
    expect(await getJob(ctx.db, first!.job.id)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("gives up at once when the server refuses the mail for good", async () => {
    useSmtp();
    smtp.failNext(1, { code: 550, message: "5.1.1 No such user" });
    await enqueueMail(ctx.db, { to: "gone@example.test", subject: "x", text: "x" });
    const [result] = await runDueJobs(ctx.db);
    expect(result!.outcome).toBe("failed");
    const job = (await getJob(ctx.db, result!.job.id))!;
    expect(job).toMatchObject({ status: "failed", attempts: 1 });
    expect(job.lastError).toContain("550");
  });

  it("retries when the SMTP server cannot be reached", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetConfig();
    await enqueueMail(ctx.db, { to: "later@example.test", subject: "x", text: "x" });
    const [result] = await runDueJobs(ctx.db);
    expect(result!.outcome).toBe("queued");
    expect((await getJob(ctx.db, result!.job.id))!.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it("refuses a malformed message at enqueue time", async () => {
    await expect(enqueueMail(ctx.db, { to: "", subject: "x", text: "x" })).rejects.toThrow();
  });
});
