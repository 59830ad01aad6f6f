import { z } from "zod";
import type { DbOrTx } from "../../db/client.ts";
import { enqueueJob } from "../jobs/service.ts";

export const MAIL_SEND_JOB = "mail.send";

export const MailMessageSchema = z.object({
  to: z.string().min(3),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
});

export type MailMessage = z.infer<typeof MailMessageSchema>;

/**
 * Queues a mail for delivery by the job worker (SMTP_URL, or an .eml file in DATA_DIR/outbox).
 * Call it with the transaction of the change that causes the mail: no mail for a rolled-back change.
 */
export async function enqueueMail(
  db: DbOrTx,
  message: { to: string; subject: string; text: string; html?: string },
): Promise<void> {
  const parsed = MailMessageSchema.parse(message);
  await enqueueJob(db, MAIL_SEND_JOB, parsed, { maxAttempts: 8 });
}
