import { describe, expect, it } from "vitest";
import {
  firstOverlap,
  guestMayAnswer,
  isEventDay,
  meetingPlace,
  overlaps,
  splitIntoSlots,
  within,
} from "./bookings-rules.ts";

const t = (hhmm: string) => new Date(`2031-05-20T${hhmm}:00Z`);
const span = (from: string, to: string) => ({ startsAt: t(from), endsAt: t(to) });

describe("intervals", () => {
  it("overlap when they share time, not when one ends as the other starts", () => {
    expect(overlaps(span("09:00", "10:00"), span("09:30", "10:30"))).toBe(true);
    expect(overlaps(span("09:00", "10:00"), span("08:00", "12:00"))).toBe(true);
    expect(overlaps(span("09:00", "10:00"), span("10:00", "11:00"))).toBe(false);
    expect(overlaps(span("10:00", "11:00"), span("09:00", "10:00"))).toBe(false);
  });

  it("lie within another, ends included", () => {
    expect(within(span("09:00", "10:00"), span("09:00", "10:00"))).toBe(true);
    expect(within(span("08:59", "10:00"), span("09:00", "10:00"))).toBe(false);
    expect(within(span("09:00", "10:01"), span("09:00", "10:00"))).toBe(false);
  });

  it("finds the first clash", () => {
    const taken = [span("08:00", "09:00"), span("10:00", "11:00"), span("10:30", "12:00")];
    expect(firstOverlap(span("10:45", "11:15"), taken)).toBe(taken[1]);
    expect(firstOverlap(span("09:00", "10:00"), taken)).toBeUndefined();
  });

  it("knows the event's days", () => {
    const event = { startDate: "2031-05-20", endDate: "2031-05-22" };
    expect(
      ["2031-05-19", "2031-05-20", "2031-05-22", "2031-05-23"].map((d) => isEventDay(d, event)),
    ).toEqual([false, true, true, false]);
  });
});

describe("splitIntoSlots", () => {
  const times = (slots: { startsAt: Date; endsAt: Date }[]) =>
    slots.map(
      (slot) =>
        `${slot.startsAt.toISOString().slice(11, 16)}–${slot.endsAt.toISOString().slice(11, 16)}`,
    );

  it("cuts a span into slots of a length, with breaks, leaving out a short remainder", () => {
    expect(times(splitIntoSlots(span("09:00", "10:40"), 30))).toEqual([
      "09:00–09:30",
      "09:30–10:00",
      "10:00–10:30",
    ]);
    expect(times(splitIntoSlots(span("09:00", "11:00"), 25, 5))).toEqual([
      "09:00–09:25",
      "09:30–09:55",
      "10:00–10:25",
      "10:30–10:55",
    ]);
  });

  it("gives one slot without a length, and none for an empty span", () => {
    expect(times(splitIntoSlots(span("09:00", "10:40")))).toEqual(["09:00–10:40"]);
    expect(splitIntoSlots(span("10:00", "10:00"), 30)).toEqual([]);
    expect(splitIntoSlots(span("10:00", "10:20"), 30)).toEqual([]);
  });

  it("stops at 200 slots", () => {
    const day = {
      startsAt: new Date("2031-05-20T00:00:00Z"),
      endsAt: new Date("2031-05-22T00:00:00Z"),
    };
    expect(splitIntoSlots(day, 5)).toHaveLength(200);
  });
});

describe("guestMayAnswer", () => {
  const now = t("08:00");
  const later = t("09:00");
  const earlier = t("07:00");

  it("accepts an open invitation before the slot starts", () => {
    expect(guestMayAnswer("invited", "accept", later, now)).toBe(true);
    expect(guestMayAnswer("invited", "decline", later, now)).toBe(true);
    expect(guestMayAnswer("invited", "accept", earlier, now)).toBe(false);
  });

  it("lets an accepted guest still decline, but a declined or withdrawn invitation is final", () => {
    expect(guestMayAnswer("accepted", "decline", later, now)).toBe(true);
    expect(guestMayAnswer("accepted", "accept", later, now)).toBe(false);
    expect(guestMayAnswer("declined", "accept", later, now)).toBe(false);
    expect(guestMayAnswer("cancelled", "accept", later, now)).toBe(false);
    expect(guestMayAnswer("cancelled", "decline", later, now)).toBe(false);
  });
});

describe("meetingPlace", () => {
  it("joins room, venue and address without blanks", () => {
    expect(meetingPlace("Rum G2", "Svenska Mässan", "Mässans gata 20")).toBe(
      "Rum G2, Svenska Mässan, Mässans gata 20",
    );
    expect(meetingPlace("Rum G2", " ", "")).toBe("Rum G2");
  });
});
