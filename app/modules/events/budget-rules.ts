// The arithmetic of an event's budget: pure functions, no I/O, used by the service, the page on
// the server (a form that recomputes on submit) and the same page in the browser (live, as the
// organizer types). Imported by browser code: keep it free of database and Node imports.
//
// Money is in integer minor units (öre, øre) before VAT, never floats. Inputs must be safe
// non-negative integers; every sum and product is computed in BigInt, so no total can lose a
// unit however large the numbers. The only roundings:
// - the break-even fee is rounded UP to the next whole minor unit (the lowest fee that covers
//   the costs), and its "fee to set" UP to the next whole major unit (krona, krone);
// - the break-even attendance is rounded UP to whole people.
// Amounts typed with more than two decimals are refused, not rounded.

export const costCategories = [
  "venue",
  "mc",
  "sound_image",
  "graphics",
  "speakers_travel",
  "catering",
  "other",
] as const;
export type CostCategory = (typeof costCategories)[number];

export const incomeCategories = ["grant", "partner_fee", "other"] as const;
export type IncomeCategory = (typeof incomeCategories)[number];

export const budgetLineKinds = ["cost", "income"] as const;
export type BudgetLineKind = (typeof budgetLineKinds)[number];

/** A cost is either a fixed amount or an amount per attendee; income lines are fixed. */
export const budgetBases = ["fixed", "per_attendee"] as const;
export type BudgetBasis = (typeof budgetBases)[number];

/** The largest amount of one line, in minor units: 100 million kronor. */
export const maxLineAmount = 10_000_000_000;
/** The largest expected number of attendees of one ticket type. */
export const maxExpected = 1_000_000;

export type BudgetLine = {
  kind: BudgetLineKind;
  basis: BudgetBasis;
  /** Minor units: the whole amount (fixed) or the amount per attendee. */
  amount: number;
};

export type TicketExpectation = {
  ticketTypeId: string;
  /** The ordinary price before VAT in minor units that an attendee of this type pays (0 if free). */
  price: number;
  /** Expected attendees of this type (early bird included). */
  expected: number;
  /** The early-bird price before VAT, minor units; null or absent when the type has none. */
  earlyBirdPrice?: number | null;
  /** How many of `expected` are expected to buy at the early-bird price (≤ expected). */
  earlyBird?: number;
};

export type BudgetInput = {
  lines: readonly BudgetLine[];
  tickets: readonly TicketExpectation[];
  /** The ticket type whose fee the break-even view solves for; null for none. */
  ordinaryTicketTypeId: string | null;
};

export type BreakEven =
  | {
      ticketTypeId: string;
      status: "ok";
      /** The lowest fee (minor units, rounded up) at which income covers the costs; ≥ 0. */
      fee: bigint;
      /** The same, rounded up to whole major units (what an organizer would set). */
      feeWholeUnits: bigint;
      /** The ordinary ticket's current price, for comparison. */
      currentPrice: bigint;
      /** Ordinary attendees needed at the current price to break even; null if never. */
      attendanceAtCurrentPrice: number | null;
    }
  | { ticketTypeId: string | null; status: "noOrdinaryTicket" | "noOrdinaryAttendees" };

export type BudgetResult = {
  attendees: number;
  /** Per line, in input order: fixed amount, or amount × attendees. Income lines as given. */
  lineTotals: bigint[];
  /** Per ticket type, in input order: early-bird price × early bird + price × the rest. */
  ticketTotals: bigint[];
  fixedCosts: bigint;
  /** The sum of all per-attendee amounts: what one more attendee costs. */
  costPerAttendee: bigint;
  perAttendeeCosts: bigint;
  costs: bigint;
  ticketIncome: bigint;
  otherIncome: bigint;
  income: bigint;
  /** Income − costs: positive is a surplus, negative a deficit. */
  result: bigint;
  breakEven: BreakEven;
};

function checkCount(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  return BigInt(value);
}

/** a / b rounded up, for a ≥ 0 and b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError("divisor must be positive");
  if (a <= 0n) return 0n;
  return (a + b - 1n) / b;
}

/** Rounds minor units up to whole major units (100 minor units each), still in minor units. */
export function ceilToWholeUnits(minor: bigint): bigint {
  return ceilDiv(minor, 100n) * 100n;
}

/**
 * Costs, income and result for the expected attendees, and the lowest ordinary fee that covers
 * the costs with the other ticket types at their prices. Per-attendee costs count every expected
 * attendee, free tickets included (speakers eat too); attendance is taken as given whatever the
 * fee.
 */
export function computeBudget(input: BudgetInput): BudgetResult {
  const tickets = input.tickets.map((ticket) => {
    const expected = checkCount(ticket.expected, "expected attendees");
    const hasEarlyBird = ticket.earlyBirdPrice !== null && ticket.earlyBirdPrice !== undefined;
    const earlyBird = hasEarlyBird ? checkCount(ticket.earlyBird ?? 0, "early-bird attendees") : 0n;
    if (earlyBird > expected)
      throw new RangeError(`early-bird attendees (${earlyBird}) exceed expected (${expected})`);
    return {
      id: ticket.ticketTypeId,
      price: checkCount(ticket.price, "ticket price"),
      expected,
      earlyBirdPrice: hasEarlyBird ? checkCount(ticket.earlyBirdPrice!, "early-bird price") : 0n,
      earlyBird,
    };
  });
  const attendeesBig = tickets.reduce((sum, ticket) => sum + ticket.expected, 0n);
  let fixedCosts = 0n;
  let costPerAttendee = 0n;
  let otherIncome = 0n;
  const lineTotals = input.lines.map((line) => {
    const amount = checkCount(line.amount, "line amount");
    if (line.kind === "income") {
      otherIncome += amount;
      return amount;
    }
    if (line.basis === "per_attendee") {
      costPerAttendee += amount;
      return amount * attendeesBig;
    }
    fixedCosts += amount;
    return amount;
  });
  const ticketTotals = tickets.map(
    (ticket) =>
      ticket.earlyBirdPrice * ticket.earlyBird +
      ticket.price * (ticket.expected - ticket.earlyBird),
  );
  const ticketIncome = ticketTotals.reduce((sum, total) => sum + total, 0n);
  const perAttendeeCosts = costPerAttendee * attendeesBig;
  const costs = fixedCosts + perAttendeeCosts;
  const income = ticketIncome + otherIncome;
  return {
    attendees: Number(attendeesBig),
    lineTotals,
    ticketTotals,
    fixedCosts,
    costPerAttendee,
    perAttendeeCosts,
    costs,
    ticketIncome,
    otherIncome,
    income,
    result: income - costs,
    breakEven: breakEvenOf(input.ordinaryTicketTypeId, tickets, {
      fixedCosts,
      costPerAttendee,
      costs,
      income,
    }),
  };
}

function breakEvenOf(
  ordinaryId: string | null,
  tickets: { id: string; price: bigint; expected: bigint; earlyBird: bigint }[],
  totals: { fixedCosts: bigint; costPerAttendee: bigint; costs: bigint; income: bigint },
): BreakEven {
  const ordinary = ordinaryId ? tickets.find((ticket) => ticket.id === ordinaryId) : undefined;
  if (!ordinary) return { ticketTypeId: ordinaryId, status: "noOrdinaryTicket" };
  // Those who pay the ordinary fee: the type's expected attendees but its early birds, whose
  // early-bird price stays as set.
  const atFee = ordinary.expected - ordinary.earlyBird;
  if (atFee === 0n) return { ticketTypeId: ordinary.id, status: "noOrdinaryAttendees" };
  // Everything but the ordinary fees must be covered by those fees.
  const incomeWithoutOrdinary = totals.income - ordinary.price * atFee;
  const fee = ceilDiv(totals.costs - incomeWithoutOrdinary, atFee);
  // At the current price: each attendee at the ordinary fee brings price − cost per attendee;
  // the rest (everyone else's fees, early birds included, grants, fixed costs, everyone else's
  // per-attendee costs) is fixed.
  const others =
    incomeWithoutOrdinary -
    totals.fixedCosts -
    totals.costPerAttendee * (sumExpected(tickets) - atFee);
  const margin = ordinary.price - totals.costPerAttendee;
  let attendanceAtCurrentPrice: number | null;
  if (others >= 0n) attendanceAtCurrentPrice = 0;
  else if (margin <= 0n) attendanceAtCurrentPrice = null;
  else attendanceAtCurrentPrice = Number(ceilDiv(-others, margin));
  return {
    ticketTypeId: ordinary.id,
    status: "ok",
    fee,
    feeWholeUnits: ceilToWholeUnits(fee),
    currentPrice: ordinary.price,
    attendanceAtCurrentPrice,
  };
}

function sumExpected(tickets: { expected: bigint }[]): bigint {
  return tickets.reduce((sum, ticket) => sum + ticket.expected, 0n);
}

/**
 * The ticket type the break-even view solves for when the organizer has not chosen one: the
 * first by position that anyone may buy, for the whole event, not by invitation.
 */
export function defaultOrdinaryTicketType<
  T extends {
    id: string;
    eligibility: string;
    invitationOnly: boolean;
    validDate: string | null;
  },
>(ticketTypes: readonly T[]): string | null {
  const ordinary = ticketTypes.find(
    (type) => type.eligibility === "anyone" && !type.invitationOnly && type.validDate === null,
  );
  return ordinary?.id ?? ticketTypes.find((type) => !type.invitationOnly)?.id ?? null;
}

/** What an attendee of a ticket type pays in the budget: nothing by invitation, else the price. */
export function budgetPrice(ticketType: { price: number; invitationOnly: boolean }): number {
  return ticketType.invitationOnly ? 0 : ticketType.price;
}

/** The early-bird price in the budget: none by invitation or without an early bird. */
export function budgetEarlyBirdPrice(ticketType: {
  earlyBirdPrice: number | null;
  invitationOnly: boolean;
}): number | null {
  return ticketType.invitationOnly ? null : ticketType.earlyBirdPrice;
}

// ——— Amounts as people type and read them ———

const spaces = /[\s\u00a0\u202f\u2009']/g;

/**
 * An amount as typed ("12 500", "12500,50", "1 250.5", "3 000 kr") in minor units, or null when
 * it is not an amount: negative, more than two decimals, or above the largest line amount.
 * Parsed as text, digit by digit: no float ever holds the money.
 */
export function parseAmount(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/\s*(kr|sek|nok|:-)\.?$/i, "")
    .replace(spaces, "");
  const match = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const major = match[1]!;
  const fraction = (match[2] ?? "").padEnd(2, "0");
  const minor = BigInt(major) * 100n + BigInt(fraction);
  if (minor > BigInt(maxLineAmount)) return null;
  return Number(minor);
}

/** A count as typed ("120", "1 200"), or null when it is not a whole number in range. */
export function parseCount(text: string, max = maxExpected): number | null {
  const cleaned = text.trim().replace(spaces, "");
  if (!/^\d{1,9}$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value <= max ? value : null;
}

/** Minor units as a plain decimal string ("-1250.05"), exact, for Intl and for inputs. */
export function minorToDecimal(minor: bigint | number): string {
  const value = typeof minor === "bigint" ? minor : BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const major = abs / 100n;
  const fraction = abs % 100n;
  return `${negative ? "-" : ""}${major}.${String(fraction).padStart(2, "0")}`;
}

/** Minor units as an input's value: "12500" or "12500,50" (the locale's decimal sign). */
export function amountInputValue(minor: number, decimalSign: "," | "."): string {
  const [major, fraction] = minorToDecimal(minor).split(".") as [string, string];
  return fraction === "00" ? major : `${major}${decimalSign}${fraction}`;
}
