import { describe, expect, it } from "vitest";
import {
  buildRrule,
  describeRrule,
  expandOccurrences,
  friendlyRuleOf,
  isHttpUrl,
  isOccurrence,
  mergeSeriesEntries,
  moveItem,
  moveToPosition,
  positionForDrop,
  renumber,
  rruleError,
  type SeriesPattern,
} from "./rules.ts";

const monthly: SeriesPattern = {
  rrule: "FREQ=MONTHLY;BYDAY=2TU",
  firstDate: "2026-01-13",
  startTime: "09:00",
  endTime: "11:30",
  timeZone: "Europe/Stockholm",
};

describe("rruleError", () => {
  it("accepts daily, weekly, monthly and yearly rules", () => {
    expect(rruleError("FREQ=MONTHLY;BYDAY=2TU")).toBeNull();
    expect(rruleError("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")).toBeNull();
    expect(rruleError("FREQ=DAILY;COUNT=5")).toBeNull();
    expect(rruleError("FREQ=YEARLY;BYMONTH=5;BYDAY=-1FR")).toBeNull();
    expect(rruleError("freq=weekly;until=20271231T000000Z")).toBeNull();
  });

  it("refuses other frequencies and garbage with a message key", () => {
    expect(rruleError("FREQ=HOURLY")).toBe("meetings.error.rruleFrequency");
    expect(rruleError("FREQ=MINUTELY")).toBe("meetings.error.rruleFrequency");
    expect(rruleError("FREQ=DAILY;BYHOUR=9,13")).toBe("meetings.error.rruleFrequency");
    expect(rruleError("")).toBe("meetings.error.rruleInvalid");
    expect(rruleError("every tuesday")).toBe("meetings.error.rruleInvalid");
    expect(rruleError("FREQ=MONTHLY;BYDAY=XX")).toBe("meetings.error.rruleInvalid");
    expect(rruleError("FREQ=DAILY;FOO=1")).toBe("meetings.error.rruleInvalid");
    expect(rruleError("INTERVAL=2")).toBe("meetings.error.rruleInvalid");
    expect(rruleError("FREQ=WEEKLY;FREQ=DAILY")).toBe("meetings.error.rruleInvalid");
  });
});

describe("friendly rules", () => {
  it("builds and reads back weekly and nth-weekday rules", () => {
    expect(buildRrule({ frequency: "weekly", interval: 1, weekday: "WE" })).toBe(
      "FREQ=WEEKLY;BYDAY=WE",
    );
    const second = { frequency: "monthly", interval: 1, weekday: "TU", nth: 2 } as const;
    expect(buildRrule(second)).toBe("FREQ=MONTHLY;BYDAY=2TU");
    expect(friendlyRuleOf("FREQ=MONTHLY;BYDAY=2TU")).toEqual(second);
    expect(friendlyRuleOf("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")).toEqual({
      frequency: "weekly",
      interval: 2,
      weekday: "MO",
    });
    expect(friendlyRuleOf("FREQ=WEEKLY;BYDAY=MO,WE")).toBeNull();
    expect(friendlyRuleOf("FREQ=MONTHLY;BYMONTHDAY=15")).toBeNull();
    expect(describeRrule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3")).toMatchObject({
      frequency: "MONTHLY",
      days: [{ nth: -1, weekday: "FR" }],
      count: 3,
    });
  });
});

describe("expandOccurrences", () => {
  it("gives the 2nd Tuesday of each month at 09:00 local, across the DST change", () => {
    const found = expandOccurrences(
      monthly,
      new Date("2026-01-01T00:00:00Z"),
      new Date("2026-06-01T00:00:00Z"),
    );
    expect(found.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-01-13T08:00:00.000Z",
      "2026-02-10T08:00:00.000Z",
      "2026-03-10T08:00:00.000Z",
      "2026-04-14T07:00:00.000Z", // summer time: still 09:00 in Stockholm
      "2026-05-12T07:00:00.000Z",
    ]);
    expect(found[0]?.endsAt.toISOString()).toBe("2026-01-13T10:30:00.000Z");
    expect(found[3]?.localDate).toBe("2026-04-14");
  });

  it("keeps a weekly meeting at its wall time over the spring and autumn changes", () => {
    const weekly = { ...monthly, rrule: "FREQ=WEEKLY;BYDAY=SU", firstDate: "2026-03-22" };
    const found = expandOccurrences(
      weekly,
      new Date("2026-03-01T00:00:00Z"),
      new Date("2026-04-06T00:00:00Z"),
    );
    expect(found.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-03-22T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z",
      "2026-04-05T07:00:00.000Z",
    ]);
    const autumn = expandOccurrences(
      { ...weekly, firstDate: "2026-10-18" },
      new Date("2026-10-01T00:00:00Z"),
      new Date("2026-11-02T00:00:00Z"),
    );
    expect(autumn.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-10-18T07:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
      "2026-11-01T08:00:00.000Z",
    ]);
  });

  it("starts inside the window, respects the cap, COUNT and UNTIL", () => {
    const daily = { ...monthly, rrule: "FREQ=DAILY", firstDate: "2026-01-01" };
    const found = expandOccurrences(
      daily,
      new Date("2026-02-01T00:00:00Z"),
      new Date("2027-01-01T00:00:00Z"),
      3,
    );
    expect(found.map((o) => o.localDate)).toEqual(["2026-02-01", "2026-02-02", "2026-02-03"]);
    const counted = expandOccurrences(
      { ...daily, rrule: "FREQ=DAILY;COUNT=2" },
      new Date("2026-01-01T00:00:00Z"),
      new Date("2027-01-01T00:00:00Z"),
    );
    expect(counted).toHaveLength(2);
    const until = expandOccurrences(
      { ...daily, rrule: "FREQ=DAILY;UNTIL=20260103T235959Z" },
      new Date("2026-01-01T00:00:00Z"),
      new Date("2027-01-01T00:00:00Z"),
    );
    expect(until.map((o) => o.localDate)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
  });

  it("finds a window years after the first date (skipping earlier dates cheaply)", () => {
    const daily = { ...monthly, rrule: "FREQ=DAILY", firstDate: "2020-01-01" };
    const found = expandOccurrences(
      daily,
      new Date("2026-03-28T00:00:00Z"),
      new Date("2026-03-31T00:00:00Z"),
    );
    expect(found.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-03-28T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ]);
  });

  it("knows which instants are occurrences", () => {
    expect(isOccurrence(monthly, new Date("2026-02-10T08:00:00Z"))).toBe(true);
    expect(isOccurrence(monthly, new Date("2026-02-11T08:00:00Z"))).toBe(false);
    expect(isOccurrence(monthly, new Date("2026-02-10T08:30:00Z"))).toBe(false);
  });

  it("gives nothing for an invalid pattern", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    const to = new Date("2027-01-01T00:00:00Z");
    expect(expandOccurrences({ ...monthly, rrule: "FREQ=HOURLY" }, from, to)).toEqual([]);
    expect(expandOccurrences({ ...monthly, firstDate: "2026-13-01" }, from, to)).toEqual([]);
  });
});

describe("mergeSeriesEntries", () => {
  it("shows a moved occurrence once at its new time and marks cancelled ones", () => {
    const occurrences = expandOccurrences(
      monthly,
      new Date("2026-01-01T00:00:00Z"),
      new Date("2026-06-01T00:00:00Z"),
    );
    const feb = occurrences[1]!;
    const mar = occurrences[2]!;
    const movedStart = new Date("2026-02-17T08:00:00Z");
    const entries = mergeSeriesEntries(
      [
        {
          id: "m-feb",
          title: "Februari",
          occurrenceStart: feb.occurrenceStart,
          startsAt: movedStart,
          endsAt: new Date("2026-02-17T10:00:00Z"),
          status: "planned",
        },
        {
          id: "m-mar",
          title: "Mars",
          occurrenceStart: mar.occurrenceStart,
          startsAt: mar.startsAt,
          endsAt: mar.endsAt,
          status: "cancelled",
        },
        {
          id: "single",
          title: "Extra",
          occurrenceStart: null,
          startsAt: new Date("2026-03-20T08:00:00Z"),
          endsAt: new Date("2026-03-20T09:00:00Z"),
          status: "planned",
        },
      ],
      occurrences,
      new Date("2026-02-01T00:00:00Z"),
      10,
    );
    expect(
      entries.map((e) =>
        e.kind === "meeting"
          ? `${e.meetingId}${e.moved ? " moved" : ""}${e.cancelled ? " cancelled" : ""}`
          : `occurrence ${e.startsAt.toISOString().slice(0, 10)}`,
      ),
    ).toEqual([
      "m-feb moved",
      "m-mar cancelled",
      "single",
      "occurrence 2026-04-14",
      "occurrence 2026-05-12",
    ]);
    expect(mergeSeriesEntries([], occurrences, new Date(0), 2)).toHaveLength(2);
  });
});

describe("agenda order", () => {
  const ids = ["a", "b", "c", "d"];
  it("moves up and down, clamped at the ends", () => {
    expect(moveItem(ids, "c", "up")).toEqual(["a", "c", "b", "d"]);
    expect(moveItem(ids, "c", "down")).toEqual(["a", "b", "d", "c"]);
    expect(moveItem(ids, "a", "up")).toEqual(ids);
    expect(moveItem(ids, "d", "down")).toEqual(ids);
    expect(moveItem(ids, "x", "up")).toEqual(ids);
  });
  it("moves to a position and renumbers", () => {
    expect(moveToPosition(ids, "d", 1)).toEqual(["d", "a", "b", "c"]);
    expect(moveToPosition(ids, "a", 99)).toEqual(["b", "c", "d", "a"]);
    expect(moveToPosition(ids, "b", 0)).toEqual(["b", "a", "c", "d"]);
    expect(renumber(["x", "y"])).toEqual([
      { id: "x", position: 1 },
      { id: "y", position: 2 },
    ]);
  });
  it("turns a drop between rows into the position the move-to-position action takes", () => {
    // Dragging "b" (index 1) of a, b, c, d: before a → 1, before c (its own gap) → 2, after d → 4.
    expect(positionForDrop(1, 0)).toBe(1);
    expect(positionForDrop(1, 1)).toBe(2);
    expect(positionForDrop(1, 2)).toBe(2);
    expect(positionForDrop(1, 4)).toBe(4);
    for (const [from, slot] of [
      [0, 3],
      [3, 0],
      [2, 4],
    ] as const) {
      const order = moveToPosition(ids, ids[from]!, positionForDrop(from, slot));
      const expected = [...ids];
      expected.splice(slot, 0, ids[from]!);
      expected.splice(slot > from ? from : from + 1, 1);
      expect(order).toEqual(expected);
    }
  });
  it("accepts only http(s) document links", () => {
    expect(isHttpUrl("https://example.org/a.docx")).toBe(true);
    expect(isHttpUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpUrl("file:///etc/passwd")).toBe(false);
    expect(isHttpUrl("nonsense")).toBe(false);
  });
});
