import { describe, expect, it } from "vitest";
import {
  apiTokenPrefixOf,
  bearerToken,
  crossSiteProblem,
  isSafeMethod,
  normalizeEmail,
  oneTimeTokenStatus,
  passwordProblem,
  sessionExpiresAt,
  sessionStatus,
  shouldTouchSession,
} from "./rules.ts";

describe("password policy", () => {
  it("refuses passwords shorter than 12 characters", () => {
    expect(passwordProblem("Xq7!vB2#pL")).toBe("identity.error.passwordTooShort");
    expect(passwordProblem("")).toBe("identity.error.passwordTooShort");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblem("åäöåäöåäöåä")).toBe("identity.error.passwordTooShort");
  });

  it("refuses common passwords and patterns however long", () => {
    for (const common of ["password1234", "qwertyuiop123", "123456789012", "aaaaaaaaaaaaaaaa"]) {
      expect(passwordProblem(common)).toBe("identity.error.passwordWeak");
    }
  });

  it("refuses a password built from the user's own email or the product's name", () => {
    const user = ["anna.svensson@region.se", "Anna Svensson"];
    expect(passwordProblem("anna.svensson2024")).toBeNull();
    expect(passwordProblem("anna.svensson2024", user)).toBe("identity.error.passwordWeak");
    expect(passwordProblem("samverkasamverka")).toBe("identity.error.passwordWeak");
  });

  it("accepts a long passphrase", () => {
    expect(passwordProblem("korvgubbe simmar under bron")).toBeNull();
    expect(passwordProblem("Tv7#qLm9!zR2wXp")).toBeNull();
  });

  it("refuses absurdly long input", () => {
    expect(passwordProblem("a".repeat(257))).toBe("identity.error.passwordTooLong");
  });
});

describe("session timeouts", () => {
  const login = new Date("2026-03-01T08:00:00Z");
  const expiresAt = sessionExpiresAt(login, 12);

  it("sets the absolute end at login", () => {
    expect(expiresAt.toISOString()).toBe("2026-03-01T20:00:00.000Z");
  });

  it("is active while used within the idle timeout", () => {
    const now = new Date("2026-03-01T08:29:59Z");
    expect(sessionStatus({ lastSeenAt: login, expiresAt }, now, 30)).toBe("active");
  });

  it("ends after the idle timeout", () => {
    const now = new Date("2026-03-01T08:30:00Z");
    expect(sessionStatus({ lastSeenAt: login, expiresAt }, now, 30)).toBe("idle");
  });

  it("ends at the absolute timeout however active", () => {
    const now = new Date("2026-03-01T20:00:00Z");
    const lastSeenAt = new Date("2026-03-01T19:59:00Z");
    expect(sessionStatus({ lastSeenAt, expiresAt }, now, 30)).toBe("expired");
  });

  it("writes last_seen_at at most once a minute", () => {
    expect(shouldTouchSession(login, new Date(login.getTime() + 59_000))).toBe(false);
    expect(shouldTouchSession(login, new Date(login.getTime() + 60_000))).toBe(true);
  });
});

describe("one-time tokens", () => {
  const expiresAt = new Date("2026-03-01T09:00:00Z");
  it("are valid until they expire", () => {
    expect(oneTimeTokenStatus({ expiresAt, usedAt: null }, new Date("2026-03-01T08:59:59Z"))).toBe(
      "valid",
    );
    expect(oneTimeTokenStatus({ expiresAt, usedAt: null }, expiresAt)).toBe("expired");
  });
  it("work once", () => {
    const usedAt = new Date("2026-03-01T08:00:00Z");
    expect(oneTimeTokenStatus({ expiresAt, usedAt }, new Date("2026-03-01T08:01:00Z"))).toBe(
      "used",
    );
  });
});

describe("request rules", () => {
  it("normalizes emails to lower case", () => {
    expect(normalizeEmail("  Anna.Svensson@Region.SE ")).toBe("anna.svensson@region.se");
  });

  it("reads a bearer token", () => {
    expect(bearerToken("Bearer svk_abc")).toBe("svk_abc");
    expect(bearerToken("bearer   svk_abc ")).toBe("svk_abc");
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });

  it("shows only the start of an API token", () => {
    expect(apiTokenPrefixOf("svk_abcdefghijklmnop")).toBe("svk_abcdef");
  });

  it("knows the methods that must not change state", () => {
    expect(["GET", "head", "OPTIONS"].every(isSafeMethod)).toBe(true);
    expect(["POST", "PUT", "PATCH", "DELETE"].some(isSafeMethod)).toBe(false);
  });

  it("refuses cross-site origins and fetch metadata", () => {
    const allowedOrigins = ["https://samverka.example"];
    expect(
      crossSiteProblem({ origin: "https://samverka.example", secFetchSite: null, allowedOrigins }),
    ).toBeNull();
    expect(
      crossSiteProblem({ origin: "https://evil.example", secFetchSite: null, allowedOrigins }),
    ).toBe("origin");
    expect(crossSiteProblem({ origin: "null", secFetchSite: null, allowedOrigins })).toBe("origin");
    expect(crossSiteProblem({ origin: null, secFetchSite: "cross-site", allowedOrigins })).toBe(
      "fetch-site",
    );
    expect(crossSiteProblem({ origin: null, secFetchSite: "same-origin", allowedOrigins })).toBe(
      null,
    );
    expect(crossSiteProblem({ origin: null, secFetchSite: null, allowedOrigins })).toBeNull();
  });
});
