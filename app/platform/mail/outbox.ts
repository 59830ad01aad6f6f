import { z } from "zod";
import type { DbOrTx } from "../../db/client.ts";
import { enqueueJob } from "../jobs/service.ts";

export const MAIL_SEND_JOB = "mail.send";

export const MailMessageSchema = z.object({
  to: z.string().min(3),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  /** An iCalendar part (invitation, update, cancellation), sent as nodemailer's `icalEvent`. */
  icalEvent: z
    .object({
      method: z.enum(["REQUEST", "CANCEL", "PUBLISH"]),
      content: z.string(),
      filename: z.string().optional(),
    })
    .optional(),
});

export type MailMessage = z.infer<typeof MailMessageSchema>;

/**
 * Queues a mail for delivery by the job worker (SMTP_URL, or an .eml file in DATA_DIR/outbox).
 * Call it with the transaction of the change that causes the mail: no mail for a rolled-back change.
 */
export async function enqueueMail(db: DbOrTx, message: MailMessage): Promise<void> {
  const parsed = MailMessageSchema.parse(message);
  await enqueueJob(db, MAIL_SEND_JOB, parsed, { maxAttempts: 8 });
}
