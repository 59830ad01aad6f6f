export const locales = ["sv", "nb", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "sv";

export const localeNames: Record<Locale, string> = {
  sv: "Svenska",
  nb: "Norsk bokmål",
  en: "English",
};

/** The languages as choices, each named in itself. */
export const localeOptions = locales.map((locale) => ({
  value: locale,
  label: localeNames[locale],
  lang: locale,
}));

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl formatting. */
export const intlTag: Record<Locale, string> = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" };
