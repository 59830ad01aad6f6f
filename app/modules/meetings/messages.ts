import { defineMessages } from "../../i18n/define.ts";

export const meetingsMessages = defineMessages({
  sv: { "meetings.error.notFound": "Mötet finns inte." },
  nb: { "meetings.error.notFound": "Møtet finnes ikke." },
  en: { "meetings.error.notFound": "The meeting does not exist." },
});
