import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startTestOidcProvider, type TestAccount } from "../support/oidc-provider.ts";
import { startTestSmtpServer } from "../support/smtp-server.ts";
import { ensureBuild, freePort, parseDemoLogin, startApp } from "./app-process.ts";
import { writeMail } from "./mailbox.ts";

export type E2eContext = {
  /** Where the app under test listens, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The demo admin's login that the app printed on its first start. */
  admin: { email: string; password: string } | null;
  /** Everything the app printed while starting. */
  startupOutput: string;
  /** Where the test SMTP server files each mail it receives (read it with tests/e2e/mailbox.ts). */
  mailDir: string;
  /** The test OpenID Connect provider the app is configured with (OIDC_*). */
  oidc: { issuer: string; accounts: TestAccount[] };
};

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

/**
 * Starts the real parts for the browser journeys, once for the e2e project: an SMTP server that
 * receives the app's mails, an OpenID Connect provider with test accounts, and the app from the
 * production build on a random port with a fresh embedded database and demo data.
 */
export default async function setup(project: TestProject) {
  ensureBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "samverka-e2e-"));
  const cleanups: Array<() => Promise<void> | void> = [
    () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    // Test files run in workers, the SMTP server runs here: every mail it receives is written
    // to mailDir as JSON for the tests to read.
    const mailDir = path.join(dataDir, "received-mail");
    fs.mkdirSync(mailDir);
    const smtp = await startTestSmtpServer();
    let filed = 0;
    const filer = setInterval(() => {
      while (filed < smtp.messages.length) writeMail(mailDir, filed, smtp.messages[filed++]!);
    }, 25);
    cleanups.push(() => clearInterval(filer));
    cleanups.push(smtp.close);

    const port = await freePort();
    const oidc = await startTestOidcProvider({
      redirectUris: [`http://127.0.0.1:${port}/auth/oidc/callback`],
    });
    cleanups.push(oidc.stop);

    const app = await startApp({
      port,
      env: {
        DATA_DIR: dataDir,
        SAMVERKA_DEMO: "1",
        JOBS_POLL_MS: "100",
        // Long enough that a page cache missing an invalidation fails the journeys that follow it.
        PAGE_CACHE_MS: "600000",
        SMTP_URL: smtp.url,
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
      },
      timeoutMs: 120_000,
    });
    cleanups.push(app.stop);

    project.provide("e2e", {
      baseUrl: app.baseUrl,
      admin: parseDemoLogin(app.output()) ?? null,
      startupOutput: app.output(),
      mailDir,
      oidc: { issuer: oidc.issuer, accounts: oidc.accounts },
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
