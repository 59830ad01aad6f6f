import type { DbOrTx } from "../../db/client.ts";
import { isLocale, type Locale } from "../../i18n/locales.ts";
import { translator } from "../../i18n/translate.ts";
import { config } from "../../platform/config.ts";
import { enqueueMail } from "../../platform/mail/outbox.ts";
import { composeMail } from "../../platform/mail/compose.ts";

/** Links in mails are built from BASE_URL, never from the request's Host header. */
export function absoluteLink(path: string): string {
  return new URL(path, config().BASE_URL).toString();
}

function localeOf(value: string): Locale {
  return isLocale(value) ? value : "sv";
}

export async function sendInvitationMail(
  db: DbOrTx,
  input: { to: string; name: string; locale: string; inviterName: string; token: string },
) {
  const t = translator(localeOf(input.locale));
  const link = absoluteLink(`/invitation/${input.token}`);
  const body = composeMail(
    [
      t("identity.mail.greeting", { name: input.name }),
      t("identity.mail.invitation.body", { inviter: input.inviterName }),
      t("identity.mail.invitation.action"),
    ],
    link,
    t("identity.mail.invitation.expiry"),
  );
  await enqueueMail(db, { to: input.to, subject: t("identity.mail.invitation.subject"), ...body });
}

export async function sendResetMail(
  db: DbOrTx,
  input: { to: string; name: string; locale: string; token: string },
) {
  const t = translator(localeOf(input.locale));
  const link = absoluteLink(`/reset-password/${input.token}`);
  const body = composeMail(
    [t("identity.mail.greeting", { name: input.name }), t("identity.mail.reset.body")],
    link,
    t("identity.mail.reset.expiry"),
  );
  await enqueueMail(db, { to: input.to, subject: t("identity.mail.reset.subject"), ...body });
}
