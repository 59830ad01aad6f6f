import { defaultLocale, isLocale, type Locale } from "../../i18n/locales.ts";
import { readCookie } from "../cookies.ts";

/** Language tags a client may send, mapped to the locale that serves them. */
const tagToLocale: Record<string, Locale> = {
  sv: "sv",
  nb: "nb",
  no: "nb",
  nn: "nb",
  en: "en",
};

/**
 * The language of an API response: the `lang` cookie (the choice made in the web UI) wins, then
 * the best match of `Accept-Language` by quality, then Swedish.
 */
export function negotiateLocale(request: Request): Locale {
  const cookie = readCookie(request, "lang");
  if (isLocale(cookie)) return cookie;
  return fromAcceptLanguage(request.headers.get("accept-language")) ?? defaultLocale;
}

export function fromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        tag: tag.trim().toLowerCase(),
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const primary = range.tag.split("-")[0] ?? "";
    const locale = tagToLocale[primary];
    if (locale) return locale;
  }
  return undefined;
}
