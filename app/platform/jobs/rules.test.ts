import { describe, expect, it } from "vitest";
import { backoffDelayMs, describeError, nextStateAfterFailure } from "./rules.ts";

describe("backoffDelayMs", () => {
  const exact = { baseMs: 1000, maxMs: 60_000, jitter: "none" } as const;

  it("doubles the delay with each failed attempt", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, exact))).toEqual([
      1000, 2000, 4000, 8000, 16000,
    ]);
  });

  it("never exceeds the cap, even for absurd attempt counts", () => {
    expect(backoffDelayMs(7, exact)).toBe(60_000);
    expect(backoffDelayMs(50, exact)).toBe(60_000);
    expect(backoffDelayMs(100_000, exact)).toBe(60_000);
  });

  it("treats attempt 0 or less like the first", () => {
    expect(backoffDelayMs(0, exact)).toBe(1000);
    expect(backoffDelayMs(-3, exact)).toBe(1000);
  });

  it("honours another growth factor", () => {
    expect(backoffDelayMs(3, { ...exact, factor: 3 })).toBe(9000);
  });

  it("full jitter picks uniformly between zero and the delay", () => {
    const options = { ...exact, jitter: "full" } as const;
    expect(backoffDelayMs(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelayMs(3, { ...options, random: () => 0.5 })).toBe(2000);
    expect(backoffDelayMs(3, { ...options, random: () => 0.999999 })).toBe(4000);
  });

  it("equal jitter keeps at least half the delay", () => {
    const options = { ...exact, jitter: "equal" } as const;
    expect(backoffDelayMs(3, { ...options, random: () => 0 })).toBe(2000);
    expect(backoffDelayMs(3, { ...options, random: () => 0.5 })).toBe(3000);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelayMs(20, options);
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
  });

  it("uses jittered defaults of ten seconds growing to at most an hour", () => {
    const low = backoffDelayMs(1, { random: () => 0 });
    const high = backoffDelayMs(1, { random: () => 0.999999 });
    expect(low).toBe(5000);
    expect(high).toBe(10_000);
    expect(backoffDelayMs(30, { random: () => 0.999999 })).toBeCloseTo(3_600_000, -1);
    expect(backoffDelayMs(30, { random: () => 0 })).toBe(1_800_000);
  });
});

describe("nextStateAfterFailure", () => {
  it("retries until the attempts are used up", () => {
    expect(nextStateAfterFailure(1, 3, false)).toBe("queued");
    expect(nextStateAfterFailure(2, 3, false)).toBe("queued");
    expect(nextStateAfterFailure(3, 3, false)).toBe("failed");
    expect(nextStateAfterFailure(4, 3, false)).toBe("failed");
  });

  it("gives up at once on a permanent failure", () => {
    expect(nextStateAfterFailure(1, 3, true)).toBe("failed");
  });
});

describe("describeError", () => {
  it("keeps name, message and cause", () => {
    const error = new Error("send failed", { cause: new Error("451 try later") });
    expect(describeError(error)).toBe("Error: send failed (cause: 451 try later)");
  });

  it("accepts non-errors and bounds the length", () => {
    expect(describeError("plain")).toBe("plain");
    expect(describeError("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
