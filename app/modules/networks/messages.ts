import { defineMessages } from "../../i18n/define.ts";

export const networksMessages = defineMessages({
  sv: {
    "networks.error.notFound": "Nätverket finns inte, eller så har du inte tillgång till det.",
  },
  nb: { "networks.error.notFound": "Nettverket finnes ikke, eller du har ikke tilgang til det." },
  en: { "networks.error.notFound": "The network does not exist, or you do not have access to it." },
});
