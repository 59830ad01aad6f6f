// Use cases of registrations: the public registration form and registering (confirmed while a
// place is free, else on the waiting list), the registrant's own page reached by the secret link
// in their mail (view, change, cancel, pick sessions into a personal agenda), and the organizers'
// views (lists with filters, counts per ticket type and day, the caterer's summary, cancelling,
// moving the waiting list up, the rows of the exports).
//
// No overselling: a registration takes the capacity lock (registrations-capacity.ts: the event's
// row, then the ticket type's) before it counts the confirmed places, and counts and writes in
// the same transaction. A cancellation frees its place and moves the next in line up in its own
// transaction (registrations-waitlist.ts).
//
// Permissions: anyone may register for a published event that is open (no login); the link's
// secret is the registrant's permission for their own registration; registrations hold personal
// data, so only organizers and committee members (canReadRegistrations) list, read, export and
// cancel them. Nothing personal goes into the audit log, which outlives the erasure.
import crypto from "node:crypto";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  ne,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { todayIn } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditInserted, auditUpdate } from "../../platform/audit/service.ts";
import { AppError, invalid } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { utcToZoned } from "../../platform/time.ts";
import { fieldErrorsOf, parseOrThrow } from "../../platform/validation.ts";
import { withDbErrors } from "../directory/db-helpers.ts";
import { likePattern, pageInfo } from "../directory/rules.ts";
import type { Page } from "../directory/service.ts";
import { sha256 } from "../identity/crypto.ts";
import { consumeRateLimit } from "../identity/rate-limit.ts";
import { loadEventAccess } from "./access.ts";
import * as policy from "./policy.ts";
import { agendaIcs, eventIcs } from "./registrations-calendar.ts";
import { lockCapacity, occupancyOf } from "./registrations-capacity.ts";
import { mailRegistrant, registrationLink } from "./registrations-mail.ts";
import {
  countsPerDay,
  countsPerTicketType,
  currentPrice,
  dietaryPerDay,
  type DietaryNeed,
  hasRoom,
  LINK_RESEND_LIMITS,
  normalizeCode,
  parseInvoiceOrgNumber,
  salesState,
  ticketDays,
  type TicketCount,
} from "./registrations-rules.ts";
import {
  invitationCodes,
  registrationAgenda,
  registrationAnswers,
  registrations,
  type RegistrationRow,
  type RegistrationStatus,
} from "./registrations-schema.ts";
import {
  ZAgendaSchema,
  ZLinkResendSchema,
  ZRegistrationCreateSchema,
  ZRegistrationFilterSchema,
  ZRegistrationUpdateSchema,
  ZVersionSchema,
  type TAgendaInput,
  type TLinkResendInput,
  type TRegistrationCreateInput,
  type TRegistrationFilterInput,
  type TRegistrationUpdateInput,
  type TVersionInput,
} from "./registrations-schemas.ts";
import {
  auditRecordOf,
  linkSecret,
  promoteWaitingInTx,
  tokenFor,
} from "./registrations-waitlist.ts";
import { eventDays } from "./rules.ts";
import { events, type EventRow } from "./schema.ts";
import { requireEventRight } from "./service-access.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import { getProgram, type SessionView } from "./service.ts";
import {
  questionRows,
  ticketTypeViews,
  toQuestionView,
  type QuestionView,
  type TicketTypeView,
} from "./tickets-service.ts";
import { ticketTypes, type TicketTypeRow } from "./tickets-schema.ts";
import type { TimeZone } from "../directory/schema.ts";

// ---------------------------------------------------------------------------------------------
// Views

/** Whether the event takes registrations now, and if not, why. */
export type RegistrationState = "open" | "draft" | "cancelled" | "over";

export type RegistrationEvent = {
  id: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  timeZone: TimeZone;
  language: Locale;
  currency: "SEK" | "NOK";
  venueName: string;
  venueAddress: string;
  status: EventRow["status"];
  capacity: number | null;
  retentionDate: string | null;
};

export type RegistrationForm = {
  event: RegistrationEvent;
  state: RegistrationState;
  /** The ticket types on the form (all of them; closed ones say why). */
  tickets: TicketTypeView[];
  questions: QuestionView[];
  /** Today in the event's time zone (which price applies). */
  today: string;
  canEdit: boolean;
};

export type RegistrationView = {
  id: string;
  eventId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  validDate: string | null;
  status: RegistrationStatus;
  name: string;
  email: string;
  phone: string;
  organizationName: string;
  school: string;
  invoiceOrganizationNumber: string;
  invoiceReference: string;
  invoiceAddress: string;
  locale: Locale;
  price: number;
  vatRate: number;
  byInvitation: boolean;
  consentAt: Date;
  confirmedAt: Date | null;
  waitlistedAt: Date | null;
  cancelledAt: Date | null;
  erasedAt: Date | null;
  createdAt: Date;
  version: number;
  /** Answers by question id. */
  answers: Record<string, string>;
};

export type AgendaSessionView = Pick<
  SessionView,
  "id" | "title" | "kind" | "date" | "startTime" | "endTime" | "roomName" | "trackName"
>;

export type OwnRegistration = {
  registration: RegistrationView;
  event: RegistrationEvent;
  ticket: { id: string; name: string; eligibility: TicketTypeRow["eligibility"] };
  questions: QuestionView[];
  /** 1 for the first in line; null unless waiting. */
  waitingPosition: number | null;
  /** Change details or cancel: while the registration stands and the event is not over. */
  canChange: boolean;
  /** The program of the ticket's days for the personal agenda (confirmed registrations). */
  program: { date: string; sessions: AgendaSessionView[] }[];
  agenda: string[];
};

export type RegistrationOverview = {
  event: RegistrationEvent;
  tickets: (TicketCount & { name: string; validDate: string | null; capacity: number | null })[];
  days: { date: string; confirmed: number; waitlisted: number }[];
  totals: { confirmed: number; waitlisted: number; cancelled: number; erased: number };
  /** Per question: each need with its total and its count on each day of the event. */
  dietary: { question: string; answers: DietaryNeed[] }[];
  questions: QuestionView[];
};

export type RegistrationExportRow = RegistrationView & { ticketTypeName: string };

const entityType = "registration";

// ---------------------------------------------------------------------------------------------
// Helpers

function toEventFacts(event: EventRow): RegistrationEvent {
  return {
    id: event.id,
    name: event.name,
    description: event.description,
    startDate: event.startDate,
    endDate: event.endDate,
    timeZone: event.timeZone as TimeZone,
    language: event.language,
    currency: event.currency,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    status: event.status,
    capacity: event.capacity,
    retentionDate: event.retentionDate,
  };
}

export function registrationState(event: EventRow, now: Date): RegistrationState {
  if (event.status === "draft") return "draft";
  if (event.status === "cancelled") return "cancelled";
  if (todayIn(event.timeZone, now) > event.endDate) return "over";
  return "open";
}

function registrationNotFound(): AppError {
  return new AppError("not_found", "registrations.error.notFound");
}

function linkNotFound(): AppError {
  return new AppError("not_found", "registrations.error.linkNotFound");
}

function staleRegistration(): AppError {
  return new AppError("conflict", "registrations.error.stale");
}

/** Loads the event and refuses unless the actor may read its registrations. */
function requireRegistrationReader(db: DbOrTx, actor: Actor | null, eventId: string) {
  return requireEventRight(db, actor, eventId, policy.canReadRegistrations);
}

async function ticketTypeOf(db: DbOrTx, registration: Pick<RegistrationRow, "ticketTypeId">) {
  const [ticket] = await db
    .select()
    .from(ticketTypes)
    .where(eq(ticketTypes.id, registration.ticketTypeId));
  return ticket;
}

async function insertAnswers(
  tx: DbOrTx,
  registrationId: string,
  answers: ReadonlyMap<string, string>,
) {
  if (answers.size)
    await tx
      .insert(registrationAnswers)
      .values([...answers].map(([questionId, value]) => ({ registrationId, questionId, value })));
}

async function answersOf(
  db: DbOrTx,
  registrationIds: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const result = new Map<string, Record<string, string>>();
  if (registrationIds.length === 0) return result;
  const rows = await db
    .select()
    .from(registrationAnswers)
    .where(inArray(registrationAnswers.registrationId, [...registrationIds]));
  for (const row of rows) {
    const answers = result.get(row.registrationId) ?? {};
    answers[row.questionId] = row.value;
    result.set(row.registrationId, answers);
  }
  return result;
}

function toView(
  row: RegistrationRow,
  ticket: { name: string; validDate: string | null },
  answers: Record<string, string>,
): RegistrationView {
  return {
    id: row.id,
    eventId: row.eventId,
    ticketTypeId: row.ticketTypeId,
    ticketTypeName: ticket.name,
    validDate: ticket.validDate,
    status: row.status,
    name: row.name,
    email: row.email,
    phone: row.phone,
    organizationName: row.organizationName,
    school: row.school,
    invoiceOrganizationNumber: row.invoiceOrganizationNumber,
    invoiceReference: row.invoiceReference,
    invoiceAddress: row.invoiceAddress,
    locale: row.locale,
    price: row.price,
    vatRate: row.vatRate,
    byInvitation: row.invitationCodeId !== null,
    consentAt: row.consentAt,
    confirmedAt: row.confirmedAt,
    waitlistedAt: row.waitlistedAt,
    cancelledAt: row.cancelledAt,
    erasedAt: row.erasedAt,
    createdAt: row.createdAt,
    version: row.version,
    answers,
  };
}

type PersonDetails = {
  name?: string | undefined;
  organizationName?: string | undefined;
  phone?: string | undefined;
  school?: string | undefined;
  invoiceOrganizationNumber?: string | undefined;
  invoiceReference?: string | undefined;
  invoiceAddress?: string | undefined;
  answers?: Record<string, string> | undefined;
};

/**
 * The rules of the form that depend on the ticket and the questions: a student names their
 * school; a paid ticket carries invoice details (an address, and unless a student's, a valid
 * Swedish or Norwegian organization number and a reference); required questions are answered and
 * a choice is one of its options. Returns the normalized details and answers.
 */
function checkDetails(
  details: PersonDetails,
  ticket: { eligibility: TicketTypeRow["eligibility"] },
  price: number,
  questions: readonly QuestionView[],
  errors: Record<string, string[]>,
) {
  const school = details.school ?? "";
  if (ticket.eligibility === "student" && !school)
    errors.school = ["registrations.error.schoolRequired"];
  let orgNumber = details.invoiceOrganizationNumber ?? "";
  if (orgNumber) {
    const parsed = parseInvoiceOrgNumber(orgNumber);
    if (parsed.ok) orgNumber = parsed.formatted;
    else errors.invoiceOrganizationNumber = [parsed.key];
  }
  if (price > 0) {
    if (!details.invoiceAddress)
      errors.invoiceAddress = ["registrations.error.invoiceAddressRequired"];
    if (ticket.eligibility !== "student") {
      if (!orgNumber) errors.invoiceOrganizationNumber = ["registrations.error.orgNumberRequired"];
      if (!details.invoiceReference)
        errors.invoiceReference = ["registrations.error.invoiceReferenceRequired"];
    }
  }
  const answers = new Map<string, string>();
  const given = details.answers ?? {};
  for (const question of questions) {
    const value = (given[question.id] ?? "").trim();
    const field = `answers.${question.id}`;
    if (!value) {
      if (question.required) errors[field] = ["registrations.error.answerRequired"];
      continue;
    }
    if (question.kind === "choice" && !question.options.includes(value)) {
      errors[field] = ["registrations.error.answerChoice"];
      continue;
    }
    answers.set(question.id, value);
  }
  for (const key of Object.keys(given))
    if (!questions.some((question) => question.id === key))
      errors[`answers.${key}`] = ["registrations.error.unknownQuestion"];
  return { school, orgNumber, answers };
}

/** The details of an input not yet validated, as text (for the rules' messages). */
function textDetails(raw: Record<string, unknown>): PersonDetails {
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : undefined);
  const answers: Record<string, string> = {};
  if (raw.answers && typeof raw.answers === "object")
    for (const [key, value] of Object.entries(raw.answers as Record<string, unknown>))
      answers[key] = typeof value === "string" ? value : "";
  return {
    school: text(raw.school),
    invoiceOrganizationNumber: text(raw.invoiceOrganizationNumber),
    invoiceReference: text(raw.invoiceReference),
    invoiceAddress: text(raw.invoiceAddress),
    answers,
  };
}

async function ticketOf(db: DbOrTx, eventId: string, ticketTypeId: string) {
  if (!isUuid(ticketTypeId)) return undefined;
  const [row] = await db
    .select()
    .from(ticketTypes)
    .where(and(eq(ticketTypes.id, ticketTypeId), eq(ticketTypes.eventId, eventId)));
  return row;
}

// ---------------------------------------------------------------------------------------------
// The public form and registering

/** The registration form of an event the actor may read: tickets with prices and places left. */
export async function getRegistrationForm(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  now = new Date(),
): Promise<RegistrationForm> {
  const { event, access } = await loadEventAccess(db, actor, eventId);
  return {
    event: toEventFacts(event),
    state: registrationState(event, now),
    tickets: await ticketTypeViews(db, event, now),
    questions: (await questionRows(db, event.id)).map(toQuestionView),
    today: todayIn(event.timeZone, now),
    canEdit: policy.canEditEvent(access),
  };
}

export type RegisterResult = {
  registration: RegistrationView;
  /** The secret of the registrant's link (shown once after registering, and mailed). */
  token: string;
};

/**
 * Registers a person for a published, open event. Under the capacity lock it counts the
 * confirmed places: a free place confirms the registration, a full ticket type or a full day
 * puts it on the waiting list. Mails the confirmation (with the event's .ics) or the waiting-list
 * receipt in the registrant's language, in the same transaction.
 */
export async function register(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TRegistrationCreateInput,
  now = new Date(),
): Promise<RegisterResult> {
  const { event } = await loadEventAccess(db, actor, eventId);
  const state = registrationState(event, now);
  if (state !== "open") throw new AppError("conflict", `registrations.error.state.${state}`);
  // The schema's messages and the rules' (which need the ticket and the questions) are shown
  // together, so the form is corrected in one round.
  const parsed = ZRegistrationCreateSchema.safeParse(input);
  const errors: Record<string, string[]> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const raw = parsed.success ? parsed.data : input;
  const questions = (await questionRows(db, event.id)).map(toQuestionView);
  const ticket = await ticketOf(db, event.id, String(raw.ticketTypeId ?? ""));
  if (!ticket) {
    errors.ticketTypeId ??= ["registrations.error.ticketRequired"];
    throw invalid(errors);
  }
  const today = todayIn(event.timeZone, now);
  const rules: Record<string, string[]> = {};
  const sales = salesState(ticket, now);
  if (sales !== "open") rules.ticketTypeId = [`tickets.error.sales.${sales}`];
  const code = typeof raw.invitationCode === "string" ? normalizeCode(raw.invitationCode) : "";
  if (ticket.invitationOnly && !code) rules.invitationCode = ["registrations.error.codeRequired"];
  const price = ticket.invitationOnly ? 0 : currentPrice(ticket, today);
  const details = checkDetails(
    textDetails(raw as Record<string, unknown>),
    ticket,
    price,
    questions,
    rules,
  );
  for (const [field, keys] of Object.entries(rules)) errors[field] ??= keys;
  if (!parsed.success || Object.keys(errors).length) throw invalid(errors);
  const data = parsed.data;

  const secret = await linkSecret(db);
  const id = crypto.randomUUID();
  const token = tokenFor(secret, id);
  const email = data.email.trim();
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      // The lock first (event, then ticket type), then everything that is counted.
      await lockCapacity(tx, event.id, [ticket.id]);
      const [locked] = await tx.select().from(ticketTypes).where(eq(ticketTypes.id, ticket.id));
      const [current] = await tx.select().from(events).where(eq(events.id, event.id));
      if (!locked || !current) throw invalid({ ticketTypeId: ["tickets.error.notFound"] });
      if (current.status !== "published")
        throw new AppError(
          "conflict",
          `registrations.error.state.${registrationState(current, now)}`,
        );
      const [duplicate] = await tx
        .select({ id: registrations.id })
        .from(registrations)
        .where(
          and(
            eq(registrations.eventId, event.id),
            sql`lower(${registrations.email}) = lower(${email})`,
            inArray(registrations.status, ["confirmed", "waitlisted"]),
          ),
        )
        .limit(1);
      if (duplicate) throw invalid({ email: ["registrations.error.alreadyRegistered"] });
      let invitationCodeId: string | null = null;
      if (locked.invitationOnly) {
        const [row] = await tx
          .select()
          .from(invitationCodes)
          .where(and(eq(invitationCodes.eventId, event.id), eq(invitationCodes.code, code)));
        if (!row || row.ticketTypeId !== locked.id)
          throw invalid({ invitationCode: ["registrations.error.codeUnknown"] });
        const [{ used } = { used: 0 }] = await tx
          .select({ used: count() })
          .from(registrations)
          .where(
            and(eq(registrations.invitationCodeId, row.id), ne(registrations.status, "cancelled")),
          );
        if (Number(used) >= row.maxUses)
          throw invalid({ invitationCode: ["registrations.error.codeUsedUp"] });
        invitationCodeId = row.id;
      }
      const occupancy = await occupancyOf(tx, event.id);
      const status: RegistrationStatus = hasRoom(locked, current, occupancy)
        ? "confirmed"
        : "waitlisted";
      const row = await auditInserted(
        tx,
        await tx
          .insert(registrations)
          .values({
            id,
            eventId: event.id,
            ticketTypeId: locked.id,
            status,
            name: data.name,
            email,
            phone: data.phone ?? "",
            organizationName: data.organizationName ?? "",
            school: details.school,
            invoiceOrganizationNumber: details.orgNumber,
            invoiceReference: data.invoiceReference ?? "",
            invoiceAddress: data.invoiceAddress ?? "",
            locale: data.locale ?? current.language,
            price: locked.invitationOnly ? 0 : currentPrice(locked, today),
            vatRate: locked.vatRate,
            invitationCodeId,
            consentAt: now,
            manageTokenHash: sha256(token),
            confirmedAt: status === "confirmed" ? now : null,
            waitlistedAt: status === "waitlisted" ? sql`clock_timestamp()` : null,
          } as typeof registrations.$inferInsert)
          .returning(),
        {
          actor,
          entityType,
          label: () => `${current.name} · ${locked.name}`,
          record: auditRecordOf,
        },
      );
      await insertAnswers(tx, row.id, details.answers);
      await mailRegistrant(tx, {
        kind: status === "confirmed" ? "confirmed" : "waitlisted",
        registration: row,
        event: current,
        ticket: locked,
        token,
      });
      return {
        registration: toView(row, locked, Object.fromEntries(details.answers)),
        token,
      };
    }),
  );
}

/**
 * "Send my link again": mails the link of each registration of the event made with the address
 * (in the registration's language), through the durable mail queue. The answer is the same
 * whether or not the address is registered, so nobody learns who is; over the rate limit
 * (per address and event, and per client) nothing is sent, and the answer is still the same.
 * The link is the same one as in the confirmation (derived from the registration with the
 * app's key), so an old mail's link keeps working. An unknown or draft event is "not found".
 */
export async function resendRegistrationLinks(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TLinkResendInput,
  context: { address: string; now?: Date } = { address: "unknown" },
): Promise<void> {
  const { event } = await loadEventAccess(db, actor, eventId);
  if (event.status === "draft") throw new AppError("not_found", "events.error.notFound");
  const { email } = parseOrThrow(ZLinkResendSchema, input);
  const now = context.now ?? new Date();
  const perEmail = await consumeRateLimit(
    db,
    `registration-link:${event.id}:${email.toLowerCase()}`,
    LINK_RESEND_LIMITS.perEmail,
    now,
  );
  const perAddress = await consumeRateLimit(
    db,
    `registration-link:address:${context.address}`,
    LINK_RESEND_LIMITS.perAddress,
    now,
  );
  if (!perEmail.allowed || !perAddress.allowed) return;
  const secret = await linkSecret(db);
  await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, event.id),
          sql`lower(${registrations.email}) = lower(${email})`,
          isNull(registrations.erasedAt),
        ),
      )
      .orderBy(desc(registrations.createdAt), asc(registrations.id));
    for (const row of rows) {
      const ticket = await ticketTypeOf(tx, row);
      await mailRegistrant(tx, {
        kind: "link",
        registration: row,
        event,
        ticket: ticket ?? { name: "", validDate: null },
        token: tokenFor(secret, row.id),
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The registrant's own page (by the secret link)

/** The registration a link's secret opens; "not found" for an unknown, malformed or erased one. */
async function registrationByToken(db: DbOrTx, token: string): Promise<RegistrationRow> {
  if (!token || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) throw linkNotFound();
  const [row] = await db
    .select()
    .from(registrations)
    .where(eq(registrations.manageTokenHash, sha256(token)));
  if (!row || row.erasedAt) throw linkNotFound();
  return row;
}

async function eventRow(db: DbOrTx, eventId: string): Promise<EventRow> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) throw linkNotFound();
  return event;
}

async function waitingPositionOf(db: DbOrTx, row: RegistrationRow): Promise<number | null> {
  if (row.status !== "waitlisted" || !row.waitlistedAt) return null;
  const [{ ahead } = { ahead: 0 }] = await db
    .select({ ahead: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, row.eventId),
        eq(registrations.status, "waitlisted"),
        sql`(${registrations.waitlistedAt}, ${registrations.createdAt}, ${registrations.id}) < (${row.waitlistedAt.toISOString()}::timestamptz, ${row.createdAt.toISOString()}::timestamptz, ${row.id}::uuid)`,
      ),
    );
  return Number(ahead) + 1;
}

function canChange(row: RegistrationRow, event: EventRow, now: Date): boolean {
  return (
    row.status !== "cancelled" &&
    event.status !== "cancelled" &&
    todayIn(event.timeZone, now) <= event.endDate
  );
}

/** The registrant's view of their registration, with the program for their personal agenda. */
export async function getOwnRegistration(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<OwnRegistration> {
  const row = await registrationByToken(db, token);
  const event = await eventRow(db, row.eventId);
  const ticket = await ticketTypeOf(db, row);
  if (!ticket) throw linkNotFound();
  const answers = (await answersOf(db, [row.id])).get(row.id) ?? {};
  const questions = (await questionRows(db, event.id)).map(toQuestionView);
  let program: OwnRegistration["program"] = [];
  let agenda: string[] = [];
  if (row.status === "confirmed" && event.status !== "draft") {
    const days = new Set(ticketDays(ticket, event));
    const full = await getProgram(db, null, event.id);
    program = full.program
      .filter((day) => days.has(day.date))
      .map((day) => ({
        date: day.date,
        sessions: day.sessions.map((session) => ({
          id: session.id,
          title: session.title,
          kind: session.kind,
          date: session.date,
          startTime: session.startTime,
          endTime: session.endTime,
          roomName: session.roomName,
          trackName: session.trackName,
        })),
      }));
    agenda = (
      await db
        .select({ sessionId: registrationAgenda.sessionId })
        .from(registrationAgenda)
        .where(eq(registrationAgenda.registrationId, row.id))
    ).map((pick) => pick.sessionId);
  }
  return {
    registration: toView(row, ticket, answers),
    event: toEventFacts(event),
    ticket: { id: ticket.id, name: ticket.name, eligibility: ticket.eligibility },
    questions,
    waitingPosition: await waitingPositionOf(db, row),
    canChange: canChange(row, event, now),
    program,
    agenda,
  };
}

/** The registrant changes their details and answers, against the version read. */
export async function updateOwnRegistration(
  db: DbOrTx,
  token: string,
  input: TRegistrationUpdateInput,
  now = new Date(),
): Promise<RegistrationView> {
  const found = await registrationByToken(db, token);
  const data = parseOrThrow(ZRegistrationUpdateSchema, input);
  const event = await eventRow(db, found.eventId);
  if (!canChange(found, event, now)) throw new AppError("conflict", "registrations.error.closed");
  const questions = (await questionRows(db, event.id)).map(toQuestionView);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(registrations)
        .where(eq(registrations.id, found.id))
        .for("update");
      if (!before || before.erasedAt) throw linkNotFound();
      assertVersion(before, data.version, staleRegistration);
      if (before.status === "cancelled")
        throw new AppError("conflict", "registrations.error.closed");
      const ticket = await ticketTypeOf(tx, before);
      if (!ticket) throw linkNotFound();
      const oldAnswers = (await answersOf(tx, [before.id])).get(before.id) ?? {};
      const merged = {
        name: data.name ?? before.name,
        organizationName: data.organizationName ?? before.organizationName,
        phone: data.phone ?? before.phone,
        school: data.school ?? before.school,
        invoiceOrganizationNumber:
          data.invoiceOrganizationNumber ?? before.invoiceOrganizationNumber,
        invoiceReference: data.invoiceReference ?? before.invoiceReference,
        invoiceAddress: data.invoiceAddress ?? before.invoiceAddress,
        answers: data.answers ?? oldAnswers,
      };
      const errors: Record<string, string[]> = {};
      const details = checkDetails(merged, ticket, before.price, questions, errors);
      if (Object.keys(errors).length) throw invalid(errors);
      const [after] = await tx
        .update(registrations)
        .set({
          name: merged.name,
          organizationName: merged.organizationName,
          phone: merged.phone,
          school: details.school,
          invoiceOrganizationNumber: details.orgNumber,
          invoiceReference: merged.invoiceReference,
          invoiceAddress: merged.invoiceAddress,
          ...nextVersion(before),
        })
        .where(eq(registrations.id, before.id))
        .returning();
      if (!after) throw linkNotFound();
      if (data.answers) {
        await tx
          .delete(registrationAnswers)
          .where(eq(registrationAnswers.registrationId, before.id));
        await insertAnswers(tx, before.id, details.answers);
      }
      await auditUpdate(tx, {
        actor: null,
        entityType,
        entityId: before.id,
        entityLabel: `${event.name} · ${ticket.name}`,
        before: { ...auditRecordOf(before), version: before.version },
        after: { ...auditRecordOf(after), version: after.version },
      });
      return toView(after, ticket, Object.fromEntries(details.answers));
    }),
  );
}

/**
 * Cancels a registration: a confirmed one frees its place, and the next in line whose ticket
 * fits moves up in the same transaction (and gets a mail). Used by the registrant (by link) and
 * by organizers.
 */
async function cancelInTx(
  tx: DbOrTx,
  registrationId: string,
  version: number | undefined,
  actor: Actor | null,
  secret: string,
  byOrganizer: boolean,
): Promise<RegistrationRow> {
  const [found] = await tx
    .select({ eventId: registrations.eventId })
    .from(registrations)
    .where(eq(registrations.id, registrationId));
  if (!found) throw registrationNotFound();
  // The capacity lock before the row's: the same order as registering, so no deadlock.
  await lockCapacity(tx, found.eventId, "all");
  const [before] = await tx
    .select()
    .from(registrations)
    .where(eq(registrations.id, registrationId))
    .for("update");
  if (!before || before.erasedAt) throw registrationNotFound();
  assertVersion(before, version, staleRegistration);
  if (before.status === "cancelled")
    throw new AppError("conflict", "registrations.error.alreadyCancelled");
  const now = new Date();
  const [after] = await tx
    .update(registrations)
    .set({ status: "cancelled", cancelledAt: now, version: before.version + 1, updatedAt: now })
    .where(eq(registrations.id, before.id))
    .returning();
  if (!after) throw registrationNotFound();
  const event = await eventRow(tx, before.eventId);
  const ticket = await ticketTypeOf(tx, before);
  await auditUpdate(tx, {
    actor,
    entityType,
    entityId: before.id,
    entityLabel: `${event.name} · ${ticket?.name ?? ""}`,
    before: auditRecordOf(before),
    after: auditRecordOf(after),
  });
  await mailRegistrant(tx, {
    kind: byOrganizer ? "cancelledByOrganizer" : "cancelled",
    registration: after,
    event,
    ticket: ticket ?? { name: "", validDate: null },
    token: null,
  });
  if (before.status === "confirmed") await promoteWaitingInTx(tx, event.id, actor, secret);
  return after;
}

/** The registrant cancels by their link; the next in line moves up. */
export async function cancelOwnRegistration(
  db: DbOrTx,
  token: string,
  options: TVersionInput = {},
  now = new Date(),
): Promise<void> {
  const found = await registrationByToken(db, token);
  const { version } = parseOrThrow(ZVersionSchema, options);
  const event = await eventRow(db, found.eventId);
  if (found.status !== "cancelled" && !canChange(found, event, now))
    throw new AppError("conflict", "registrations.error.closed");
  const secret = await linkSecret(db);
  await withDbErrors(() =>
    db.transaction((tx) => cancelInTx(tx, found.id, version, null, secret, false)),
  );
}

/** The sessions of the personal agenda: of the event and on the ticket's days. Confirmed only. */
export async function saveOwnAgenda(
  db: DbOrTx,
  token: string,
  input: TAgendaInput,
): Promise<string[]> {
  const found = await registrationByToken(db, token);
  const data = parseOrThrow(ZAgendaSchema, input);
  if (found.status !== "confirmed")
    throw new AppError("conflict", "registrations.error.agendaConfirmedOnly");
  const own = await getOwnRegistration(db, token);
  if (own.event.status === "cancelled")
    throw new AppError("conflict", "registrations.own.eventCancelled");
  const allowed = new Set(own.program.flatMap((day) => day.sessions.map((session) => session.id)));
  const picked = [...new Set(data.sessionIds)];
  if (picked.some((id) => !allowed.has(id)))
    throw invalid({ sessionIds: ["registrations.error.agendaSession"] });
  await db.transaction(async (tx) => {
    await tx.delete(registrationAgenda).where(eq(registrationAgenda.registrationId, found.id));
    if (picked.length)
      await tx
        .insert(registrationAgenda)
        .values(picked.map((sessionId) => ({ registrationId: found.id, sessionId })));
  });
  return picked;
}

/** The event as .ics for the registrant (a one-day ticket: its day). */
export async function ownEventCalendar(db: DbOrTx, token: string): Promise<string> {
  const row = await registrationByToken(db, token);
  const event = await eventRow(db, row.eventId);
  const ticket = await ticketTypeOf(db, row);
  return eventIcs(event, { validDate: ticket?.validDate ?? null }, registrationLink(token));
}

/** The personal agenda as .ics: the sessions picked, at their current times. */
export async function ownAgendaCalendar(db: DbOrTx, token: string): Promise<string> {
  const row = await registrationByToken(db, token);
  const event = await eventRow(db, row.eventId);
  const picked = new Set(
    (
      await db
        .select({ sessionId: registrationAgenda.sessionId })
        .from(registrationAgenda)
        .where(eq(registrationAgenda.registrationId, row.id))
    ).map((pick) => pick.sessionId),
  );
  const sessions =
    picked.size && event.status !== "draft"
      ? (await getProgram(db, null, event.id)).program
          .flatMap((day) => day.sessions)
          .filter((session) => picked.has(session.id))
      : [];
  return agendaIcs(event, sessions);
}

// ---------------------------------------------------------------------------------------------
// Organizers

function filterConditions(eventId: string, filter: ReturnType<typeof parseFilter>): SQL {
  const conditions: SQL[] = [eq(registrations.eventId, eventId)];
  if (filter.ticketTypeId) conditions.push(eq(registrations.ticketTypeId, filter.ticketTypeId));
  if (filter.status) conditions.push(eq(registrations.status, filter.status));
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(
      or(
        ilike(registrations.name, pattern),
        ilike(registrations.email, pattern),
        ilike(registrations.organizationName, pattern),
        ilike(registrations.school, pattern),
      )!,
    );
  }
  return and(...conditions)!;
}

function parseFilter(input: TRegistrationFilterInput) {
  return parseOrThrow(ZRegistrationFilterSchema, input);
}

async function viewsOf(db: DbOrTx, rows: RegistrationRow[]): Promise<RegistrationView[]> {
  const types = rows.length
    ? await db
        .select()
        .from(ticketTypes)
        .where(inArray(ticketTypes.id, [...new Set(rows.map((row) => row.ticketTypeId))]))
    : [];
  const byId = new Map(types.map((type) => [type.id, type]));
  const answers = await answersOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    toView(
      row,
      byId.get(row.ticketTypeId) ?? { name: "", validDate: null },
      answers.get(row.id) ?? {},
    ),
  );
}

/** Registrations of an event, filtered by ticket type, status and text; newest first. */
export async function listRegistrations(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  filterInput: TRegistrationFilterInput = {},
): Promise<Page<RegistrationView>> {
  const { event } = await requireRegistrationReader(db, actor, eventId);
  const filter = parseFilter(filterInput);
  const where = filterConditions(event.id, filter);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(registrations)
    .where(where);
  const info = pageInfo(Number(total), filter.page ?? 1, filter.pageSize ?? 50);
  const rows = await db
    .select()
    .from(registrations)
    .where(where)
    .orderBy(desc(registrations.createdAt), asc(registrations.id))
    .limit(info.pageSize)
    .offset(info.offset);
  return {
    items: await viewsOf(db, rows),
    page: info.page,
    pageSize: info.pageSize,
    total: info.total,
    pageCount: info.pageCount,
  };
}

/** Every registration matching the filter, in the order of ticket types and names (exports). */
export async function registrationsForExport(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  filterInput: TRegistrationFilterInput = {},
): Promise<{ event: RegistrationEvent; questions: QuestionView[]; rows: RegistrationView[] }> {
  const { event } = await requireRegistrationReader(db, actor, eventId);
  const filter = parseFilter({ ...filterInput, page: undefined, pageSize: undefined });
  const rows = await db
    .select({ registration: registrations })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .where(filterConditions(event.id, filter))
    .orderBy(asc(ticketTypes.position), asc(registrations.name), asc(registrations.id));
  return {
    event: toEventFacts(event),
    questions: (await questionRows(db, event.id)).map(toQuestionView),
    rows: await viewsOf(
      db,
      rows.map((row) => row.registration),
    ),
  };
}

/** Counts per ticket type and per day, totals and the caterer's dietary summary. */
export async function registrationOverview(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<RegistrationOverview> {
  const { event } = await requireRegistrationReader(db, actor, eventId);
  const types = await db
    .select()
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, event.id))
    .orderBy(asc(ticketTypes.position), asc(ticketTypes.name));
  const rows = await db
    .select({
      id: registrations.id,
      ticketTypeId: registrations.ticketTypeId,
      status: registrations.status,
      erased: sql<boolean>`${registrations.erasedAt} IS NOT NULL`,
      validDate: ticketTypes.validDate,
    })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .where(eq(registrations.eventId, event.id));
  const perType = countsPerTicketType(
    types.map((type) => type.id),
    rows,
  );
  const questions = (await questionRows(db, event.id)).map(toQuestionView);
  const dietaryQuestions = questions.filter(
    (question) => question.purpose === "dietary" || question.purpose === "accessibility",
  );
  const confirmedIds = rows.filter((row) => row.status === "confirmed").map((row) => row.id);
  const dietaryAnswers =
    dietaryQuestions.length && confirmedIds.length
      ? await db
          .select({
            questionId: registrationAnswers.questionId,
            value: registrationAnswers.value,
            validDate: ticketTypes.validDate,
          })
          .from(registrationAnswers)
          .innerJoin(registrations, eq(registrations.id, registrationAnswers.registrationId))
          .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
          .where(
            and(
              eq(registrations.eventId, event.id),
              eq(registrations.status, "confirmed"),
              inArray(
                registrationAnswers.questionId,
                dietaryQuestions.map((question) => question.id),
              ),
            ),
          )
      : [];
  return {
    event: toEventFacts(event),
    tickets: perType.map((count) => {
      const type = types.find((candidate) => candidate.id === count.ticketTypeId)!;
      return { ...count, name: type.name, validDate: type.validDate, capacity: type.capacity };
    }),
    days: countsPerDay(event, rows),
    totals: {
      confirmed: rows.filter((row) => row.status === "confirmed").length,
      waitlisted: rows.filter((row) => row.status === "waitlisted").length,
      cancelled: rows.filter((row) => row.status === "cancelled").length,
      erased: rows.filter((row) => row.erased).length,
    },
    dietary: dietaryQuestions.map((question) => ({
      question: question.label,
      answers: dietaryPerDay(
        eventDays(event.startDate, event.endDate),
        dietaryAnswers
          .filter((row) => row.questionId === question.id)
          .map((row) => ({ value: row.value, days: ticketDays(row, event) })),
      ),
    })),
    questions,
  };
}

/** One registration of the event, for its organizers. */
export async function getRegistration(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  registrationId: string,
): Promise<RegistrationView & { waitingPosition: number | null }> {
  const { event } = await requireRegistrationReader(db, actor, eventId);
  if (!isUuid(registrationId)) throw registrationNotFound();
  const [row] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, event.id)));
  if (!row) throw registrationNotFound();
  const [view] = await viewsOf(db, [row]);
  return { ...view!, waitingPosition: await waitingPositionOf(db, row) };
}

/** An organizer cancels a registration (mailing the registrant); the next in line moves up. */
export async function cancelRegistration(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  registrationId: string,
  options: TVersionInput = {},
): Promise<RegistrationView> {
  const { event, acting } = await requireRegistrationReader(db, actor, eventId);
  if (!isUuid(registrationId)) throw registrationNotFound();
  const { version } = parseOrThrow(ZVersionSchema, options);
  const [found] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, event.id)));
  if (!found) throw registrationNotFound();
  const secret = await linkSecret(db);
  const after = await withDbErrors(() =>
    db.transaction((tx) => cancelInTx(tx, found.id, version, acting, secret, true)),
  );
  const [view] = await viewsOf(db, [after]);
  return view!;
}

/**
 * Moves the waiting list up as far as places allow (after the organizer raised the event's
 * capacity, say); returns how many moved up.
 */
export async function promoteWaitingList(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<number> {
  const { event, acting } = await requireRegistrationReader(db, actor, eventId);
  const secret = await linkSecret(db);
  const promoted = await withDbErrors(() =>
    db.transaction((tx) => promoteWaitingInTx(tx, event.id, acting, secret)),
  );
  return promoted.length;
}

/** The local date and time of an instant in the event's zone (for lists and exports). */
export function localDateTime(value: Date, timeZone: string): string {
  const local = utcToZoned(value, timeZone);
  return `${local.date} ${local.time}`;
}
