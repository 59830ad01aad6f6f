// Use cases of an event's tickets: ticket types (price before VAT, early bird, sales window,
// capacity, eligibility, one-day validity, by invitation), the organizer's own questions on the
// registration form, and invitation codes for free tickets (speakers, committee).
//
// Every function takes a database, the acting user (null for the public) and its input; it
// validates the input (registrations-schemas.ts), checks permissions with policy.ts through
// access.ts (organizers and committee members edit; whoever may read the event reads its ticket
// types and questions), writes in one transaction with an audit entry, and throws AppError for
// anything a user can act on. Changes that can free places (a higher capacity) take the capacity
// lock (registrations-capacity.ts) and move the waiting list up in the same transaction.
import crypto from "node:crypto";
import { and, asc, count, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { todayIn } from "../../i18n/format.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditDelete, auditInserted, auditUpdated } from "../../platform/audit/service.ts";
import { AppError, invalid } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { pgErrorOf, withDbErrors } from "../directory/db-helpers.ts";
import { loadEventAccess } from "./access.ts";
import { lockCapacity, occupancyOf } from "./registrations-capacity.ts";
import { linkSecret, promoteWaitingInTx } from "./registrations-waitlist.ts";
import {
  currentPrice,
  isEarlyBird,
  normalizeCode,
  placesLeft,
  salesState,
  type Occupancy,
  type SalesState,
} from "./registrations-rules.ts";
import {
  invitationCodes,
  registrationQuestions,
  registrations,
  type QuestionKind,
  type QuestionPurpose,
  type RegistrationQuestionRow,
} from "./registrations-schema.ts";
import {
  ZInvitationCodeCreateSchema,
  ZQuestionCreateSchema,
  ZQuestionUpdateSchema,
  ZTicketTypeCreateSchema,
  ZTicketTypeUpdateSchema,
  ZVersionSchema,
  type TInvitationCodeCreateInput,
  type TQuestionCreateInput,
  type TQuestionUpdateInput,
  type TTicketTypeCreateInput,
  type TTicketTypeUpdateInput,
  type TVersionInput,
} from "./registrations-schemas.ts";
import { isEventDay } from "./rules.ts";
import type { EventRow } from "./schema.ts";
import { requireEventEditor } from "./service-access.ts";
import { moveInOrder, nextPosition } from "./service-ordering.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import { ticketTypes, type TicketEligibility, type TicketTypeRow } from "./tickets-schema.ts";

// ---------------------------------------------------------------------------------------------
// Views

export type TicketTypeView = {
  id: string;
  eventId: string;
  name: string;
  description: string;
  /** Minor units before VAT. */
  price: number;
  /** Hundredths of a percent: 2500 = 25 %. */
  vatRate: number;
  earlyBirdPrice: number | null;
  earlyBirdUntil: string | null;
  salesStart: Date | null;
  salesEnd: Date | null;
  capacity: number | null;
  eligibility: TicketEligibility;
  validDate: string | null;
  invitationOnly: boolean;
  position: number;
  version: number;
  /** The price before VAT today (the early bird's while it lasts; 0 by invitation). */
  currentPrice: number;
  earlyBirdNow: boolean;
  salesState: SalesState;
  confirmed: number;
  waitlisted: number;
  /** Places left now, by the type's and the event's capacity; null when unlimited. */
  placesLeft: number | null;
};

export type QuestionView = {
  id: string;
  label: string;
  kind: QuestionKind;
  purpose: QuestionPurpose;
  options: string[];
  required: boolean;
  position: number;
  version: number;
};

export type InvitationCodeView = {
  id: string;
  ticketTypeId: string;
  ticketTypeName: string;
  code: string;
  label: string;
  maxUses: number;
  /** Registrations made with it that are not cancelled. */
  used: number;
  createdAt: Date;
};

const entity = {
  ticketType: "ticket_type",
  question: "registration_question",
  invitationCode: "invitation_code",
} as const;

// ---------------------------------------------------------------------------------------------
// Shared helpers

function ticketNotFound(): AppError {
  return new AppError("not_found", "tickets.error.notFound");
}

export function toTicketTypeView(
  row: TicketTypeRow,
  event: Pick<EventRow, "capacity" | "startDate" | "endDate" | "timeZone">,
  occupancy: Occupancy,
  waitlisted: number,
  now: Date,
): TicketTypeView {
  const today = todayIn(event.timeZone, now);
  return {
    id: row.id,
    eventId: row.eventId,
    name: row.name,
    description: row.description,
    price: row.price,
    vatRate: row.vatRate,
    earlyBirdPrice: row.earlyBirdPrice,
    earlyBirdUntil: row.earlyBirdUntil,
    salesStart: row.salesStart,
    salesEnd: row.salesEnd,
    capacity: row.capacity,
    eligibility: row.eligibility,
    validDate: row.validDate,
    invitationOnly: row.invitationOnly,
    position: row.position,
    version: row.version,
    currentPrice: currentPrice(row, today),
    earlyBirdNow: isEarlyBird(row, today),
    salesState: salesState(row, now),
    confirmed: occupancy.byType.get(row.id) ?? 0,
    waitlisted,
    placesLeft: placesLeft(row, event, occupancy),
  };
}

export async function ticketTypeRows(db: DbOrTx, eventId: string): Promise<TicketTypeRow[]> {
  return db
    .select()
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .orderBy(asc(ticketTypes.position), asc(ticketTypes.name), asc(ticketTypes.id));
}

async function waitlistedByType(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ ticketTypeId: registrations.ticketTypeId, n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, "waitlisted")))
    .groupBy(registrations.ticketTypeId);
  return new Map(rows.map((row) => [row.ticketTypeId, Number(row.n)]));
}

/** The event's ticket types as views, counted now (without the lock: for showing only). */
export async function ticketTypeViews(
  db: DbOrTx,
  event: EventRow,
  now: Date,
): Promise<TicketTypeView[]> {
  const [rows, occupancy, waiting] = [
    await ticketTypeRows(db, event.id),
    await occupancyOf(db, event.id),
    await waitlistedByType(db, event.id),
  ];
  return rows.map((row) => toTicketTypeView(row, event, occupancy, waiting.get(row.id) ?? 0, now));
}

export function toQuestionView(row: RegistrationQuestionRow): QuestionView {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind,
    purpose: row.purpose,
    options: row.options,
    required: row.required,
    position: row.position,
    version: row.version,
  };
}

export async function questionRows(db: DbOrTx, eventId: string) {
  return db
    .select()
    .from(registrationQuestions)
    .where(eq(registrationQuestions.eventId, eventId))
    .orderBy(
      asc(registrationQuestions.position),
      asc(registrationQuestions.createdAt),
      asc(registrationQuestions.id),
    );
}

// ---------------------------------------------------------------------------------------------
// Ticket types

/** The event's ticket types with prices, sales state and places left; for whoever reads it. */
export async function listTicketTypes(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  now = new Date(),
): Promise<TicketTypeView[]> {
  const { event } = await loadEventAccess(db, actor, eventId);
  return ticketTypeViews(db, event, now);
}

export async function getTicketType(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  ticketTypeId: string,
  now = new Date(),
): Promise<TicketTypeView> {
  const { event } = await loadEventAccess(db, actor, eventId);
  if (!isUuid(ticketTypeId)) throw ticketNotFound();
  const view = (await ticketTypeViews(db, event, now)).find((type) => type.id === ticketTypeId);
  if (!view) throw ticketNotFound();
  return view;
}

type TicketFacts = {
  name: string;
  price: number;
  earlyBirdPrice: number | null;
  earlyBirdUntil: string | null;
  salesStart: Date | null;
  salesEnd: Date | null;
  capacity: number | null;
  validDate: string | null;
  invitationOnly: boolean;
};

/** The rules a ticket type must keep that need its event (and the other types). */
async function checkTicketFacts(
  tx: DbOrTx,
  event: EventRow,
  facts: TicketFacts,
  selfId: string | null,
) {
  const errors: Record<string, string[]> = {};
  if (facts.validDate && !isEventDay(facts.validDate, event.startDate, event.endDate))
    errors.validDate = ["tickets.error.validDateOutside"];
  if (facts.earlyBirdPrice !== null && !facts.earlyBirdUntil)
    errors.earlyBirdUntil = ["tickets.error.earlyBirdUntilRequired"];
  if (facts.earlyBirdPrice === null && facts.earlyBirdUntil)
    errors.earlyBirdPrice = ["tickets.error.earlyBirdPriceRequired"];
  if (facts.earlyBirdPrice !== null && facts.earlyBirdPrice > facts.price)
    errors.earlyBirdPrice = ["tickets.error.earlyBirdAbovePrice"];
  if (facts.earlyBirdUntil && facts.earlyBirdUntil > event.endDate)
    errors.earlyBirdUntil = ["tickets.error.earlyBirdAfterEvent"];
  if (facts.salesStart && facts.salesEnd && facts.salesEnd <= facts.salesStart)
    errors.salesEnd = ["tickets.error.salesEndBeforeStart"];
  if (facts.invitationOnly && (facts.price !== 0 || facts.earlyBirdPrice !== null))
    errors.price = ["tickets.error.invitationFree"];
  const [taken] = await tx
    .select({ id: ticketTypes.id })
    .from(ticketTypes)
    .where(
      and(
        eq(ticketTypes.eventId, event.id),
        sql`lower(${ticketTypes.name}) = lower(${facts.name})`,
        selfId ? ne(ticketTypes.id, selfId) : undefined,
      ),
    );
  if (taken) errors.name = ["tickets.error.nameTaken"];
  if (Object.keys(errors).length) throw invalid(errors);
}

/** Adds a ticket type at the end of the list. Organizers and committee members. */
export async function createTicketType(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TTicketTypeCreateInput,
  now = new Date(),
): Promise<TicketTypeView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZTicketTypeCreateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      await lockCapacity(tx, event.id, []);
      const facts: TicketFacts = {
        name: data.name,
        price: data.price,
        earlyBirdPrice: data.earlyBirdPrice ?? null,
        earlyBirdUntil: data.earlyBirdUntil ?? null,
        salesStart: data.salesStart ? new Date(data.salesStart) : null,
        salesEnd: data.salesEnd ? new Date(data.salesEnd) : null,
        capacity: data.capacity ?? null,
        validDate: data.validDate ?? null,
        invitationOnly: data.invitationOnly ?? false,
      };
      await checkTicketFacts(tx, event, facts, null);
      const row = await auditInserted(
        tx,
        await tx
          .insert(ticketTypes)
          .values({
            eventId: event.id,
            ...facts,
            description: data.description ?? "",
            vatRate: data.vatRate ?? 2500,
            eligibility: data.eligibility ?? "anyone",
            position: await nextPosition(tx, ticketTypes, event.id),
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.ticketType,
          label: (row) => `${event.name} · ${row.name}`,
        },
      );
      return toTicketTypeView(row, event, await occupancyOf(tx, event.id), 0, now);
    }),
  );
}

/**
 * Changes a ticket type against the version read. A capacity below the places already confirmed
 * is refused; a higher one moves the waiting list up in the same transaction.
 */
export async function updateTicketType(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  ticketTypeId: string,
  input: TTicketTypeUpdateInput,
  now = new Date(),
): Promise<TicketTypeView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(ticketTypeId)) throw ticketNotFound();
  const data = parseOrThrow(ZTicketTypeUpdateSchema, input);
  const secret = await linkSecret(db);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      await lockCapacity(tx, event.id, "all");
      const list = await ticketTypeRows(tx, event.id);
      const before = list.find((row) => row.id === ticketTypeId);
      if (!before) throw ticketNotFound();
      assertVersion(before, data.version);
      const pick = <T>(value: T | undefined, fallback: T): T =>
        value === undefined ? fallback : value;
      const facts: TicketFacts = {
        name: data.name ?? before.name,
        price: data.price ?? before.price,
        earlyBirdPrice: pick(data.earlyBirdPrice, before.earlyBirdPrice),
        earlyBirdUntil: pick(data.earlyBirdUntil, before.earlyBirdUntil),
        salesStart:
          data.salesStart === undefined
            ? before.salesStart
            : data.salesStart
              ? new Date(data.salesStart)
              : null,
        salesEnd:
          data.salesEnd === undefined
            ? before.salesEnd
            : data.salesEnd
              ? new Date(data.salesEnd)
              : null,
        capacity: pick(data.capacity, before.capacity),
        validDate: pick(data.validDate, before.validDate),
        invitationOnly: data.invitationOnly ?? before.invitationOnly,
      };
      await checkTicketFacts(tx, event, facts, before.id);
      const occupancy = await occupancyOf(tx, event.id);
      const confirmed = occupancy.byType.get(before.id) ?? 0;
      if (facts.capacity !== null && facts.capacity < confirmed)
        throw new AppError(
          "validation",
          "form.errorSummary",
          { capacity: ["tickets.error.capacityBelowConfirmed"] },
          { confirmed },
        );
      if (facts.validDate !== before.validDate && confirmed > 0)
        throw invalid({ validDate: ["tickets.error.validDateHasRegistrations"] });
      const after = await auditUpdated(
        tx,
        await tx
          .update(ticketTypes)
          .set({
            ...facts,
            description: data.description ?? before.description,
            vatRate: data.vatRate ?? before.vatRate,
            eligibility: data.eligibility ?? before.eligibility,
            ...nextVersion(before),
          })
          .where(eq(ticketTypes.id, before.id))
          .returning(),
        {
          actor: acting,
          entityType: entity.ticketType,
          before,
          label: (after) => `${event.name} · ${after.name}`,
          missing: ticketNotFound,
        },
      );
      await moveInOrder(
        tx,
        ticketTypes,
        list.map((row) => row.id),
        before.id,
        data.position,
      );
      // A higher capacity may make room for those waiting.
      await promoteWaitingInTx(tx, event.id, acting, secret);
      const [fresh] = await tx.select().from(ticketTypes).where(eq(ticketTypes.id, before.id));
      const waiting = await waitlistedByType(tx, event.id);
      return toTicketTypeView(
        fresh ?? after,
        event,
        await occupancyOf(tx, event.id),
        waiting.get(before.id) ?? 0,
        now,
      );
    }),
  );
}

/** Deletes a ticket type that nobody has registered for. */
export async function deleteTicketType(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  ticketTypeId: string,
  options: TVersionInput = {},
): Promise<void> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(ticketTypeId)) throw ticketNotFound();
  const { version } = parseOrThrow(ZVersionSchema, options);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      await lockCapacity(tx, event.id, [ticketTypeId]);
      const [before] = await tx
        .select()
        .from(ticketTypes)
        .where(and(eq(ticketTypes.id, ticketTypeId), eq(ticketTypes.eventId, event.id)));
      if (!before) throw ticketNotFound();
      assertVersion(before, version);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(registrations)
        .where(eq(registrations.ticketTypeId, ticketTypeId));
      if (Number(n) > 0) throw new AppError("conflict", "tickets.error.hasRegistrations");
      await tx.delete(ticketTypes).where(eq(ticketTypes.id, ticketTypeId));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.ticketType,
        entityId: ticketTypeId,
        entityLabel: `${event.name} · ${before.name}`,
        record: before,
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Questions

function questionNotFound(): AppError {
  return new AppError("not_found", "registrations.error.questionNotFound");
}

async function lockQuestion(tx: DbOrTx, eventId: string, questionId: string) {
  const [row] = await tx
    .select()
    .from(registrationQuestions)
    .where(
      and(eq(registrationQuestions.id, questionId), eq(registrationQuestions.eventId, eventId)),
    )
    .for("update");
  if (!row) throw questionNotFound();
  return row;
}

/** The organizer's questions, in order; for whoever may read the event (the form shows them). */
export async function listQuestions(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<QuestionView[]> {
  const { event } = await loadEventAccess(db, actor, eventId);
  return (await questionRows(db, event.id)).map(toQuestionView);
}

function cleanOptions(kind: QuestionKind, options: readonly string[] | undefined): string[] {
  if (kind !== "choice") return [];
  const unique = [...new Set((options ?? []).map((option) => option.trim()).filter(Boolean))];
  if (unique.length < 2) throw invalid({ options: ["registrations.error.optionsRequired"] });
  return unique;
}

export async function createQuestion(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TQuestionCreateInput,
): Promise<QuestionView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZQuestionCreateSchema, input);
  const options = cleanOptions(data.kind, data.options);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const row = await auditInserted(
        tx,
        await tx
          .insert(registrationQuestions)
          .values({
            eventId: event.id,
            label: data.label,
            kind: data.kind,
            purpose: data.purpose ?? "other",
            options,
            required: data.required ?? false,
            position: await nextPosition(tx, registrationQuestions, event.id),
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.question,
          label: (row) => `${event.name} · ${row.label}`,
        },
      );
      return toQuestionView(row);
    }),
  );
}

export async function updateQuestion(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  questionId: string,
  input: TQuestionUpdateInput,
): Promise<QuestionView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(questionId)) throw questionNotFound();
  const data = parseOrThrow(ZQuestionUpdateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const list = await questionRows(tx, event.id);
      const before = await lockQuestion(tx, event.id, questionId);
      assertVersion(before, data.version);
      const kind = data.kind ?? before.kind;
      const options = cleanOptions(kind, data.options ?? before.options);
      const after = await auditUpdated(
        tx,
        await tx
          .update(registrationQuestions)
          .set({
            label: data.label ?? before.label,
            kind,
            purpose: data.purpose ?? before.purpose,
            options,
            required: data.required ?? before.required,
            ...nextVersion(before),
          })
          .where(eq(registrationQuestions.id, before.id))
          .returning(),
        {
          actor: acting,
          entityType: entity.question,
          before,
          label: (after) => `${event.name} · ${after.label}`,
          missing: questionNotFound,
        },
      );
      await moveInOrder(
        tx,
        registrationQuestions,
        list.map((row) => row.id),
        before.id,
        data.position,
      );
      const [fresh] = await tx
        .select()
        .from(registrationQuestions)
        .where(eq(registrationQuestions.id, before.id));
      return toQuestionView(fresh ?? after);
    }),
  );
}

/** Removes a question with its answers. */
export async function deleteQuestion(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  questionId: string,
  options: TVersionInput = {},
): Promise<void> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(questionId)) throw questionNotFound();
  const { version } = parseOrThrow(ZVersionSchema, options);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const before = await lockQuestion(tx, event.id, questionId);
      assertVersion(before, version);
      await tx.delete(registrationQuestions).where(eq(registrationQuestions.id, before.id));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.question,
        entityId: before.id,
        entityLabel: `${event.name} · ${before.label}`,
        record: before,
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Invitation codes

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random code of ten letters and digits (no 0/O, 1/I), easy to read aloud and type. */
function randomCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (byte) => codeAlphabet[byte % codeAlphabet.length]).join("");
}

async function codeViews(db: DbOrTx, eventId: string): Promise<InvitationCodeView[]> {
  const rows = await db
    .select({
      id: invitationCodes.id,
      ticketTypeId: invitationCodes.ticketTypeId,
      ticketTypeName: ticketTypes.name,
      code: invitationCodes.code,
      label: invitationCodes.label,
      maxUses: invitationCodes.maxUses,
      createdAt: invitationCodes.createdAt,
    })
    .from(invitationCodes)
    .innerJoin(ticketTypes, eq(ticketTypes.id, invitationCodes.ticketTypeId))
    .where(eq(invitationCodes.eventId, eventId))
    .orderBy(asc(invitationCodes.createdAt), asc(invitationCodes.code));
  const used = rows.length
    ? await db
        .select({ codeId: registrations.invitationCodeId, n: count() })
        .from(registrations)
        .where(
          and(
            isNotNull(registrations.invitationCodeId),
            inArray(
              registrations.invitationCodeId,
              rows.map((row) => row.id),
            ),
            ne(registrations.status, "cancelled"),
          ),
        )
        .groupBy(registrations.invitationCodeId)
    : [];
  const usedBy = new Map(used.map((row) => [row.codeId, Number(row.n)]));
  return rows.map((row) => ({ ...row, used: usedBy.get(row.id) ?? 0 }));
}

/** The codes with how often each is used: for those who edit the event (codes are secrets). */
export async function listInvitationCodes(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<InvitationCodeView[]> {
  const { event } = await requireEventEditor(db, actor, eventId);
  return codeViews(db, event.id);
}

/** A code for a ticket type by invitation; a random one when none is given. */
export async function createInvitationCode(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TInvitationCodeCreateInput,
): Promise<InvitationCodeView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZInvitationCodeCreateSchema, input);
  const code = data.code ? normalizeCode(data.code) : randomCode();
  if (code.length < 4) throw invalid({ code: ["registrations.error.codeFormat"] });
  try {
    return await withDbErrors(() =>
      db.transaction(async (tx) => {
        const [type] = await tx
          .select()
          .from(ticketTypes)
          .where(and(eq(ticketTypes.id, data.ticketTypeId), eq(ticketTypes.eventId, event.id)));
        if (!type) throw invalid({ ticketTypeId: ["tickets.error.notFound"] });
        if (!type.invitationOnly)
          throw invalid({ ticketTypeId: ["tickets.error.codeNeedsInvitationType"] });
        const [taken] = await tx
          .select({ id: invitationCodes.id })
          .from(invitationCodes)
          .where(and(eq(invitationCodes.eventId, event.id), eq(invitationCodes.code, code)));
        if (taken) throw invalid({ code: ["tickets.error.codeTaken"] });
        const row = await auditInserted(
          tx,
          await tx
            .insert(invitationCodes)
            .values({
              eventId: event.id,
              ticketTypeId: type.id,
              code,
              label: data.label ?? "",
              maxUses: data.maxUses ?? 1,
            })
            .returning(),
          {
            actor: acting,
            entityType: entity.invitationCode,
            label: (row) => `${event.name} · ${type.name} · ${row.label || row.code}`,
            record: (row) => ({ ...row, code: "…" }),
          },
        );
        return { ...row, ticketTypeName: type.name, used: 0 };
      }),
    );
  } catch (error) {
    // Two organizers choosing the same code at once: the unique index decides.
    if (pgErrorOf(error).code === "23505") throw invalid({ code: ["tickets.error.codeTaken"] });
    throw error;
  }
}

/** Removes a code; registrations made with it stay. */
export async function deleteInvitationCode(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  codeId: string,
): Promise<void> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(codeId)) throw new AppError("not_found", "tickets.error.codeNotFound");
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .delete(invitationCodes)
        .where(and(eq(invitationCodes.id, codeId), eq(invitationCodes.eventId, event.id)))
        .returning();
      if (!before) throw new AppError("not_found", "tickets.error.codeNotFound");
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.invitationCode,
        entityId: before.id,
        entityLabel: `${event.name} · ${before.label || "–"}`,
        record: { ...before, code: "…" },
      });
    }),
  );
}
