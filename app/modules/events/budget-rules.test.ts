import { describe, expect, it } from "vitest";
import {
  amountInputValue,
  budgetEarlyBirdPrice,
  budgetPrice,
  ceilDiv,
  ceilToWholeUnits,
  computeBudget,
  defaultOrdinaryTicketType,
  maxLineAmount,
  minorToDecimal,
  parseAmount,
  parseCount,
  type BudgetLine,
} from "./budget-rules.ts";

const fixed = (amount: number): BudgetLine => ({ kind: "cost", basis: "fixed", amount });
const perAttendee = (amount: number): BudgetLine => ({
  kind: "cost",
  basis: "per_attendee",
  amount,
});
const income = (amount: number): BudgetLine => ({ kind: "income", basis: "fixed", amount });

describe("computeBudget", () => {
  it("adds fixed and per-attendee costs, ticket and other income, and the result", () => {
    const result = computeBudget({
      lines: [fixed(60_000_00), perAttendee(450_00), income(50_000_00)],
      tickets: [
        { ticketTypeId: "ordinary", price: 2_500_00, expected: 100 },
        { ticketTypeId: "student", price: 100_00, expected: 20 },
        { ticketTypeId: "speaker", price: 0, expected: 10 },
      ],
      ordinaryTicketTypeId: "ordinary",
    });
    expect(result.attendees).toBe(130);
    expect(result.lineTotals).toEqual([60_000_00n, 58_500_00n, 50_000_00n]);
    expect(result.ticketTotals).toEqual([250_000_00n, 2_000_00n, 0n]);
    expect(result.fixedCosts).toBe(60_000_00n);
    expect(result.costPerAttendee).toBe(450_00n);
    expect(result.perAttendeeCosts).toBe(58_500_00n);
    expect(result.costs).toBe(118_500_00n);
    expect(result.ticketIncome).toBe(252_000_00n);
    expect(result.otherIncome).toBe(50_000_00n);
    expect(result.income).toBe(302_000_00n);
    expect(result.result).toBe(183_500_00n);
  });

  it("counts the early birds at the early-bird price and the rest at the ordinary price", () => {
    const result = computeBudget({
      lines: [fixed(60_000_00), perAttendee(450_00)],
      tickets: [
        {
          ticketTypeId: "ordinary",
          price: 2_500_00,
          earlyBirdPrice: 1_950_00,
          expected: 100,
          earlyBird: 40,
        },
        // An early-bird count without an early-bird price is no early bird.
        {
          ticketTypeId: "student",
          price: 100_00,
          earlyBirdPrice: null,
          expected: 20,
          earlyBird: 5,
        },
      ],
      ordinaryTicketTypeId: "ordinary",
    });
    // 40 × 1 950 + 60 × 2 500 = 228 000; students 2 000.
    expect(result.ticketTotals).toEqual([228_000_00n, 2_000_00n]);
    expect(result.ticketIncome).toBe(230_000_00n);
    expect(result.attendees).toBe(120);
    // Costs 60 000 + 120 × 450 = 114 000. The early birds bring 78 000 and students 2 000, so
    // the 60 at the ordinary fee must cover 34 000: 566,67 each (rounded up), 567 kr to set.
    expect(result.breakEven).toMatchObject({
      status: "ok",
      fee: 566_67n,
      feeWholeUnits: 567_00n,
      currentPrice: 2_500_00n,
    });
    // At the current fee, each ordinary attendee brings 2 500 − 450 = 2 050: the fixed rest is
    // 78 000 + 2 000 − 60 000 − 60 × 450 = −7 000, so 4 of them are needed.
    expect(result.breakEven).toMatchObject({ attendanceAtCurrentPrice: 4 });
  });

  it("has no ordinary fee to solve for when every attendee of the type is an early bird", () => {
    const result = computeBudget({
      lines: [fixed(1_000_00)],
      tickets: [
        { ticketTypeId: "o", price: 500_00, earlyBirdPrice: 400_00, expected: 10, earlyBird: 10 },
      ],
      ordinaryTicketTypeId: "o",
    });
    expect(result.ticketIncome).toBe(4_000_00n);
    expect(result.breakEven).toEqual({ ticketTypeId: "o", status: "noOrdinaryAttendees" });
  });

  it("refuses more early birds than expected attendees", () => {
    expect(() =>
      computeBudget({
        lines: [],
        tickets: [
          { ticketTypeId: "o", price: 500_00, earlyBirdPrice: 400_00, expected: 3, earlyBird: 4 },
        ],
        ordinaryTicketTypeId: "o",
      }),
    ).toThrow(RangeError);
  });

  it("has no early-bird price for a ticket by invitation or without one", () => {
    expect(budgetEarlyBirdPrice({ earlyBirdPrice: 1_950_00, invitationOnly: false })).toBe(
      1_950_00,
    );
    expect(budgetEarlyBirdPrice({ earlyBirdPrice: null, invitationOnly: false })).toBeNull();
    expect(budgetEarlyBirdPrice({ earlyBirdPrice: 0, invitationOnly: true })).toBeNull();
  });

  it("finds the lowest ordinary fee that covers the costs, rounded up to a whole öre and krona", () => {
    // Costs 100 000,00 + 30 × 100,00 = 103 000,00; students bring 10 × 100,00 = 1 000,00;
    // 3 ordinary attendees must cover 102 000,00: 34 000,00 each, exactly.
    const exact = computeBudget({
      lines: [fixed(100_000_00), perAttendee(100_00)],
      tickets: [
        { ticketTypeId: "o", price: 1_000_00, expected: 3 },
        { ticketTypeId: "s", price: 100_00, expected: 10 },
        { ticketTypeId: "f", price: 0, expected: 17 },
      ],
      ordinaryTicketTypeId: "o",
    });
    expect(exact.breakEven).toMatchObject({
      status: "ok",
      fee: 34_000_00n,
      feeWholeUnits: 34_000_00n,
    });

    // 1 000,00 over 3 attendees: 333,333… → 333,34 (öre up) → 334 kr (krona up).
    const third = computeBudget({
      lines: [fixed(1_000_00)],
      tickets: [{ ticketTypeId: "o", price: 0, expected: 3 }],
      ordinaryTicketTypeId: "o",
    });
    expect(third.breakEven).toMatchObject({ fee: 333_34n, feeWholeUnits: 334_00n });
    // The fee covers the costs; one öre less does not.
    const covered = computeBudget({
      lines: [fixed(1_000_00)],
      tickets: [{ ticketTypeId: "o", price: 333_34, expected: 3 }],
      ordinaryTicketTypeId: "o",
    });
    expect(covered.result >= 0n).toBe(true);
    const short = computeBudget({
      lines: [fixed(1_000_00)],
      tickets: [{ ticketTypeId: "o", price: 333_33, expected: 3 }],
      ordinaryTicketTypeId: "o",
    });
    expect(short.result < 0n).toBe(true);
  });

  it("says the fee can be zero when grants and other tickets already cover everything", () => {
    const result = computeBudget({
      lines: [fixed(10_000_00), income(20_000_00)],
      tickets: [{ ticketTypeId: "o", price: 500_00, expected: 10 }],
      ordinaryTicketTypeId: "o",
    });
    expect(result.breakEven).toMatchObject({
      status: "ok",
      fee: 0n,
      feeWholeUnits: 0n,
      attendanceAtCurrentPrice: 0,
    });
  });

  it("counts the ordinary attendees needed at the current price, or none if each one loses", () => {
    // Fixed 10 000, 200 per head, 500 per ticket: each ordinary attendee brings 300;
    // 10 000 / 300 = 33,3… → 34 attendees.
    const result = computeBudget({
      lines: [fixed(10_000_00), perAttendee(200_00)],
      tickets: [{ ticketTypeId: "o", price: 500_00, expected: 10 }],
      ordinaryTicketTypeId: "o",
    });
    expect(result.breakEven).toMatchObject({ attendanceAtCurrentPrice: 34, currentPrice: 500_00n });
    const losing = computeBudget({
      lines: [fixed(10_000_00), perAttendee(600_00)],
      tickets: [{ ticketTypeId: "o", price: 500_00, expected: 10 }],
      ordinaryTicketTypeId: "o",
    });
    expect(losing.breakEven).toMatchObject({ attendanceAtCurrentPrice: null });
  });

  it("has no break-even fee without an ordinary ticket or its attendees", () => {
    const tickets = [{ ticketTypeId: "o", price: 100_00, expected: 0 }];
    expect(
      computeBudget({ lines: [fixed(1)], tickets, ordinaryTicketTypeId: null }).breakEven,
    ).toEqual({ ticketTypeId: null, status: "noOrdinaryTicket" });
    expect(
      computeBudget({ lines: [fixed(1)], tickets, ordinaryTicketTypeId: "gone" }).breakEven,
    ).toEqual({ ticketTypeId: "gone", status: "noOrdinaryTicket" });
    expect(
      computeBudget({ lines: [fixed(1)], tickets, ordinaryTicketTypeId: "o" }).breakEven,
    ).toEqual({ ticketTypeId: "o", status: "noOrdinaryAttendees" });
  });

  it("never loses a unit: sums far beyond float precision stay exact", () => {
    // 0,10 + 0,20 is 0,30 exactly (in floats 0.1 + 0.2 ≠ 0.3).
    expect(
      computeBudget({ lines: [fixed(10), fixed(20)], tickets: [], ordinaryTicketTypeId: null })
        .costs,
    ).toBe(30n);
    // A per-attendee amount times a million attendees, many times over: beyond 2^53.
    const lines = Array.from({ length: 100 }, () => perAttendee(maxLineAmount));
    const result = computeBudget({
      lines,
      tickets: [{ ticketTypeId: "o", price: maxLineAmount, expected: 1_000_000 }],
      ordinaryTicketTypeId: "o",
    });
    expect(result.costs).toBe(100n * 10_000_000_000n * 1_000_000n);
    expect(result.costs > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(result.breakEven).toMatchObject({ fee: 100n * 10_000_000_000n });
  });

  it("refuses amounts that are not whole minor units", () => {
    expect(() =>
      computeBudget({ lines: [fixed(1.5)], tickets: [], ordinaryTicketTypeId: null }),
    ).toThrow(RangeError);
    expect(() =>
      computeBudget({
        lines: [],
        tickets: [{ ticketTypeId: "o", price: 1, expected: -1 }],
        ordinaryTicketTypeId: null,
      }),
    ).toThrow(RangeError);
  });
});

describe("rounding helpers", () => {
  it("divides rounding up, and rounds up to whole units", () => {
    expect(ceilDiv(10n, 3n)).toBe(4n);
    expect(ceilDiv(9n, 3n)).toBe(3n);
    expect(ceilDiv(0n, 3n)).toBe(0n);
    expect(ceilDiv(-5n, 3n)).toBe(0n);
    expect(() => ceilDiv(1n, 0n)).toThrow(RangeError);
    expect(ceilToWholeUnits(333_34n)).toBe(334_00n);
    expect(ceilToWholeUnits(334_00n)).toBe(334_00n);
    expect(ceilToWholeUnits(1n)).toBe(100n);
  });
});

describe("amounts as typed", () => {
  it("reads kronor with spaces, commas or points into öre, exactly", () => {
    expect(parseAmount("12 500")).toBe(1_250_000);
    expect(parseAmount("12500,5")).toBe(1_250_050);
    expect(parseAmount("12\u00a0500.05")).toBe(1_250_005);
    expect(parseAmount("3 000 kr")).toBe(300_000);
    expect(parseAmount("0,1")).toBe(10);
    expect(parseAmount("0")).toBe(0);
    expect(parseAmount("100000000")).toBe(maxLineAmount);
  });

  it("refuses what is not an amount rather than rounding it", () => {
    for (const text of ["", "abc", "-5", "1,234", "1.2.3", "12,", "1e5", "100000000,01"])
      expect(parseAmount(text)).toBeNull();
  });

  it("reads whole counts", () => {
    expect(parseCount("120")).toBe(120);
    expect(parseCount("1 200")).toBe(1200);
    for (const text of ["", "-1", "1,5", "x", "2000000"]) expect(parseCount(text)).toBeNull();
  });

  it("writes minor units back as exact decimals and input values", () => {
    expect(minorToDecimal(1_250_005n)).toBe("12500.05");
    expect(minorToDecimal(-5n)).toBe("-0.05");
    expect(minorToDecimal(0)).toBe("0.00");
    expect(amountInputValue(1_250_000, ",")).toBe("12500");
    expect(amountInputValue(1_250_050, ",")).toBe("12500,50");
    expect(amountInputValue(1_250_050, ".")).toBe("12500.50");
    // What is written back reads back the same.
    for (const minor of [0, 1, 99, 100, 123_456_789])
      expect(parseAmount(amountInputValue(minor, ","))).toBe(minor);
  });
});

describe("ticket types in the budget", () => {
  const types = [
    { id: "student", eligibility: "student", invitationOnly: false, validDate: null },
    { id: "speaker", eligibility: "anyone", invitationOnly: true, validDate: null },
    { id: "day", eligibility: "anyone", invitationOnly: false, validDate: "2026-10-01" },
    { id: "ordinary", eligibility: "anyone", invitationOnly: false, validDate: null },
  ];

  it("takes the first whole-event ticket anyone may buy as the ordinary one", () => {
    expect(defaultOrdinaryTicketType(types)).toBe("ordinary");
    expect(defaultOrdinaryTicketType(types.slice(0, 3))).toBe("student");
    expect(defaultOrdinaryTicketType([types[1]!])).toBeNull();
  });

  it("counts invitation tickets as free", () => {
    expect(budgetPrice({ price: 1200_00, invitationOnly: true })).toBe(0);
    expect(budgetPrice({ price: 1200_00, invitationOnly: false })).toBe(1200_00);
  });
});
