import { defineMessages } from "../../i18n/define.ts";

export const minutesMessages = defineMessages({
  sv: { "minutes.title": "Mötesanteckningar" },
  nb: { "minutes.title": "Referat" },
  en: { "minutes.title": "Minutes" },
});
