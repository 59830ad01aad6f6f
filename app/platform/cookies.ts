import { config } from "./config.ts";

export type CookieOptions = {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  sameSite?: "Lax" | "Strict";
};

/** Cookie names get the __Host- prefix over https, which pins them to this host and path. */
export function cookieName(base: string): string {
  return config().secureCookies ? `__Host-${base}` : base;
}

export function serializeCookie(base: string, value: string, options: CookieOptions = {}): string {
  const parts = [`${cookieName(base)}=${encodeURIComponent(value)}`, "Path=/"];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.httpOnly !== false) parts.push("HttpOnly");
  parts.push(`SameSite=${options.sameSite ?? "Lax"}`);
  if (config().secureCookies) parts.push("Secure");
  return parts.join("; ");
}

export function clearCookie(base: string): string {
  return serializeCookie(base, "", { maxAgeSeconds: 0 });
}

export function readCookie(request: Request, base: string): string | undefined {
  return cookieFromHeader(request.headers.get("cookie"), base);
}

/** A cookie's value from a Cookie header. */
export function cookieFromHeader(
  header: string | null | undefined,
  base: string,
): string | undefined {
  if (!header) return undefined;
  const name = cookieName(base);
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
