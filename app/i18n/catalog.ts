import { commonMessages } from "./common.ts";
import { apiMessages } from "../platform/api/messages.ts";
import { identityMessages } from "../modules/identity/messages.ts";
import { adminMessages } from "../modules/admin/messages.ts";
import { directoryMessages } from "../modules/directory/messages.ts";
import { networksMessages } from "../modules/networks/messages.ts";
import { meetingsMessages } from "../modules/meetings/messages.ts";
import { minutesMessages } from "../modules/meetings/minutes-messages.ts";
import { meetingDocumentsMessages } from "../modules/meetings/documents-messages.ts";
import { eventsMessages } from "../modules/events/messages.ts";
import { bookingsMessages } from "../modules/events/bookings-messages.ts";
import { budgetMessages } from "../modules/events/budget-messages.ts";
import { registrationsMessages } from "../modules/events/registrations-messages.ts";
import type { Locale } from "./locales.ts";

// Each module keeps its own messages; add its import here.
const sources = [
  commonMessages,
  apiMessages,
  identityMessages,
  adminMessages,
  directoryMessages,
  networksMessages,
  meetingsMessages,
  minutesMessages,
  meetingDocumentsMessages,
  eventsMessages,
  bookingsMessages,
  budgetMessages,
  registrationsMessages,
] as const;

type KeysOf<T> = T extends { sv: Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<(typeof sources)[number]>;

export const catalog: Record<Locale, Record<string, string>> = {
  sv: Object.assign({}, ...sources.map((source) => source.sv)),
  nb: Object.assign({}, ...sources.map((source) => source.nb)),
  en: Object.assign({}, ...sources.map((source) => source.en)),
};
