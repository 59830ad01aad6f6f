import { describe, expect, it } from "vitest";
import { addDays, isLocalDate, offsetAt, utcToZoned, zonedToUtc } from "./time.ts";

describe("zonedToUtc", () => {
  it("reads winter and summer times in Stockholm", () => {
    expect(zonedToUtc("2026-01-13", "09:00", "Europe/Stockholm").toISOString()).toBe(
      "2026-01-13T08:00:00.000Z",
    );
    expect(zonedToUtc("2026-06-16", "09:00", "Europe/Stockholm").toISOString()).toBe(
      "2026-06-16T07:00:00.000Z",
    );
    expect(zonedToUtc("2026-06-16", "09:00", "Europe/Oslo").toISOString()).toBe(
      "2026-06-16T07:00:00.000Z",
    );
  });

  it("keeps the wall time on both sides of the spring change (29 March 2026)", () => {
    expect(zonedToUtc("2026-03-28", "09:00", "Europe/Stockholm").toISOString()).toBe(
      "2026-03-28T08:00:00.000Z",
    );
    expect(zonedToUtc("2026-03-29", "09:00", "Europe/Stockholm").toISOString()).toBe(
      "2026-03-29T07:00:00.000Z",
    );
    expect(zonedToUtc("2026-03-29", "01:59", "Europe/Stockholm").toISOString()).toBe(
      "2026-03-29T00:59:00.000Z",
    );
  });

  it("reads a missing wall time (02:30 on the spring change) as 03:30 summer time", () => {
    const instant = zonedToUtc("2026-03-29", "02:30", "Europe/Stockholm");
    expect(instant.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(utcToZoned(instant, "Europe/Stockholm")).toEqual({ date: "2026-03-29", time: "03:30" });
  });

  it("takes the earlier instant of a repeated wall time (02:30 on 25 October 2026)", () => {
    expect(zonedToUtc("2026-10-25", "02:30", "Europe/Stockholm").toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
    expect(zonedToUtc("2026-10-25", "03:00", "Europe/Stockholm").toISOString()).toBe(
      "2026-10-25T02:00:00.000Z",
    );
  });

  it("round-trips through utcToZoned", () => {
    for (const [date, time] of [
      ["2026-01-01", "00:00"],
      ["2026-03-29", "03:00"],
      ["2026-10-25", "01:59"],
      ["2026-12-31", "23:59"],
    ] as const) {
      expect(utcToZoned(zonedToUtc(date, time, "Europe/Oslo"), "Europe/Oslo")).toEqual({
        date,
        time,
      });
    }
  });

  it("refuses malformed input", () => {
    expect(() => zonedToUtc("2026-1-1", "09:00", "Europe/Oslo")).toThrow(RangeError);
    expect(() => zonedToUtc("2026-01-01", "24:00", "Europe/Oslo")).toThrow(RangeError);
  });
});

describe("helpers", () => {
  it("gives offsets and days", () => {
    expect(offsetAt(new Date("2026-01-01T12:00:00Z"), "Europe/Stockholm")).toBe(3_600_000);
    expect(offsetAt(new Date("2026-07-01T12:00:00Z"), "Europe/Stockholm")).toBe(7_200_000);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(isLocalDate("2026-02-30")).toBe(false);
    expect(isLocalDate("2028-02-29")).toBe(true);
  });
});
