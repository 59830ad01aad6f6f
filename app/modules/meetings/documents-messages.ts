import { defineMessages } from "../../i18n/define.ts";

export const meetingDocumentsMessages = defineMessages({
  sv: { "meetingDocuments.download.docx": "Ladda ner som Word (DOCX)" },
  nb: { "meetingDocuments.download.docx": "Last ned som Word (DOCX)" },
  en: { "meetingDocuments.download.docx": "Download as Word (DOCX)" },
});
