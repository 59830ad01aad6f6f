import { commonMessages } from "./common.ts";
import type { Locale } from "./locales.ts";

// Each module keeps its own messages; add its import here.
const sources = [commonMessages] as const;

type KeysOf<T> = T extends { sv: Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<(typeof sources)[number]>;

export const catalog: Record<Locale, Record<string, string>> = {
  sv: Object.assign({}, ...sources.map((source) => source.sv)),
  nb: Object.assign({}, ...sources.map((source) => source.nb)),
  en: Object.assign({}, ...sources.map((source) => source.en)),
};
