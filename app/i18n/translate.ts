import { catalog, type MessageKey } from "./catalog.ts";
import type { Locale } from "./locales.ts";

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey | (string & {}), params?: Params) => string;

/** Unknown keys come back as the key itself, so a missing message is visible, never blank. */
export function translator(locale: Locale): Translate {
  const messages = catalog[locale];
  return (key, params) => {
    const template = messages[key] ?? catalog.sv[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}
