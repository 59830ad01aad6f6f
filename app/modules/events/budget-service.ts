// Use cases of an event's budget: read it with its ticket types and computed break-even, and
// save it whole (lines, expected attendance, ordinary ticket type) against the version read.
// Organizers and committee members only (events policy canEditEvent); a draft event is "not
// found" to others, a published one "forbidden".
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditUpdate } from "../../platform/audit/service.ts";
import { AppError, invalid } from "../../platform/errors.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { withDbErrors } from "../directory/db-helpers.ts";
import {
  budgetEarlyBirdPrice,
  budgetPrice,
  computeBudget,
  defaultOrdinaryTicketType,
  type BudgetBasis,
  type BudgetLineKind,
  type BudgetResult,
  type CostCategory,
  type IncomeCategory,
} from "./budget-rules.ts";
import { eventBudgetAttendance, eventBudgetLines, eventBudgets } from "./budget-schema.ts";
import { ZBudgetSaveSchema, type TBudgetSaveInput } from "./budget-schemas.ts";
import type { EventCurrency, EventRow } from "./schema.ts";
import { requireEventEditor } from "./service-access.ts";
import { nextVersion } from "../../platform/versioning.ts";
import { ticketTypes, type TicketEligibility } from "./tickets-schema.ts";

export type BudgetTicketType = {
  id: string;
  name: string;
  /** The ordinary price before VAT, minor units. */
  price: number;
  /** What an attendee of this type brings in the budget: 0 by invitation, else the price. */
  budgetPrice: number;
  /** The early-bird price in the budget; null by invitation or without an early bird. */
  budgetEarlyBirdPrice: number | null;
  vatRate: number;
  eligibility: TicketEligibility;
  invitationOnly: boolean;
  validDate: string | null;
  expected: number;
  /** Of `expected`, how many at the early-bird price. */
  earlyBird: number;
};

export type BudgetLineView = {
  id: string;
  kind: BudgetLineKind;
  category: CostCategory | IncomeCategory;
  basis: BudgetBasis;
  label: string;
  amount: number;
};

export type Budget = {
  event: {
    id: string;
    name: string;
    currency: EventCurrency;
    status: EventRow["status"];
    timeZone: string;
  };
  ticketTypes: BudgetTicketType[];
  lines: BudgetLineView[];
  /** The organizer's choice, or null when they have not chosen. */
  ordinaryTicketTypeChosen: string | null;
  /** The one the break-even view solves for: the choice, else the default. */
  ordinaryTicketTypeId: string | null;
  /** 0 while the budget was never saved. */
  version: number;
  updatedAt: Date | null;
  result: BudgetResult;
};

const entity = "event_budget";

async function ticketTypesOf(db: DbOrTx, eventId: string) {
  return db
    .select()
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .orderBy(asc(ticketTypes.position), asc(ticketTypes.name), asc(ticketTypes.id));
}

async function snapshot(db: DbOrTx, eventId: string) {
  const [budget] = await db.select().from(eventBudgets).where(eq(eventBudgets.eventId, eventId));
  const lines = await db
    .select()
    .from(eventBudgetLines)
    .where(eq(eventBudgetLines.eventId, eventId))
    .orderBy(asc(eventBudgetLines.position), asc(eventBudgetLines.id));
  const attendance = await db
    .select()
    .from(eventBudgetAttendance)
    .where(eq(eventBudgetAttendance.eventId, eventId));
  return { budget, lines, attendance };
}

function assemble(
  event: EventRow,
  types: Awaited<ReturnType<typeof ticketTypesOf>>,
  state: Awaited<ReturnType<typeof snapshot>>,
): Budget {
  const expected = new Map(state.attendance.map((row) => [row.ticketTypeId, row]));
  const budgetTypes: BudgetTicketType[] = types.map((type) => ({
    id: type.id,
    name: type.name,
    price: type.price,
    budgetPrice: budgetPrice(type),
    budgetEarlyBirdPrice: budgetEarlyBirdPrice(type),
    vatRate: type.vatRate,
    eligibility: type.eligibility,
    invitationOnly: type.invitationOnly,
    validDate: type.validDate,
    expected: expected.get(type.id)?.expected ?? 0,
    // A type that lost its early bird since counts everyone at its price.
    earlyBird:
      budgetEarlyBirdPrice(type) === null
        ? 0
        : Math.min(expected.get(type.id)?.earlyBird ?? 0, expected.get(type.id)?.expected ?? 0),
  }));
  const chosen = state.budget?.ordinaryTicketTypeId ?? null;
  const ordinary = chosen ?? defaultOrdinaryTicketType(types);
  const lines: BudgetLineView[] = state.lines.map((line) => ({
    id: line.id,
    kind: line.kind,
    category: line.category,
    basis: line.basis,
    label: line.label,
    amount: line.amount,
  }));
  return {
    event: {
      id: event.id,
      name: event.name,
      currency: event.currency,
      status: event.status,
      timeZone: event.timeZone,
    },
    ticketTypes: budgetTypes,
    lines,
    ordinaryTicketTypeChosen: chosen,
    ordinaryTicketTypeId: ordinary,
    version: state.budget?.version ?? 0,
    updatedAt: state.budget?.updatedAt ?? null,
    result: computeBudget({
      lines,
      tickets: budgetTypes.map((type) => ({
        ticketTypeId: type.id,
        price: type.budgetPrice,
        expected: type.expected,
        earlyBirdPrice: type.budgetEarlyBirdPrice,
        earlyBird: type.earlyBird,
      })),
      ordinaryTicketTypeId: ordinary,
    }),
  };
}

/** The event's budget with its ticket types and the computed result. */
export async function getBudget(db: DbOrTx, actor: Actor | null, eventId: string): Promise<Budget> {
  const { event } = await requireEventEditor(db, actor, eventId);
  return assemble(event, await ticketTypesOf(db, event.id), await snapshot(db, event.id));
}

/**
 * Saves the whole budget: its lines replace the old ones, the expected attendance and the
 * ordinary ticket type are set. The budget row is locked and its version compared first: a save
 * based on an older version is refused (conflict), never merged silently.
 */
export async function saveBudget(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TBudgetSaveInput,
): Promise<Budget> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZBudgetSaveSchema, input);
  const types = await ticketTypesOf(db, event.id);
  const typeIds = new Set(types.map((type) => type.id));
  const errors: Record<string, string[]> = {};
  if (data.ordinaryTicketTypeId && !typeIds.has(data.ordinaryTicketTypeId))
    errors.ordinaryTicketTypeId = ["budget.error.ticketTypeNotFound"];
  const seen = new Set<string>();
  const byId = new Map(types.map((type) => [type.id, type]));
  data.attendance.forEach((row, index) => {
    if (!typeIds.has(row.ticketTypeId) || seen.has(row.ticketTypeId))
      errors[`attendance.${index}.ticketTypeId`] = ["budget.error.ticketTypeNotFound"];
    seen.add(row.ticketTypeId);
    const type = byId.get(row.ticketTypeId);
    if (row.earlyBird > 0 && type && budgetEarlyBirdPrice(type) === null)
      errors[`attendance.${index}.earlyBird`] = ["budget.error.noEarlyBird"];
    else if (row.earlyBird > row.expected)
      errors[`attendance.${index}.earlyBird`] = ["budget.error.earlyBirdAboveExpected"];
  });
  if (Object.keys(errors).length) throw invalid(errors);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      await tx.insert(eventBudgets).values({ eventId: event.id, version: 0 }).onConflictDoNothing();
      const [locked] = await tx
        .select()
        .from(eventBudgets)
        .where(eq(eventBudgets.eventId, event.id))
        .for("update");
      if (!locked) throw new Error("budget row missing");
      if (locked.version !== data.version)
        throw new AppError(
          "conflict",
          "budget.error.stale",
          { _form: ["budget.error.stale"] },
          { version: locked.version },
        );
      const before = await snapshot(tx, event.id);
      await tx.delete(eventBudgetLines).where(eq(eventBudgetLines.eventId, event.id));
      if (data.lines.length)
        await tx.insert(eventBudgetLines).values(
          data.lines.map((line, position) => ({
            eventId: event.id,
            kind: line.kind,
            category: line.category as CostCategory | IncomeCategory,
            basis: line.kind === "income" ? ("fixed" as const) : line.basis,
            label: line.label,
            amount: line.amount,
            position,
          })),
        );
      await tx.delete(eventBudgetAttendance).where(eq(eventBudgetAttendance.eventId, event.id));
      if (data.attendance.length)
        await tx.insert(eventBudgetAttendance).values(
          data.attendance.map((row) => ({
            eventId: event.id,
            ticketTypeId: row.ticketTypeId,
            expected: row.expected,
            earlyBird: row.earlyBird,
          })),
        );
      await tx
        .update(eventBudgets)
        .set({
          ordinaryTicketTypeId: data.ordinaryTicketTypeId,
          ...nextVersion(locked),
        })
        .where(eq(eventBudgets.eventId, event.id));
      const after = await snapshot(tx, event.id);
      await auditUpdate(tx, {
        actor: acting,
        entityType: entity,
        entityId: event.id,
        entityLabel: event.name,
        before: auditRecord(before),
        after: auditRecord(after),
      });
      return assemble(event, types, after);
    }),
  );
}

/** The budget as the audit trail keeps it: comparable lines, not row ids. */
function auditRecord(state: Awaited<ReturnType<typeof snapshot>>) {
  return {
    version: state.budget?.version ?? 0,
    ordinaryTicketTypeId: state.budget?.ordinaryTicketTypeId ?? null,
    lines: state.lines.map(
      (line) => `${line.kind}/${line.category}/${line.basis}: ${line.label} = ${line.amount}`,
    ),
    attendance: Object.fromEntries(
      [...state.attendance]
        .sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId))
        .map((row) => [
          row.ticketTypeId,
          row.earlyBird ? `${row.expected} (${row.earlyBird} early bird)` : row.expected,
        ]),
    ),
  };
}
