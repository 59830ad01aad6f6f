import fs from "node:fs";
import path from "node:path";
import { expect, inject } from "vitest";
import type { ReceivedMail } from "../support/smtp-server.ts";

/** What the e2e tests see of a mail the test SMTP server received. */
export type Mail = {
  sequence: number;
  envelopeTo: string[];
  to: string[];
  subject: string;
  text: string;
  html: string | false;
  links: string[];
  calendars: string[];
};

/** Called in the global setup for each received mail. */
export function writeMail(dir: string, sequence: number, mail: ReceivedMail): void {
  const record: Mail = {
    sequence,
    envelopeTo: mail.envelopeTo,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    links: mail.links,
    calendars: mail.calendars,
  };
  const name = `${String(sequence).padStart(6, "0")}.json`;
  fs.writeFileSync(path.join(dir, `${name}.tmp`), JSON.stringify(record));
  fs.renameSync(path.join(dir, `${name}.tmp`), path.join(dir, name));
}

/** Every mail received so far, oldest first. */
export function receivedMails(): Mail[] {
  const dir = inject("e2e").mailDir;
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Mail);
}

/** The number of mails received so far: pass it as `since` to wait only for newer ones. */
export function mailCount(): number {
  return receivedMails().length;
}

/** Waits for a mail to `address` (received after `since` mails), as the SMTP server got it. */
export async function waitForMail(
  address: string,
  options: { since?: number; timeoutMs?: number } = {},
): Promise<Mail> {
  const wanted = address.toLowerCase();
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = receivedMails()
          .slice(options.since ?? 0)
          .find((mail) => mail.envelopeTo.includes(wanted) || mail.to.includes(wanted));
        return found;
      },
      { timeout: options.timeoutMs ?? 20_000, interval: 100, message: `a mail to ${address}` },
    )
    .toBeDefined();
  return found!;
}

/** The first link in the mail that points at the app under test. */
export function appLink(mail: Mail, pathPrefix = "/"): string {
  const base = inject("e2e").baseUrl;
  const link = mail.links.find((candidate) => candidate.startsWith(base + pathPrefix));
  expect(link, `a link to ${base}${pathPrefix}… in "${mail.subject}":\n${mail.text}`).toBeDefined();
  return link!;
}
