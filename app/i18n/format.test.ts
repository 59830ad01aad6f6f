import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDateTime, formatNumber, todayIn } from "./format.ts";

describe("formatting", () => {
  it("knows today in a time zone", () => {
    // 23:30 UTC on 31 Dec is already 1 January in Stockholm.
    expect(todayIn("Europe/Stockholm", new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
    expect(todayIn("UTC", new Date("2024-12-31T23:30:00Z"))).toBe("2024-12-31");
  });

  it("writes numbers and dates as each language does, in the organization's time zone", () => {
    expect(formatNumber("sv", 12345)).toBe("12\u00a0345");
    expect(formatNumber("en", 12345)).toBe("12,345");
    expect(formatCalendarDate("sv", "2026-03-05")).toBe("5 mars 2026");
    expect(formatDateTime("nb", "2026-01-01T12:00:00Z", "Europe/Oslo")).toContain("13:00:00");
  });
});
