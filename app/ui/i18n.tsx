import { useRouteLoaderData } from "react-router";
import { defaultLocale, type Locale } from "../i18n/locales.ts";
import { translator, type Translate } from "../i18n/translate.ts";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? defaultLocale;
}

export function useT(): Translate {
  return translator(useLocale());
}
