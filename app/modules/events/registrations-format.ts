// How prices are written for people: amounts in the event's currency in the reader's language,
// always before VAT with the VAT beside it (what public-sector buyers compare).
import { intlTag, type Locale } from "../../i18n/locales.ts";
import type { Translate } from "../../i18n/translate.ts";
import {
  currentPrice,
  isEarlyBird,
  vatOf,
  withVat,
  type PricedTicket,
} from "./registrations-rules.ts";

const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units as money: "2 500 kr", "1 950,50 kr"; whole amounts without decimals. */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  const digits = minor % 100 === 0 ? 0 : 2;
  const key = `${locale}|${currency}|${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlTag[locale], {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(minor / 100);
}

/** "1 950 kr exkl. moms (moms 25 %: 487,50 kr; totalt 2 437,50 kr)", or "Free". */
export function priceText(
  t: Translate,
  locale: Locale,
  price: number,
  vatRate: number,
  currency: string,
): string {
  if (price === 0) return t("tickets.free");
  return t("tickets.priceWithVat", {
    price: formatMoney(locale, price, currency),
    rate: String(vatRate / 100).replace(".", locale === "en" ? "." : ","),
    vat: formatMoney(locale, vatOf(price, vatRate), currency),
    total: formatMoney(locale, withVat(price, vatRate), currency),
  });
}

/** The price today, and the ordinary price after an early bird that applies today. */
export function ticketPriceLines(
  t: Translate,
  locale: Locale,
  ticket: PricedTicket,
  currency: string,
  today: string,
  formatDate: (date: string) => string,
): string[] {
  const lines = [priceText(t, locale, currentPrice(ticket, today), ticket.vatRate, currency)];
  if (isEarlyBird(ticket, today) && ticket.earlyBirdUntil)
    lines.push(
      t("tickets.earlyBirdUntil", {
        date: formatDate(ticket.earlyBirdUntil),
        price: formatMoney(locale, ticket.price, currency),
      }),
    );
  return lines;
}
