// The budget page's form as typed: a draft of strings, read from a submitted form on the server
// and kept in React state in the browser, turned into the service's input and into the live
// result with the same pure functions. Imported by browser code: no server imports.
import {
  amountInputValue,
  computeBudget,
  costCategories,
  incomeCategories,
  parseAmount,
  parseCount,
  type BudgetLine,
  type BudgetResult,
} from "./budget-rules.ts";
import type { TBudgetSaveInput } from "./budget-schemas.ts";

export type DraftLine = {
  /** React's key for the row; not submitted. */
  key: string;
  kind: "cost" | "income";
  category: string;
  basis: string;
  label: string;
  amount: string;
  remove: boolean;
};

export type BudgetDraft = {
  version: string;
  ordinaryTicketTypeId: string;
  /** Expected attendees as typed, by ticket type id. */
  expected: Record<string, string>;
  /** Of those, how many at the early-bird price, as typed, by ticket type id. */
  earlyBird: Record<string, string>;
  lines: DraftLine[];
};

export type DraftTicketType = {
  id: string;
  budgetPrice: number;
  /** null: the type has no early-bird price (or is by invitation). */
  budgetEarlyBirdPrice: number | null;
};

/** Form names: line.<index>.<field>, expected.<ticketTypeId>, earlyBird.<ticketTypeId>. */
export const lineField = (index: number, field: keyof DraftLine) => `line.${index}.${field}`;
export const expectedField = (ticketTypeId: string) => `expected.${ticketTypeId}`;
export const earlyBirdField = (ticketTypeId: string) => `earlyBird.${ticketTypeId}`;

export function isBlankLine(line: DraftLine): boolean {
  return line.label.trim() === "" && line.amount.trim() === "";
}

export function blankLine(kind: "cost" | "income", key: string): DraftLine {
  return {
    key,
    kind,
    category: kind === "cost" ? costCategories[0] : incomeCategories[0],
    basis: "fixed",
    label: "",
    amount: "",
    remove: false,
  };
}

/** Keeps two empty cost rows and one empty income row at the end, for adding lines without JS. */
export function withBlankRows(draft: BudgetDraft): BudgetDraft {
  const lines = [...draft.lines];
  const blanks = (kind: "cost" | "income") =>
    lines.filter((line) => line.kind === kind && isBlankLine(line) && !line.remove).length;
  let n = lines.length;
  while (blanks("cost") < 2) lines.push(blankLine("cost", `new-${n++}`));
  while (blanks("income") < 1) lines.push(blankLine("income", `new-${n++}`));
  return { ...draft, lines };
}

/** The saved budget as a draft (amounts written with the locale's decimal sign). */
export function draftFromBudget(
  budget: {
    version: number;
    ordinaryTicketTypeId: string | null;
    ticketTypes: { id: string; expected: number; earlyBird: number }[];
    lines: {
      id: string;
      kind: "cost" | "income";
      category: string;
      basis: string;
      label: string;
      amount: number;
    }[];
  },
  decimalSign: "," | ".",
): BudgetDraft {
  return withBlankRows({
    version: String(budget.version),
    ordinaryTicketTypeId: budget.ordinaryTicketTypeId ?? "",
    expected: Object.fromEntries(
      budget.ticketTypes.map((type) => [type.id, String(type.expected)]),
    ),
    earlyBird: Object.fromEntries(
      budget.ticketTypes.map((type) => [type.id, String(type.earlyBird)]),
    ),
    lines: budget.lines.map((line) => ({
      key: line.id,
      kind: line.kind,
      category: line.category,
      basis: line.basis,
      label: line.label,
      amount: amountInputValue(line.amount, decimalSign),
      remove: false,
    })),
  });
}

/** A submitted form (name → value) as a draft. */
export function draftFromValues(values: Record<string, string>): BudgetDraft {
  const expected: Record<string, string> = {};
  const earlyBird: Record<string, string> = {};
  const rows = new Map<number, Partial<Record<keyof DraftLine, string>>>();
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith("expected.")) {
      expected[name.slice("expected.".length)] = value;
      continue;
    }
    if (name.startsWith("earlyBird.")) {
      earlyBird[name.slice("earlyBird.".length)] = value;
      continue;
    }
    const match = /^line\.(\d{1,3})\.(kind|category|basis|label|amount|remove)$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? {};
    row[match[2] as keyof DraftLine] = value;
    rows.set(index, row);
  }
  const lines = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, row]) => ({
      key: `row-${index}`,
      kind: row.kind === "income" ? ("income" as const) : ("cost" as const),
      category: row.category ?? "",
      basis: row.basis ?? "fixed",
      label: row.label ?? "",
      amount: row.amount ?? "",
      remove: Boolean(row.remove),
    }));
  return withBlankRows({
    version: values.version ?? "0",
    ordinaryTicketTypeId: values.ordinaryTicketTypeId ?? "",
    expected,
    earlyBird,
    lines,
  });
}

/** Lines that count: not removed, not left empty. */
export function keptLines(draft: BudgetDraft): { index: number; line: DraftLine }[] {
  return draft.lines
    .map((line, index) => ({ index, line }))
    .filter(({ line }) => !line.remove && !isBlankLine(line));
}

/**
 * The service's input from a draft, and the fields that are not numbers (by form name). `lineOf`
 * maps the input's line positions back to the form's rows, for the service's own errors.
 */
export function draftToInput(
  draft: BudgetDraft,
  ticketTypeIds: readonly string[],
): { input: TBudgetSaveInput; fieldErrors: Record<string, string[]>; lineOf: number[] } {
  const fieldErrors: Record<string, string[]> = {};
  const attendance = ticketTypeIds.map((ticketTypeId) => {
    const typed = draft.expected[ticketTypeId]?.trim() ?? "";
    const expected = typed === "" ? 0 : parseCount(typed);
    if (expected === null) fieldErrors[expectedField(ticketTypeId)] = ["budget.error.count"];
    const typedEarly = draft.earlyBird[ticketTypeId]?.trim() ?? "";
    const earlyBird = typedEarly === "" ? 0 : parseCount(typedEarly);
    if (earlyBird === null) fieldErrors[earlyBirdField(ticketTypeId)] = ["budget.error.count"];
    return { ticketTypeId, expected: expected ?? 0, earlyBird: earlyBird ?? 0 };
  });
  const kept = keptLines(draft);
  const lines = kept.map(({ index, line }) => {
    const amount = parseAmount(line.amount);
    if (amount === null)
      fieldErrors[lineField(index, "amount")] = [
        line.amount.trim() === "" ? "error.required" : "budget.error.amount",
      ];
    return {
      kind: line.kind,
      category: line.category,
      basis: (line.kind === "income" ? "fixed" : line.basis) as "fixed" | "per_attendee",
      label: line.label.trim(),
      amount: amount ?? 0,
    };
  });
  const version = Number(draft.version);
  return {
    input: {
      version: Number.isSafeInteger(version) ? version : -1,
      ordinaryTicketTypeId: draft.ordinaryTicketTypeId || null,
      attendance,
      lines,
    },
    fieldErrors,
    lineOf: kept.map(({ index }) => index),
  };
}

/** The service's field names (lines.2.amount) as the form's (line.5.amount). */
export function formFieldNames(lineOf: number[], ticketTypeIds: readonly string[]) {
  const names: Record<string, string> = {};
  lineOf.forEach((formIndex, position) => {
    for (const field of ["kind", "category", "basis", "label", "amount"] as const)
      names[`lines.${position}.${field}`] = lineField(formIndex, field);
  });
  ticketTypeIds.forEach((id, position) => {
    names[`attendance.${position}.expected`] = expectedField(id);
    names[`attendance.${position}.ticketTypeId`] = expectedField(id);
    names[`attendance.${position}.earlyBird`] = earlyBirdField(id);
  });
  return names;
}

/**
 * The result of a draft as typed: what is not a number counts as 0 (and is counted in
 * `unreadable`, so the page can say so); removed and empty lines do not count.
 */
export function computeDraft(
  draft: BudgetDraft,
  ticketTypes: readonly DraftTicketType[],
): { result: BudgetResult; lineTotals: Map<number, bigint>; unreadable: number } {
  let unreadable = 0;
  const kept = keptLines(draft);
  const lines: BudgetLine[] = kept.map(({ line }) => {
    const amount = parseAmount(line.amount);
    if (amount === null) unreadable++;
    return {
      kind: line.kind,
      basis: line.kind === "cost" && line.basis === "per_attendee" ? "per_attendee" : "fixed",
      amount: amount ?? 0,
    };
  });
  const tickets = ticketTypes.map((type) => {
    const typed = draft.expected[type.id]?.trim() ?? "";
    const expected = typed === "" ? 0 : parseCount(typed);
    if (expected === null) unreadable++;
    let earlyBird = 0;
    if (type.budgetEarlyBirdPrice !== null) {
      const typedEarly = draft.earlyBird[type.id]?.trim() ?? "";
      const early = typedEarly === "" ? 0 : parseCount(typedEarly);
      // More early birds than expected attendees cannot be: counted as all of them, and said.
      if (early === null || early > (expected ?? 0)) unreadable++;
      earlyBird = Math.min(early ?? 0, expected ?? 0);
    }
    return {
      ticketTypeId: type.id,
      price: type.budgetPrice,
      expected: expected ?? 0,
      earlyBirdPrice: type.budgetEarlyBirdPrice,
      earlyBird,
    };
  });
  const result = computeBudget({
    lines,
    tickets,
    ordinaryTicketTypeId: draft.ordinaryTicketTypeId || null,
  });
  const lineTotals = new Map<number, bigint>();
  kept.forEach(({ index }, position) => lineTotals.set(index, result.lineTotals[position]!));
  return { result, lineTotals, unreadable };
}
