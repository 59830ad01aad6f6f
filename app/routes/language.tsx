import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { isLocale } from "../i18n/locales.ts";
import { serializeCookie } from "../platform/cookies.ts";
import { safeLocalPath } from "../platform/redirects.ts";

const oneYear = 60 * 60 * 24 * 365;

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const next = safeLocalPath(form.get("next"));
  if (!isLocale(locale)) return redirect(next);
  return redirect(next, {
    headers: { "Set-Cookie": serializeCookie("lang", locale, { maxAgeSeconds: oneYear }) },
  });
}

export async function loader() {
  return redirect("/");
}
