import crypto from "node:crypto";
import type { MiddlewareFunction } from "react-router";
import { defaultLocale, isLocale } from "../../i18n/locales.ts";
import { readCookie } from "../../platform/cookies.ts";
import { requestStateContext } from "../../platform/request-context.ts";

export const identityMiddleware: MiddlewareFunction<Response> = async ({ request, context }) => {
  const lang = readCookie(request, "lang");
  context.set(requestStateContext, {
    locale: isLocale(lang) ? lang : defaultLocale,
    actor: null,
    csrfToken: crypto.randomBytes(16).toString("hex"),
  });
};
