import { describe, expect, it } from "vitest";
import {
  busiestDayAttendees,
  countsPerDay,
  countsPerTicketType,
  currentPrice,
  dietaryPerDay,
  emptyOccupancy,
  hasRoom,
  isEarlyBird,
  neutralizeCell,
  normalizeCode,
  occupy,
  parseInvoiceOrgNumber,
  placesLeft,
  promotions,
  salesState,
  vatOf,
  withVat,
  type CapacityTicket,
} from "./registrations-rules.ts";

const earlyBird = {
  price: 250_000,
  vatRate: 2500,
  earlyBirdPrice: 195_000,
  earlyBirdUntil: "2030-03-31",
  invitationOnly: false,
};

describe("prices", () => {
  it("charges the early-bird price up to and including its last day, then the ordinary", () => {
    expect(currentPrice(earlyBird, "2030-03-30")).toBe(195_000);
    expect(currentPrice(earlyBird, "2030-03-31")).toBe(195_000);
    expect(currentPrice(earlyBird, "2030-04-01")).toBe(250_000);
    expect(isEarlyBird(earlyBird, "2030-03-31")).toBe(true);
    expect(isEarlyBird(earlyBird, "2030-04-01")).toBe(false);
    expect(
      currentPrice({ ...earlyBird, earlyBirdPrice: null, earlyBirdUntil: null }, "2030-01-01"),
    ).toBe(250_000);
  });

  it("makes tickets by invitation free", () => {
    expect(currentPrice({ ...earlyBird, invitationOnly: true }, "2030-01-01")).toBe(0);
    expect(isEarlyBird({ ...earlyBird, invitationOnly: true }, "2030-01-01")).toBe(false);
  });

  it("computes VAT in minor units, rounded", () => {
    expect(vatOf(250_000, 2500)).toBe(62_500);
    expect(withVat(250_000, 2500)).toBe(312_500);
    expect(vatOf(10_001, 600)).toBe(600);
    expect(vatOf(5_000, 0)).toBe(0);
  });
});

describe("sales window", () => {
  const window = {
    salesStart: new Date("2030-01-10T08:00:00Z"),
    salesEnd: new Date("2030-05-01T22:00:00Z"),
  };
  it("is not started, open or ended", () => {
    expect(salesState(window, new Date("2030-01-10T07:59:59Z"))).toBe("not_started");
    expect(salesState(window, new Date("2030-01-10T08:00:00Z"))).toBe("open");
    expect(salesState(window, new Date("2030-05-01T22:00:00Z"))).toBe("ended");
    expect(salesState({ salesStart: null, salesEnd: null }, new Date())).toBe("open");
  });
});

describe("capacity", () => {
  const event = { capacity: 3, startDate: "2030-05-14", endDate: "2030-05-15" };
  const full: CapacityTicket = { id: "full", capacity: null, validDate: null };
  const dayOne: CapacityTicket = { id: "day1", capacity: null, validDate: "2030-05-14" };
  const dayTwo: CapacityTicket = { id: "day2", capacity: 1, validDate: "2030-05-15" };

  it("counts a whole-event ticket on every day and a one-day ticket on its day", () => {
    const occupancy = emptyOccupancy();
    occupy(occupancy, full);
    occupy(occupancy, dayOne);
    occupy(occupancy, dayOne);
    // Day one holds 3: full; day two holds 1.
    expect(hasRoom(dayOne, event, occupancy)).toBe(false);
    expect(hasRoom(full, event, occupancy)).toBe(false);
    expect(hasRoom(dayTwo, event, occupancy)).toBe(true);
    expect(placesLeft(dayTwo, event, occupancy)).toBe(1);
    expect(placesLeft(full, event, occupancy)).toBe(0);
  });

  it("finds the busiest day: the lowest overall capacity that holds everyone confirmed", () => {
    const occupancy = emptyOccupancy();
    expect(busiestDayAttendees(occupancy, event)).toBe(0);
    occupy(occupancy, full);
    occupy(occupancy, dayOne);
    occupy(occupancy, dayOne);
    occupy(occupancy, dayTwo);
    expect(busiestDayAttendees(occupancy, event)).toBe(3);
  });

  it("stops at the ticket type's own capacity", () => {
    const occupancy = emptyOccupancy();
    occupy(occupancy, dayTwo);
    expect(hasRoom(dayTwo, event, occupancy)).toBe(false);
    expect(hasRoom(dayOne, event, occupancy)).toBe(true);
  });

  it("has no limit without capacities", () => {
    const occupancy = emptyOccupancy();
    for (let index = 0; index < 1000; index++) occupy(occupancy, full);
    expect(hasRoom(full, { ...event, capacity: null }, occupancy)).toBe(true);
    expect(placesLeft(full, { ...event, capacity: null }, occupancy)).toBeNull();
  });

  it("moves up the waiting list in order, passing over a ticket that still does not fit", () => {
    const occupancy = emptyOccupancy();
    occupy(occupancy, dayTwo); // day two's type is full (capacity 1)
    occupy(occupancy, full);
    const tickets = new Map([full, dayOne, dayTwo].map((ticket) => [ticket.id, ticket]));
    const waiting = [
      { id: "a", ticketTypeId: "day2" },
      { id: "b", ticketTypeId: "full" },
      { id: "c", ticketTypeId: "day1" },
      { id: "d", ticketTypeId: "full" },
    ];
    // Day one: 1 taken, 2 free; day two: 2 taken, 1 free. "a" cannot (type full); "b" takes a
    // place on both days (day two now full); "c" takes day one's last; "d" fits nowhere.
    expect(promotions(waiting, tickets, event, occupancy).map((row) => row.id)).toEqual(["b", "c"]);
  });
});

describe("invoice organization numbers", () => {
  it("accepts Swedish numbers by the Luhn rule and Norwegian ones by mod 11", () => {
    expect(parseInvoiceOrgNumber("232100-0016")).toEqual({
      ok: true,
      country: "SE",
      formatted: "232100-0016",
    });
    expect(parseInvoiceOrgNumber("2321000016")).toMatchObject({ ok: true, country: "SE" });
    expect(parseInvoiceOrgNumber("974 760 673")).toEqual({
      ok: true,
      country: "NO",
      formatted: "974 760 673",
    });
    expect(parseInvoiceOrgNumber("NO 974760673 MVA")).toMatchObject({ ok: true, country: "NO" });
  });

  it("refuses a wrong check digit, a personal number and other shapes with a message", () => {
    expect(parseInvoiceOrgNumber("232100-0017")).toEqual({
      ok: false,
      key: "directory.error.orgNumberCheckDigit",
    });
    expect(parseInvoiceOrgNumber("974760674")).toEqual({
      ok: false,
      key: "directory.error.orgNumberCheckDigit",
    });
    expect(parseInvoiceOrgNumber("811228-9874")).toEqual({
      ok: false,
      key: "directory.error.orgNumberPersonal",
    });
    expect(parseInvoiceOrgNumber("12345")).toEqual({
      ok: false,
      key: "registrations.error.orgNumberFormat",
    });
  });
});

describe("counts and the caterer's summary", () => {
  const rows = [
    { ticketTypeId: "full", status: "confirmed" as const, validDate: null },
    { ticketTypeId: "full", status: "waitlisted" as const, validDate: null },
    { ticketTypeId: "day1", status: "confirmed" as const, validDate: "2030-05-14" },
    { ticketTypeId: "day1", status: "cancelled" as const, validDate: "2030-05-14" },
  ];

  it("counts per ticket type and status, and per day", () => {
    expect(countsPerTicketType(["full", "day1", "none"], rows)).toEqual([
      { ticketTypeId: "full", confirmed: 1, waitlisted: 1, cancelled: 0 },
      { ticketTypeId: "day1", confirmed: 1, waitlisted: 0, cancelled: 1 },
      { ticketTypeId: "none", confirmed: 0, waitlisted: 0, cancelled: 0 },
    ]);
    expect(countsPerDay({ startDate: "2030-05-14", endDate: "2030-05-15" }, rows)).toEqual([
      { date: "2030-05-14", confirmed: 2, waitlisted: 1 },
      { date: "2030-05-15", confirmed: 1, waitlisted: 1 },
    ]);
  });

  it("groups dietary answers without case, most common first, leaving out 'no' answers", () => {
    expect(
      dietaryPerDay(
        [],
        ["Vegetarisk", "vegetarisk ", "Glutenfri", "", "Nej", "-", "VEGETARISK", "Laktosfri"].map(
          (value) => ({ value, days: [] }),
        ),
      ).map(({ answer, count }) => ({ answer, count })),
    ).toEqual([
      { answer: "Vegetarisk", count: 3 },
      { answer: "Glutenfri", count: 1 },
      { answer: "Laktosfri", count: 1 },
    ]);
  });
});

describe("the caterer's summary per day", () => {
  it("counts each need on the days the attendee's ticket covers, with the event's total", () => {
    const days = ["2030-05-14", "2030-05-15"];
    expect(
      dietaryPerDay(days, [
        { value: "Vegetarisk", days },
        { value: "vegetarisk", days: ["2030-05-15"] },
        { value: "Glutenfri", days: ["2030-05-14"] },
        { value: "Nej", days },
      ]),
    ).toEqual([
      {
        answer: "Vegetarisk",
        count: 2,
        perDay: [
          { date: "2030-05-14", count: 1 },
          { date: "2030-05-15", count: 2 },
        ],
      },
      {
        answer: "Glutenfri",
        count: 1,
        perDay: [
          { date: "2030-05-14", count: 1 },
          { date: "2030-05-15", count: 0 },
        ],
      },
    ]);
  });
});

describe("spreadsheet cells", () => {
  it("neutralizes what a spreadsheet would run as a formula", () => {
    for (const value of ["=1+1", "+46 70", "-2", "@SUM(A1)", "\tx", "\rx"])
      expect(neutralizeCell(value)).toBe(`'${value}`);
    expect(neutralizeCell("Anna Andersson")).toBe("Anna Andersson");
    expect(neutralizeCell("a=b")).toBe("a=b");
  });

  it("compares invitation codes without case and spaces", () => {
    expect(normalizeCode(" talare 2030 ")).toBe("TALARE2030");
  });
});
