import type { Locale } from "./locales.ts";

/**
 * A module's messages: Swedish first (it defines the keys), Norwegian bokmål and English must
 * give every key. `{name}` placeholders are filled by t().
 */
export function defineMessages<const Keys extends string>(
  messages: { sv: Record<Keys, string> } & Record<Exclude<Locale, "sv">, Record<Keys, string>>,
) {
  return messages;
}
