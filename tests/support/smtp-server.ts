import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message the test server accepted, parsed back by mailparser. */
export type ReceivedMail = {
  /** The SMTP envelope's recipients (RCPT TO), lower-cased. */
  envelopeTo: string[];
  envelopeFrom: string;
  /** The raw RFC 5322 message as received. */
  raw: string;
  parsed: ParsedMail;
  subject: string;
  text: string;
  html: string | false;
  /** The addresses of the To header, lower-cased. */
  to: string[];
  /** Every http(s) link in the text part, in order. */
  links: string[];
  /** The iCalendar parts (text/calendar), as text. */
  calendars: string[];
};

export type TestSmtpServer = {
  port: number;
  host: string;
  /** For SMTP_URL: smtp://user:pass@127.0.0.1:<port> (credentials only when auth is required). */
  url: string;
  /** Every message received so far, oldest first. */
  messages: ReceivedMail[];
  /** Resolves with the first message to `address` (already received, or the next one to come). */
  waitForMessage: (
    address: string,
    options?: { timeoutMs?: number; since?: number },
  ) => Promise<ReceivedMail>;
  /** Rejects the next `count` deliveries with an SMTP reply (default 451 4.3.0, a transient failure). */
  failNext: (count: number, reply?: { code: number; message: string }) => void;
  close: () => Promise<void>;
};

export type TestSmtpOptions = {
  /** Require AUTH with these credentials; without, authentication is optional. */
  auth?: { user: string; pass: string };
  /** Called for every message accepted, after it was parsed. */
  onMessage?: (mail: ReceivedMail) => void;
};

/** Starts a real SMTP server on 127.0.0.1 and a random port that collects what it receives. */
export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<{
    match: (mail: ReceivedMail) => boolean;
    resolve: (mail: ReceivedMail) => void;
  }>();
  let failures: { remaining: number; code: number; message: string } = {
    remaining: 0,
    code: 451,
    message: "4.3.0 Try again later",
  };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (
        options.auth &&
        auth.username === options.auth.user &&
        auth.password === options.auth.pass
      ) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error("5.7.8 Authentication failed"), { responseCode: 535 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (failures.remaining > 0) {
          failures.remaining -= 1;
          callback(Object.assign(new Error(failures.message), { responseCode: failures.code }));
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw)
          .then((parsed) => {
            const mail = toReceived(raw, parsed, session.envelope);
            messages.push(mail);
            options.onMessage?.(mail);
            for (const waiter of waiters) {
              if (waiter.match(mail)) {
                waiters.delete(waiter);
                waiter.resolve(mail);
              }
            }
            callback();
          })
          .catch((error: unknown) =>
            callback(error instanceof Error ? error : new Error(String(error))),
          );
      });
    },
  });

  const host = "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Errors of single connections (a client hanging up) are not the test's business.
  server.on("error", () => {});
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : "";

  return {
    port,
    host,
    url: `smtp://${credentials}${host}:${port}`,
    messages,
    waitForMessage(address, { timeoutMs = 15_000, since = 0 } = {}) {
      const wanted = address.toLowerCase();
      const match = (mail: ReceivedMail) =>
        mail.envelopeTo.includes(wanted) || mail.to.includes(wanted);
      const existing = messages.slice(since).find(match);
      if (existing) return Promise.resolve(existing);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (mail: ReceivedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`No mail to ${address} within ${timeoutMs} ms (received ${messages.length})`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(count, reply = { code: 451, message: "4.3.0 Try again later" }) {
      failures = { remaining: count, ...reply };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function toReceived(
  raw: string,
  parsed: ParsedMail,
  envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] },
): ReceivedMail {
  const toHeader = parsed.to ? (Array.isArray(parsed.to) ? parsed.to : [parsed.to]) : [];
  const to = toHeader.flatMap((group) =>
    group.value.flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : [])),
  );
  const text = parsed.text ?? "";
  return {
    envelopeTo: envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
    envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : "",
    raw,
    parsed,
    subject: parsed.subject ?? "",
    text,
    html: parsed.html ?? false,
    to,
    links: text.match(/https?:\/\/[^\s<>")]+/g) ?? [],
    calendars: parsed.attachments
      .filter((attachment) => attachment.contentType.startsWith("text/calendar"))
      .map((attachment) => attachment.content.toString("utf8")),
  };
}
