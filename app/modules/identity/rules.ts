import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";
import type * as ZxcvbnEn from "@zxcvbn-ts/language-en";
import { lazyModule } from "../../platform/lazy-module.ts";

// Pure rules of identity: no I/O. The services apply them; the unit tests pin them down.

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline attacks". */
export const PASSWORD_MIN_SCORE = 3;

export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const OIDC_FLOW_TTL_MS = 10 * 60 * 1000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export type RateLimit = { limit: number; windowSeconds: number };

export const LOGIN_LIMITS = {
  perEmail: { limit: 10, windowSeconds: 15 * 60 },
  perAddress: { limit: 100, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimit>;

export const RESET_LIMITS = {
  perEmail: { limit: 3, windowSeconds: 60 * 60 },
  perAddress: { limit: 30, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>;

export const API_TOKEN_PREFIX = "svk_";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const zxcvbnCore = lazyModule<typeof ZxcvbnCore>("@zxcvbn-ts/core");
const zxcvbnCommon = lazyModule<typeof ZxcvbnCommon>("@zxcvbn-ts/language-common");
const zxcvbnEn = lazyModule<typeof ZxcvbnEn>("@zxcvbn-ts/language-en");
let strength: ZxcvbnCore.ZxcvbnFactory | undefined;

function strengthChecker(): ZxcvbnCore.ZxcvbnFactory {
  strength ??= new (zxcvbnCore().ZxcvbnFactory)({
    dictionary: { ...zxcvbnCommon().dictionary, ...zxcvbnEn().dictionary },
    graphs: zxcvbnCommon().adjacencyGraphs,
  });
  return strength;
}

/** zxcvbn's score (0–4) of a password, given words of the user (name, email) it must not lean on. */
export function passwordScore(password: string, userInputs: string[] = []): number {
  const words = ["samverka", ...userInputs].flatMap((input) => {
    const lower = input.toLowerCase();
    return [lower, lower.split("@")[0] ?? "", ...lower.split(/[^\p{L}\p{N}]+/u)];
  });
  return strengthChecker().check(password.slice(0, 100), [...new Set(words)].filter(Boolean)).score;
}

/**
 * Why a password is refused, as a message key, or null if it is good enough: at least
 * PASSWORD_MIN_LENGTH characters and not guessable (common passwords, keyboard walks, repeats,
 * dates, the user's own name or email).
 */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "identity.error.passwordTooShort";
  if (length > PASSWORD_MAX_LENGTH) return "identity.error.passwordTooLong";
  if (passwordScore(password, userInputs) < PASSWORD_MIN_SCORE)
    return "identity.error.passwordWeak";
  return null;
}

export type SessionTimes = { lastSeenAt: Date; expiresAt: Date };

/**
 * A session ends when it has been idle longer than the idle timeout, or when its absolute
 * lifetime (fixed at login) is over, whichever comes first.
 */
export function sessionStatus(
  session: SessionTimes,
  now: Date,
  idleMinutes: number,
): "active" | "idle" | "expired" {
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMinutes * 60 * 1000) return "idle";
  return "active";
}

export function sessionExpiresAt(now: Date, absoluteHours: number): Date {
  return new Date(now.getTime() + absoluteHours * 60 * 60 * 1000);
}

export function shouldTouchSession(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

/** An invitation or reset link works once, and only until it expires. */
export function oneTimeTokenStatus(
  token: { expiresAt: Date; usedAt: Date | null },
  now: Date,
): "valid" | "used" | "expired" {
  if (token.usedAt) return "used";
  if (now.getTime() >= token.expiresAt.getTime()) return "expired";
  return "valid";
}

/** What the account page shows of a token: enough to recognize it, too little to use it. */
export function apiTokenPrefixOf(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return match?.[1] ?? null;
}

export function isSafeMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === "GET" || upper === "HEAD" || upper === "OPTIONS";
}

/**
 * Why a state-changing request looks cross-site, or null. A present Origin must be one of ours
 * ("null" is refused); without Origin, a browser's `Sec-Fetch-Site: cross-site` is refused.
 * Requests with neither header (non-browser clients) are left to the CSRF token.
 */
export function crossSiteProblem(input: {
  origin: string | null;
  secFetchSite: string | null;
  allowedOrigins: string[];
}): "origin" | "fetch-site" | null {
  if (input.origin !== null) {
    return input.allowedOrigins.includes(input.origin) ? null : "origin";
  }
  if (input.secFetchSite?.toLowerCase() === "cross-site") return "fetch-site";
  return null;
}
