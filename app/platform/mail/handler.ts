import { PermanentJobError } from "../jobs/service.ts";
import { registerJobHandler } from "../jobs/registry.ts";
import { MAIL_SEND_JOB, MailMessageSchema } from "./outbox.ts";
import { sendMail } from "./transport.ts";

/** A refusal the server will repeat (5xx except 503): retrying cannot help. */
function isPermanent(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { permanent?: unknown }).permanent === true
  );
}

registerJobHandler(MAIL_SEND_JOB, async (payload, { job }) => {
  const parsed = MailMessageSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("Malformed mail.send payload");
  try {
    await sendMail(parsed.data, { key: job.id });
  } catch (error) {
    if (isPermanent(error)) {
      throw new PermanentJobError(error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    throw error;
  }
});
