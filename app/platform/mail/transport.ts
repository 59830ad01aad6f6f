import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type Nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { lazyModule } from "../lazy-module.ts";
import { config } from "../config.ts";
import type { MailMessage } from "./outbox.ts";

const nodemailer = lazyModule<typeof Nodemailer>("nodemailer");

export type SendResult =
  | { via: "smtp"; messageId: string; response: string }
  | { via: "outbox"; messageId: string; file: string };

type Cached = { key: string; transporter: Transporter };
let cached: Cached | undefined;

/** The SMTP transporter for SMTP_URL, created once per URL. */
function smtpTransporter(url: string): Transporter {
  if (cached?.key !== url) {
    cached?.transporter.close();
    cached = {
      key: url,
      transporter: nodemailer().createTransport({
        url,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      }),
    };
  }
  return cached.transporter;
}

/** Closes the cached SMTP connection (tests that change SMTP_URL, shutdown). */
export function resetMailTransport(): void {
  cached?.transporter.close();
  cached = undefined;
}

/** The folder `.eml` files are written to when no SMTP_URL is configured. */
export function outboxDir(): string {
  return path.join(config().dataDir, "outbox");
}

/** The Message-ID of a queued mail: stable per job, so a retried delivery keeps its identity. */
export function messageIdFor(key: string): string {
  const host = new URL(config().BASE_URL).hostname || "samverka.localhost";
  return `<${key}@${host}>`;
}

/**
 * Sends one message: over SMTP when SMTP_URL is set, otherwise as an RFC 5322 `.eml` file in
 * DATA_DIR/outbox (composed by nodemailer's stream transport, never by hand).
 */
export async function sendMail(
  message: MailMessage,
  options: { key?: string } = {},
): Promise<SendResult> {
  const cfg = config();
  const key = options.key ?? crypto.randomUUID();
  const mail = {
    from: cfg.MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    ...(message.icalEvent
      ? {
          icalEvent: {
            method: message.icalEvent.method,
            content: message.icalEvent.content,
            filename: message.icalEvent.filename ?? "invite.ics",
          },
        }
      : {}),
    messageId: messageIdFor(key),
  };

  if (cfg.SMTP_URL) {
    const info = await smtpTransporter(cfg.SMTP_URL).sendMail(mail);
    return { via: "smtp", messageId: info.messageId, response: String(info.response ?? "") };
  }

  const composer = nodemailer().createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
  });
  const info = await composer.sendMail(mail);
  const dir = outboxDir();
  await fs.mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const safeKey = key.replace(/[^A-Za-z0-9_-]/g, "_");
  const file = path.join(dir, `${stamp}-${safeKey}.eml`);
  // Written under a temporary name and renamed: a reader never sees half a message.
  const partial = `${file}.partial`;
  await fs.writeFile(partial, info.message as Buffer);
  await fs.rename(partial, file);
  return { via: "outbox", messageId: info.messageId, file };
}
