import { describe, expect, it } from "vitest";
import {
  eventDays,
  eventLength,
  filterProgram,
  findConflicts,
  groupByDay,
  moveBy,
  moveTo,
  overlaps,
  sessionInterval,
  sessionLocalTimes,
  sessionPeople,
  type PlannedSession,
} from "./rules.ts";

const tz = "Europe/Stockholm";

function session(
  id: string,
  date: string,
  start: string,
  end: string,
  extra: Partial<PlannedSession> = {},
): PlannedSession {
  return {
    id,
    title: `Session ${id}`,
    roomId: null,
    people: [],
    ...sessionInterval(date, start, end, tz),
    ...extra,
  };
}

describe("event days", () => {
  it("lists every day from start to end, both included, across a month", () => {
    expect(eventDays("2030-05-14", "2030-05-15")).toEqual(["2030-05-14", "2030-05-15"]);
    expect(eventDays("2030-02-27", "2030-03-02")).toEqual([
      "2030-02-27",
      "2030-02-28",
      "2030-03-01",
      "2030-03-02",
    ]);
    expect(eventDays("2030-05-14", "2030-05-14")).toEqual(["2030-05-14"]);
    expect(eventDays("2030-05-15", "2030-05-14")).toEqual([]);
  });

  it("counts the days, over a daylight-saving change too", () => {
    expect(eventLength("2030-03-30", "2030-04-01")).toBe(3);
    expect(eventLength("2030-05-14", "2030-05-14")).toBe(1);
    expect(eventLength("2030-05-15", "2030-05-14")).toBe(0);
  });

  it("stops at 31 days", () => {
    expect(eventDays("2030-01-01", "2030-12-31")).toHaveLength(31);
  });
});

describe("session times", () => {
  it("reads wall-clock times in the event's time zone, in summer and in winter", () => {
    const summer = sessionInterval("2030-05-14", "09:00", "10:30", tz);
    expect(summer.startsAt.toISOString()).toBe("2030-05-14T07:00:00.000Z");
    expect(summer.endsAt.toISOString()).toBe("2030-05-14T08:30:00.000Z");
    const winter = sessionInterval("2030-01-14", "09:00", "10:30", "Europe/Oslo");
    expect(winter.startsAt.toISOString()).toBe("2030-01-14T08:00:00.000Z");
    expect(sessionLocalTimes(summer, tz)).toEqual({
      date: "2030-05-14",
      startTime: "09:00",
      endTime: "10:30",
    });
  });

  it("treats sessions as half-open: one ending at 10:00 and one starting at 10:00 do not overlap", () => {
    const a = sessionInterval("2030-05-14", "09:00", "10:00", tz);
    const b = sessionInterval("2030-05-14", "10:00", "11:00", tz);
    const c = sessionInterval("2030-05-14", "09:59", "10:01", tz);
    expect(overlaps(a, b)).toBe(false);
    expect(overlaps(a, c)).toBe(true);
    expect(overlaps(c, b)).toBe(true);
  });
});

describe("clashes", () => {
  const existing = [
    session("keynote", "2030-05-14", "09:00", "10:00", {
      roomId: "hall",
      people: [{ speakerId: "anna", role: "speaker" }],
    }),
    session("panel", "2030-05-14", "10:00", "11:00", {
      roomId: "hall",
      people: [
        { speakerId: "bo", role: "panelist" },
        { speakerId: "cia", role: "moderator" },
      ],
    }),
    session("lunch", "2030-05-14", "12:00", "13:00"),
  ];

  it("finds a room booked at an overlapping time, naming the session", () => {
    const conflicts = findConflicts(
      { ...sessionInterval("2030-05-14", "09:30", "10:30", tz), roomId: "hall", people: [] },
      existing,
    );
    expect(conflicts.map((c) => [c.kind, c.session.id])).toEqual([
      ["room", "keynote"],
      ["room", "panel"],
    ]);
  });

  it("finds a speaker in two places at once, whatever the role on either side", () => {
    const conflicts = findConflicts(
      {
        ...sessionInterval("2030-05-14", "10:30", "11:30", tz),
        roomId: "small",
        people: [
          { speakerId: "cia", role: "speaker" },
          { speakerId: "bo", role: "moderator" },
          { speakerId: "anna", role: "panelist" },
        ],
      },
      existing,
    );
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: "speaker", speakerId: "bo" }),
      expect.objectContaining({ kind: "speaker", speakerId: "cia" }),
    ]);
    expect(conflicts.every((c) => c.session.id === "panel")).toBe(true);
  });

  it("lets back-to-back sessions, other rooms and roomless breaks be", () => {
    expect(
      findConflicts(
        {
          ...sessionInterval("2030-05-14", "11:00", "12:00", tz),
          roomId: "hall",
          people: [{ speakerId: "bo", role: "speaker" }],
        },
        existing,
      ),
    ).toEqual([]);
    expect(
      findConflicts(
        { ...sessionInterval("2030-05-14", "12:15", "12:45", tz), roomId: null, people: [] },
        existing,
      ),
    ).toEqual([]);
  });

  it("does not let a changed session clash with itself", () => {
    expect(
      findConflicts(
        {
          id: "keynote",
          ...sessionInterval("2030-05-14", "09:15", "09:45", tz),
          roomId: "hall",
          people: [{ speakerId: "anna", role: "speaker" }],
        },
        existing,
      ),
    ).toEqual([]);
  });

  it("gives a person one role per session, the first listed", () => {
    expect(
      sessionPeople({ speakerIds: ["a", "b"], panelistIds: ["b", "c"], moderatorIds: ["a", "d"] }),
    ).toEqual([
      { speakerId: "a", role: "speaker" },
      { speakerId: "b", role: "speaker" },
      { speakerId: "c", role: "panelist" },
      { speakerId: "d", role: "moderator" },
    ]);
  });
});

describe("program", () => {
  const sessions = [
    { ...session("b", "2030-05-14", "10:00", "11:00"), trackId: "t1", kind: "seminar" as const },
    { ...session("a", "2030-05-14", "09:00", "10:00"), trackId: null, kind: "keynote" as const },
    { ...session("c", "2030-05-15", "09:00", "09:30"), trackId: "t1", kind: "break" as const },
    // 23:30 UTC is already the next day in Stockholm.
    {
      id: "late",
      title: "Late",
      startsAt: new Date("2030-05-14T22:30:00Z"),
      endsAt: new Date("2030-05-14T23:00:00Z"),
      trackId: null,
      kind: "exhibition" as const,
    },
  ];

  it("filters by day in the event's time zone, by track and by kind", () => {
    expect(filterProgram(sessions, { day: "2030-05-15" }, tz).map((s) => s.id)).toEqual([
      "c",
      "late",
    ]);
    expect(filterProgram(sessions, { trackId: "t1" }, tz).map((s) => s.id)).toEqual(["b", "c"]);
    expect(filterProgram(sessions, { kind: "keynote" }, tz).map((s) => s.id)).toEqual(["a"]);
    expect(
      filterProgram(sessions, { day: "2030-05-14", trackId: "t1", kind: "seminar" }, tz).map(
        (s) => s.id,
      ),
    ).toEqual(["b"]);
    expect(filterProgram(sessions, {}, tz)).toHaveLength(4);
  });

  it("groups per day in the event's time zone, by start time, keeping empty days asked for", () => {
    const days = groupByDay(sessions, tz, ["2030-05-13", "2030-05-14", "2030-05-15"]);
    expect(days.map((day) => [day.date, day.sessions.map((s) => s.id)])).toEqual([
      ["2030-05-13", []],
      ["2030-05-14", ["a", "b"]],
      ["2030-05-15", ["late", "c"]],
    ]);
    expect(groupByDay(sessions, "UTC").map((day) => day.date)).toEqual([
      "2030-05-14",
      "2030-05-15",
    ]);
  });
});

describe("order", () => {
  it("moves an item to a place, clamped, and one step up or down", () => {
    expect(moveTo(["a", "b", "c"], "a", 2)).toEqual(["b", "c", "a"]);
    expect(moveTo(["a", "b", "c"], "c", 0)).toEqual(["c", "a", "b"]);
    expect(moveTo(["a", "b", "c"], "b", 99)).toEqual(["a", "c", "b"]);
    expect(moveTo(["a", "b"], "x", 0)).toEqual(["a", "b"]);
    expect(moveBy(["a", "b", "c"], "b", -1)).toEqual(["b", "a", "c"]);
    expect(moveBy(["a", "b", "c"], "a", -1)).toEqual(["a", "b", "c"]);
    expect(moveBy(["a", "b", "c"], "c", 1)).toEqual(["a", "b", "c"]);
  });
});
