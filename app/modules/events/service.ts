// Use cases of the organizing side of events: events, their rooms, organizers and partners,
// committees, tracks, speakers, sessions and the MC, and the public program.
//
// Every function takes a database (or a transaction), the acting user (null for the public) and
// its input; it validates the input with schemas.ts, checks permissions with policy.ts (through
// access.ts), writes in one transaction with an audit entry, and throws AppError for anything a
// user can act on. An event the actor may not see (a draft) is "not found".
//
// Who does what (policy.ts): the admins and editors of a lead or deputy lead organizer (or of an
// organization above it) and platform admins organize: they publish, cancel, delete, and choose
// organizers, partners and committee members. Organizers and committee members edit the rest:
// the event's facts, rooms, tracks, speakers, sessions and the MC. The public reads published
// and cancelled events.
//
// The program never double-books a room nor puts a speaker in two places: a session is written
// only after the event's row is locked (SELECT … FOR UPDATE) and the clashes are looked for in
// the same transaction, so two editors saving at once are serialized and the second one sees the
// first one's session.
import { and, asc, count, eq, ilike, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import {
  auditDelete,
  auditInserted,
  auditUpdate,
  auditUpdated,
} from "../../platform/audit/service.ts";
import { AppError, forbidden, invalid, requireActor } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { utcToZoned } from "../../platform/time.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { withDbErrors } from "../directory/db-helpers.ts";
import { likePattern, pageInfo } from "../directory/rules.ts";
import { organizations, people, type TimeZone } from "../directory/schema.ts";
import { organizationChains, subtreeIds, type Page } from "../directory/service.ts";
import { loadEventAccess } from "./access.ts";
import {
  cancelEventBookingsInTx,
  lockRoom,
  reservationsOfRoom,
  roomConflicts,
} from "./bookings-service.ts";
import { mailEventCancelledInTx } from "./registrations-event-cancel.ts";
import { lockCapacity, occupancyOf } from "./registrations-capacity.ts";
import { busiestDayAttendees } from "./registrations-rules.ts";
import { linkSecret, promoteWaitingInTx } from "./registrations-waitlist.ts";
import * as policy from "./policy.ts";
import type { EventAccess } from "./policy.ts";
import {
  eventDays,
  eventLength,
  filterProgram,
  findConflicts,
  groupByDay,
  isEventDay,
  maxEventDays,
  sessionInterval,
  sessionLocalTimes,
  sessionPeople,
  type Conflict,
  type Interval,
  type PlannedSession,
  type ProgramDay,
  type SessionPerson,
} from "./rules.ts";
import {
  eventCommitteeMembers,
  eventOrganizations,
  eventRooms,
  events,
  eventSessionPeople,
  eventSessions,
  eventSpeakers,
  eventTracks,
  type CommitteeKind,
  type CommitteeRole,
  type EventCurrency,
  type EventKind,
  type EventOrganizationRole,
  type EventRow,
  type EventStatus,
  type SessionKind,
  type SessionPersonRole,
} from "./schema.ts";
import {
  ZCommitteeMemberCreateSchema,
  ZCommitteeMemberUpdateSchema,
  ZEventCreateSchema,
  ZEventDeleteSchema,
  ZEventListFilterSchema,
  ZEventOrganizationCreateSchema,
  ZEventOrganizationUpdateSchema,
  ZEventStatusChangeSchema,
  ZEventUpdateSchema,
  ZProgramFilterSchema,
  ZRoomCreateSchema,
  ZRoomUpdateSchema,
  ZSessionCreateSchema,
  ZSessionDeleteSchema,
  ZSessionUpdateSchema,
  ZSpeakerCreateSchema,
  ZSpeakerUpdateSchema,
  ZTrackCreateSchema,
  ZTrackUpdateSchema,
  type TCommitteeMemberCreateInput,
  type TCommitteeMemberUpdateInput,
  type TEventCreateInput,
  type TEventDeleteInput,
  type TEventListFilterInput,
  type TEventOrganizationCreateInput,
  type TEventOrganizationUpdateInput,
  type TEventStatusChangeInput,
  type TEventUpdateInput,
  type TProgramFilterInput,
  type TRoomCreateInput,
  type TRoomUpdateInput,
  type TSessionCreateInput,
  type TSessionDeleteInput,
  type TSessionUpdateInput,
  type TSpeakerCreateInput,
  type TSpeakerUpdateInput,
  type TTrackCreateInput,
  type TTrackUpdateInput,
} from "./schemas.ts";
import { requireEventEditor, requireEventOrganizer } from "./service-access.ts";
import { moveInOrder, nextPosition, writeOrder, type OrderedTable } from "./service-ordering.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";

// ---------------------------------------------------------------------------------------------
// Types handed to routes and the API

export type EventView = {
  id: string;
  kind: EventKind;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  timeZone: TimeZone;
  language: "sv" | "nb" | "en";
  currency: EventCurrency;
  venueName: string;
  venueAddress: string;
  status: EventStatus;
  capacity: number | null;
  retentionDate: string | null;
  mcSpeakerId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type EventSummary = {
  id: string;
  kind: EventKind;
  name: string;
  startDate: string;
  endDate: string;
  venueName: string;
  status: EventStatus;
  /** The lead organizers' names, in order. */
  organizers: string[];
};

export type EventCan = {
  /** Facts, rooms, tracks, speakers, sessions, MC (organizers and committee members). */
  edit: boolean;
  /** Publish, cancel, delete, organizers, partners and committees (organizers). */
  organize: boolean;
};

export type RoomView = {
  id: string;
  name: string;
  capacity: number | null;
  position: number;
  version: number;
};
export type TrackView = { id: string; name: string; position: number; version: number };

export type EventOrganizationView = {
  id: string;
  organizationId: string;
  organizationName: string;
  role: EventOrganizationRole;
  position: number;
  version: number;
};

export type CommitteeMemberView = {
  id: string;
  committee: CommitteeKind;
  personId: string;
  name: string;
  title: string | null;
  role: CommitteeRole;
  showEmail: boolean;
  showPhone: boolean;
  /** Null unless shown (on public views) or the reader edits the event. */
  email: string | null;
  phone: string | null;
  position: number;
  version: number;
};

export type SpeakerView = {
  id: string;
  name: string;
  title: string;
  bio: string;
  organizationId: string | null;
  /** The directory's name when linked, else the free text. */
  organizationName: string;
  personId: string | null;
  version: number;
};

export type SessionPersonView = {
  speakerId: string;
  name: string;
  title: string;
  organizationName: string;
  role: SessionPersonRole;
};

export type SessionView = {
  id: string;
  eventId: string;
  kind: SessionKind;
  title: string;
  abstract: string;
  startsAt: Date;
  endsAt: Date;
  /** Day and wall-clock times in the event's time zone. */
  date: string;
  startTime: string;
  endTime: string;
  roomId: string | null;
  roomName: string | null;
  trackId: string | null;
  trackName: string | null;
  people: SessionPersonView[];
  version: number;
};

export type EventPage = {
  event: EventView;
  can: EventCan;
  days: string[];
  organizers: EventOrganizationView[];
  partners: EventOrganizationView[];
  committees: { program: CommitteeMemberView[]; organizing: CommitteeMemberView[] };
  mc: SpeakerView | null;
  rooms: RoomView[];
  sessionCount: number;
};

export type Program = {
  event: EventView;
  can: EventCan;
  days: string[];
  rooms: RoomView[];
  tracks: TrackView[];
  /** The kinds of session the program holds (for the filter). */
  kinds: SessionKind[];
  filter: { day?: string; trackId?: string; kind?: SessionKind };
  program: ProgramDay<SessionView>[];
  mc: SpeakerView | null;
};

const entity = {
  event: "event",
  room: "event_room",
  organization: "event_organization",
  committeeMember: "event_committee_member",
  track: "event_track",
  speaker: "event_speaker",
  session: "event_session",
} as const;

/**
 * A session that would double-book a room or put a speaker in two places at once. The message
 * names the clashing session and its time; `_form` carries it, the field says which one.
 */
export class ProgramClashError extends AppError {
  declare readonly params: Record<string, string>;
  constructor(messageKey: string, field: string, params: Record<string, string>) {
    super("conflict", messageKey, { _form: [messageKey], [field]: [`${messageKey}Field`] }, params);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function eventNotFound(): AppError {
  return new AppError("not_found", "events.error.notFound");
}

function notFound(key: string): AppError {
  return new AppError("not_found", key);
}

function canOf(access: EventAccess): EventCan {
  return { edit: policy.canEditEvent(access), organize: policy.canManageOrganizers(access) };
}

function toEventView(row: EventRow): EventView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    startDate: row.startDate,
    endDate: row.endDate,
    timeZone: row.timeZone as TimeZone,
    language: row.language,
    currency: row.currency,
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    status: row.status,
    capacity: row.capacity,
    retentionDate: row.retentionDate,
    mcSpeakerId: row.mcSpeakerId,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Takes the event's row lock for the rest of the transaction: the program's clash checks, the
 * order of lists and the version check are serialized per event.
 */
export async function lockEvent(tx: DbOrTx, eventId: string): Promise<EventRow> {
  const [row] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
  if (!row) throw eventNotFound();
  return row;
}

/** One of the event's lists, read by whoever may read the event. */
function eventListReader<V>(rows: (db: DbOrTx, eventId: string) => Promise<V[]>) {
  return async (db: DbOrTx, actor: Actor | null, eventId: string): Promise<V[]> => {
    const { event } = await loadEventAccess(db, actor, eventId);
    return rows(db, event.id);
  };
}

/** Runs `work` in one transaction that first takes the event's row lock. */
function underEventLock<T>(
  db: DbOrTx,
  eventId: string,
  work: (tx: DbOrTx, event: EventRow) => Promise<T>,
): Promise<T> {
  return withDbErrors(() => db.transaction(async (tx) => work(tx, await lockEvent(tx, eventId))));
}

/** One row of a list of the event, the key of the message when it is gone, its audit type. */
type ListedRow = { id: string; notFoundKey: string; entityType: string };

/**
 * Changes one row of a list of the event in its order, under the event's lock: `version` must be
 * the row's version (the schemas require it unless the change is a pure move of `position`),
 * `write` checks and writes the row's own facts, `position` moves it among its `siblings` (the
 * whole list unless given), every write moves the row's version on, and the audit entry compares
 * the row read before and after.
 */
async function updateListed<V extends { id: string; version: number }>(
  db: DbOrTx,
  acting: Actor,
  event: EventRow,
  item: ListedRow & {
    table: OrderedTable;
    rows: (tx: DbOrTx) => Promise<V[]>;
    position: number | undefined;
    version: number | undefined;
    siblings?: (list: V[], before: V) => V[];
    write: (tx: DbOrTx, before: V, list: V[]) => Promise<void>;
    label: (after: V) => string;
    record?: (row: V) => object;
  },
): Promise<V> {
  const record = item.record ?? ((row: V) => row);
  return underEventLock(db, event.id, async (tx) => {
    const list = await item.rows(tx);
    const before = list.find((row) => row.id === item.id);
    if (!before) throw notFound(item.notFoundKey);
    assertVersion(before, item.version);
    await item.write(tx, before, list);
    await tx.update(item.table).set(nextVersion(before)).where(eq(item.table.id, item.id));
    const siblings = item.siblings ? item.siblings(list, before) : list;
    await moveInOrder(
      tx,
      item.table,
      siblings.map((row) => row.id),
      item.id,
      item.position,
    );
    const after = (await item.rows(tx)).find((row) => row.id === item.id)!;
    await auditUpdate(tx, {
      actor: acting,
      entityType: item.entityType,
      entityId: item.id,
      entityLabel: item.label(after),
      before: record(before),
      after: record(after),
    });
    return after;
  });
}

type RemovableTable =
  typeof eventRooms | typeof eventTracks | typeof eventCommitteeMembers | typeof eventSpeakers;

/** Deletes one row of the event under the event's lock, with its audit entry. */
async function removeEventRow<T extends RemovableTable>(
  db: DbOrTx,
  acting: Actor,
  event: EventRow,
  item: ListedRow & {
    table: T;
    label: (before: T["$inferSelect"]) => string;
    /** Refuses the removal (under the event's lock, before the delete) while something uses it. */
    check?: (tx: DbOrTx) => Promise<void>;
  },
): Promise<void> {
  if (!isUuid(item.id)) throw notFound(item.notFoundKey);
  const { table } = item;
  await underEventLock(db, event.id, async (tx) => {
    if (item.check) await item.check(tx);
    const [before] = await tx
      .delete(table)
      .where(and(eq(table.id, item.id), eq(table.eventId, event.id)))
      .returning();
    if (!before) throw notFound(item.notFoundKey);
    await auditDelete(tx, {
      actor: acting,
      entityType: item.entityType,
      entityId: item.id,
      entityLabel: item.label(before),
      record: before,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Events

/**
 * Events the actor may see: published and cancelled ones for everyone, drafts for those who
 * edit them (all for platform admins). `when` picks upcoming (default) or past events; `q`
 * matches name, description and venue. Upcoming first by start date, past ones latest first.
 */
export async function listEvents(
  db: DbOrTx,
  actor: Actor | null,
  filterInput: TEventListFilterInput = {},
  now = new Date(),
): Promise<Page<EventSummary>> {
  const filter = parseOrThrow(ZEventListFilterSchema, filterInput);
  const conditions: SQL[] = [];
  if (!actor?.isPlatformAdmin) {
    const visible: SQL[] = [ne(events.status, "draft")];
    if (actor?.personId) {
      visible.push(
        sql`EXISTS (SELECT 1 FROM ${eventCommitteeMembers}
              WHERE ${eventCommitteeMembers.eventId} = ${events.id}
                AND ${eventCommitteeMembers.personId} = ${actor.personId})`,
      );
    }
    if (actor && actor.orgRoles.size > 0) {
      const managed = await subtreeIds(db, [...actor.orgRoles.keys()]);
      if (managed.length)
        visible.push(
          sql`EXISTS (SELECT 1 FROM ${eventOrganizations}
                WHERE ${eventOrganizations.eventId} = ${events.id}
                  AND ${eventOrganizations.role} IN ('lead', 'deputy_lead')
                  AND ${inArray(eventOrganizations.organizationId, managed)})`,
        );
    }
    conditions.push(or(...visible)!);
  }
  // Today where each event takes place: an event is past once its last day is over there.
  const today = sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${events.timeZone})::date`;
  if (filter.when === "upcoming") conditions.push(sql`${events.endDate} >= ${today}`);
  if (filter.when === "past") conditions.push(sql`${events.endDate} < ${today}`);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(
      or(
        ilike(events.name, pattern),
        ilike(events.description, pattern),
        ilike(events.venueName, pattern),
      )!,
    );
  }
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(events).where(where);
  const info = pageInfo(total, filter.page, filter.pageSize);
  const rows = await db
    .select({
      id: events.id,
      kind: events.kind,
      name: events.name,
      startDate: events.startDate,
      endDate: events.endDate,
      venueName: events.venueName,
      status: events.status,
    })
    .from(events)
    .where(where)
    .orderBy(
      filter.when === "past" ? sql`${events.startDate} DESC` : asc(events.startDate),
      asc(events.name),
      asc(events.id),
    )
    .limit(info.pageSize)
    .offset(info.offset);
  const leads = rows.length
    ? await db
        .select({ eventId: eventOrganizations.eventId, name: organizations.name })
        .from(eventOrganizations)
        .innerJoin(organizations, eq(organizations.id, eventOrganizations.organizationId))
        .where(
          and(
            inArray(
              eventOrganizations.eventId,
              rows.map((row) => row.id),
            ),
            inArray(eventOrganizations.role, ["lead", "deputy_lead"]),
          ),
        )
        .orderBy(asc(eventOrganizations.position), asc(organizations.name))
    : [];
  return {
    items: rows.map((row) => ({
      ...row,
      organizers: leads.filter((lead) => lead.eventId === row.id).map((lead) => lead.name),
    })),
    page: info.page,
    pageSize: info.pageSize,
    total: info.total,
    pageCount: info.pageCount,
  };
}

/** One event, with what the actor may do. */
export async function getEvent(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
): Promise<{ event: EventView; can: EventCan }> {
  const { event, access } = await loadEventAccess(db, actor, id);
  return { event: toEventView(event), can: canOf(access) };
}

/**
 * The public page of an event: its facts, organizers and partners in order with their role,
 * committees with the contact details the organizer chose to show, the MC and the rooms.
 */
export async function getEventPage(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
): Promise<EventPage> {
  const { event, access } = await loadEventAccess(db, actor, id);
  const all = await organizationRows(db, event.id);
  const members = await committeeRows(db, event.id, false);
  const [{ sessionCount } = { sessionCount: 0 }] = await db
    .select({ sessionCount: count() })
    .from(eventSessions)
    .where(eq(eventSessions.eventId, event.id));
  return {
    event: toEventView(event),
    can: canOf(access),
    days: eventDays(event.startDate, event.endDate),
    organizers: all.filter((row) => row.role === "lead" || row.role === "deputy_lead"),
    partners: all.filter((row) => row.role === "partner" || row.role === "sponsor"),
    committees: {
      program: members.filter((member) => member.committee === "program"),
      organizing: members.filter((member) => member.committee === "organizing"),
    },
    mc: event.mcSpeakerId ? await speakerById(db, event.id, event.mcSpeakerId) : null,
    rooms: await roomRows(db, event.id),
    sessionCount: Number(sessionCount),
  };
}

/**
 * Creates a draft event with the actor's organization as its lead organizer (the actor must be
 * its admin or editor, or a platform admin).
 */
export async function createEvent(
  db: DbOrTx,
  actor: Actor | null,
  input: TEventCreateInput,
): Promise<EventView> {
  const acting = requireActor(actor);
  const data = parseOrThrow(ZEventCreateSchema, input);
  return withDbErrors(() =>
    db.transaction(async (tx) => {
      const chain = (await organizationChains(tx, [data.leadOrganizationId])).get(
        data.leadOrganizationId,
      );
      if (!chain || chain.length === 0)
        throw invalid({ leadOrganizationId: ["events.error.organizationNotFound"] });
      if (!policy.canCreateEvent(acting, chain)) throw forbidden();
      const row = await auditInserted(
        tx,
        await tx
          .insert(events)
          .values({
            kind: data.kind,
            name: data.name,
            description: data.description ?? "",
            startDate: data.startDate,
            endDate: data.endDate,
            timeZone: data.timeZone,
            language: data.language,
            currency: data.currency,
            venueName: data.venueName ?? "",
            venueAddress: data.venueAddress ?? "",
            capacity: data.capacity ?? null,
            retentionDate: data.retentionDate ?? null,
          })
          .returning(),
        { actor: acting, entityType: entity.event, label: (event) => event.name },
      );
      await auditInserted(
        tx,
        await tx
          .insert(eventOrganizations)
          .values({
            eventId: row.id,
            organizationId: data.leadOrganizationId,
            role: "lead",
            position: 0,
          })
          .returning(),
        { actor: acting, entityType: entity.organization, label: () => row.name },
      );
      return toEventView(row);
    }),
  );
}

/**
 * Changes an event's facts or its MC; a stale `version` is a conflict. New dates must still hold
 * every session of the program (in the event's time zone). The overall capacity (places a day)
 * cannot go below the people confirmed on the busiest day; a higher one moves the waiting list
 * up in the same transaction, under the capacity lock, as updating a ticket type does.
 */
export async function updateEvent(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  input: TEventUpdateInput,
): Promise<EventView> {
  const { acting } = await requireEventEditor(db, actor, id);
  const data = parseOrThrow(ZEventUpdateSchema, input);
  // Read before the transaction: its first use writes it (see linkSecret).
  const secret = data.capacity === undefined ? "" : await linkSecret(db);
  return underEventLock(db, id, async (tx, before) => {
    assertVersion(before, data.version);
    const startDate = data.startDate ?? before.startDate;
    const endDate = data.endDate ?? before.endDate;
    const timeZone = data.timeZone ?? before.timeZone;
    if (endDate < startDate) throw invalid({ endDate: ["events.error.endBeforeStart"] });
    if (eventLength(startDate, endDate) > maxEventDays)
      throw invalid({ endDate: ["events.error.tooLong"] });
    if (
      startDate !== before.startDate ||
      endDate !== before.endDate ||
      timeZone !== before.timeZone
    ) {
      const sessions = await tx
        .select({ startsAt: eventSessions.startsAt })
        .from(eventSessions)
        .where(eq(eventSessions.eventId, id));
      const outside = sessions.find(
        (session) => !isEventDay(utcToZoned(session.startsAt, timeZone).date, startDate, endDate),
      );
      if (outside) throw invalid({ startDate: ["events.error.sessionsOutsideDates"] });
    }
    if (data.mcSpeakerId) await assertSpeakersOfEvent(tx, id, [data.mcSpeakerId], "mcSpeakerId");
    const capacity = data.capacity === undefined ? before.capacity : data.capacity;
    // Checked when the limit changes: other edits of an event already over it still save.
    if (capacity !== null && capacity !== before.capacity) {
      // The capacity lock, as registering takes it (the event's row, then its ticket types'),
      // before counting: no registration confirms between the count and the write.
      await lockCapacity(tx, id, "all");
      const confirmed = busiestDayAttendees(await occupancyOf(tx, id), { startDate, endDate });
      if (capacity < confirmed)
        throw new AppError(
          "validation",
          "events.error.capacityBelowConfirmed",
          {
            _form: ["events.error.capacityBelowConfirmed"],
            capacity: ["events.error.capacityBelowConfirmedField"],
          },
          { confirmed },
        );
    }
    const view = await writeEvent(tx, acting, before, {
      kind: data.kind ?? before.kind,
      name: data.name ?? before.name,
      description: data.description ?? before.description,
      startDate,
      endDate,
      timeZone,
      language: data.language ?? before.language,
      currency: data.currency ?? before.currency,
      venueName: data.venueName ?? before.venueName,
      venueAddress: data.venueAddress ?? before.venueAddress,
      capacity: data.capacity === undefined ? before.capacity : data.capacity,
      retentionDate: data.retentionDate === undefined ? before.retentionDate : data.retentionDate,
      mcSpeakerId: data.mcSpeakerId === undefined ? before.mcSpeakerId : data.mcSpeakerId,
    });
    // More places (or no overall limit any more) may make room for those waiting.
    if (before.capacity !== null && (capacity === null || capacity > before.capacity))
      await promoteWaitingInTx(tx, id, acting, secret);
    return view;
  });
}

/** Writes new facts of a locked event, moving its version on, with the audit entry. */
async function writeEvent(
  tx: DbOrTx,
  acting: Actor,
  before: EventRow,
  columns: Partial<typeof events.$inferInsert>,
): Promise<EventView> {
  const after = await auditUpdated(
    tx,
    await tx
      .update(events)
      .set({ ...columns, ...nextVersion(before) })
      .where(eq(events.id, before.id))
      .returning(),
    {
      actor: acting,
      entityType: entity.event,
      before,
      label: (row) => row.name,
      missing: eventNotFound,
    },
  );
  return toEventView(after);
}

/**
 * Publishes, cancels or takes an event back to draft (organizers only), version-checked. A
 * cancelled event stays cancelled.
 * Cancelling mails every confirmed and waitlisted registrant (with a cancelling .ics for the
 * confirmed) and cancels the side meetings' guest bookings, telling the guests.
 */
export async function changeEventStatus(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  input: TEventStatusChangeInput,
): Promise<EventView> {
  const { acting } = await requireEventOrganizer(db, actor, id);
  const data = parseOrThrow(ZEventStatusChangeSchema, input);
  // Read before the transaction: its first use writes it (see linkSecret).
  const secret = data.status === "cancelled" ? await linkSecret(db) : "";
  return underEventLock(db, id, async (tx, before) => {
    assertVersion(before, data.version);
    if (before.status === data.status)
      throw invalid({ status: [`events.error.already.${data.status}`] });
    if (before.status === "cancelled") throw invalid({ status: ["events.error.cancelledIsFinal"] });
    const view = await writeEvent(tx, acting, before, { status: data.status });
    if (data.status === "cancelled") {
      // Everyone who expects to come is told, in the same transaction (the durable mail queue).
      const [after] = await tx.select().from(events).where(eq(events.id, id));
      if (after) await mailEventCancelledInTx(tx, after, secret);
      await cancelEventBookingsInTx(tx, acting, id);
    }
    return view;
  });
}

/** Deletes an event with its program and everything else of it. Organizers only. */
export async function deleteEvent(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  options: TEventDeleteInput = {},
): Promise<void> {
  const { acting } = await requireEventOrganizer(db, actor, id);
  const { version } = parseOrThrow(ZEventDeleteSchema, options);
  await underEventLock(db, id, async (tx, before) => {
    assertVersion(before, version);
    // The MC points at a speaker of the event: cleared first, so the cascade has no cycle.
    await tx.update(events).set({ mcSpeakerId: null }).where(eq(events.id, id));
    await tx.delete(events).where(eq(events.id, id));
    await auditDelete(tx, {
      actor: acting,
      entityType: entity.event,
      entityId: id,
      entityLabel: before.name,
      record: before,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Rooms

async function roomRows(db: DbOrTx, eventId: string): Promise<RoomView[]> {
  return db
    .select({
      id: eventRooms.id,
      name: eventRooms.name,
      capacity: eventRooms.capacity,
      position: eventRooms.position,
      version: eventRooms.version,
    })
    .from(eventRooms)
    .where(eq(eventRooms.eventId, eventId))
    .orderBy(asc(eventRooms.position), asc(eventRooms.name), asc(eventRooms.id));
}

export const listRooms = eventListReader(roomRows);

export async function addRoom(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TRoomCreateInput,
): Promise<RoomView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZRoomCreateSchema, input);
  return underEventLock(db, event.id, async (tx) => {
    await assertNameFree(tx, eventRooms, event.id, data.name, "events.error.roomNameTaken");
    const row = await auditInserted(
      tx,
      await tx
        .insert(eventRooms)
        .values({
          eventId: event.id,
          name: data.name,
          capacity: data.capacity ?? null,
          position: await nextPosition(tx, eventRooms, event.id),
        })
        .returning(),
      { actor: acting, entityType: entity.room, label: (room) => `${event.name} · ${room.name}` },
    );
    return {
      id: row.id,
      name: row.name,
      capacity: row.capacity,
      position: row.position,
      version: row.version,
    };
  });
}

export async function updateRoom(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  roomId: string,
  input: TRoomUpdateInput,
): Promise<RoomView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(roomId)) throw notFound("events.error.roomNotFound");
  const data = parseOrThrow(ZRoomUpdateSchema, input);
  return updateListed(db, acting, event, {
    id: roomId,
    notFoundKey: "events.error.roomNotFound",
    entityType: entity.room,
    table: eventRooms,
    rows: (tx) => roomRows(tx, event.id),
    position: data.position,
    version: data.version,
    write: async (tx, before) => {
      if (data.name && data.name !== before.name)
        await assertNameFree(tx, eventRooms, event.id, data.name, "events.error.roomNameTaken");
      await tx
        .update(eventRooms)
        .set({
          name: data.name ?? before.name,
          capacity: data.capacity === undefined ? before.capacity : data.capacity,
          updatedAt: new Date(),
        })
        .where(eq(eventRooms.id, roomId));
    },
    label: (after) => `${event.name} · ${after.name}`,
  });
}

/**
 * Removes a room that nothing uses. A room with sessions of the program or a network's live
 * (requested or accepted) side meeting reservation is refused, naming what uses it: removing it
 * would take the sessions' room away and delete the reservations with their slots and guests.
 */
export async function removeRoom(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  roomId: string,
): Promise<void> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  await removeEventRow(db, acting, event, {
    id: roomId,
    notFoundKey: "events.error.roomNotFound",
    entityType: entity.room,
    table: eventRooms,
    label: (before) => `${event.name} · ${before.name}`,
    check: (tx) => assertRoomUnused(tx, event.id, roomId),
  });
}

/** How many names a "still in use" message lists before "…". */
const namesListed = 3;

function nameList(names: readonly string[]): string {
  const listed = names.slice(0, namesListed).map((name) => `”${name}”`);
  return names.length > namesListed ? `${listed.join(", ")} …` : listed.join(", ");
}

/**
 * Refuses to remove a room that sessions or live reservations use. The room's row is locked
 * first (as requesting a reservation does), so none is added while it is being removed.
 */
async function assertRoomUnused(tx: DbOrTx, eventId: string, roomId: string): Promise<void> {
  const room = await lockRoom(tx, eventId, roomId);
  if (!room) throw notFound("events.error.roomNotFound");
  const sessions = await tx
    .select({ title: eventSessions.title })
    .from(eventSessions)
    .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.roomId, roomId)))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.title));
  const reservations = await reservationsOfRoom(tx, roomId);
  if (!sessions.length && !reservations.length) return;
  const key = !reservations.length
    ? "events.error.roomInUse.sessions"
    : !sessions.length
      ? "events.error.roomInUse.reservations"
      : "events.error.roomInUse.both";
  throw new AppError(
    "conflict",
    key,
    { _form: [key] },
    {
      room: room.name,
      sessions: nameList(sessions.map((session) => session.title)),
      networks: nameList([...new Set(reservations.map((row) => row.networkName))]),
    },
  );
}

async function assertNameFree(
  tx: DbOrTx,
  table: typeof eventRooms | typeof eventTracks,
  eventId: string,
  name: string,
  key: string,
) {
  const [taken] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.eventId, eventId), sql`lower(${table.name}) = lower(${name})`));
  if (taken) throw invalid({ name: [key] });
}

// ---------------------------------------------------------------------------------------------
// Tracks

async function trackRows(db: DbOrTx, eventId: string): Promise<TrackView[]> {
  return db
    .select({
      id: eventTracks.id,
      name: eventTracks.name,
      position: eventTracks.position,
      version: eventTracks.version,
    })
    .from(eventTracks)
    .where(eq(eventTracks.eventId, eventId))
    .orderBy(asc(eventTracks.position), asc(eventTracks.name), asc(eventTracks.id));
}

export const listTracks = eventListReader(trackRows);

export async function addTrack(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TTrackCreateInput,
): Promise<TrackView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZTrackCreateSchema, input);
  return underEventLock(db, event.id, async (tx) => {
    await assertNameFree(tx, eventTracks, event.id, data.name, "events.error.trackNameTaken");
    const row = await auditInserted(
      tx,
      await tx
        .insert(eventTracks)
        .values({
          eventId: event.id,
          name: data.name,
          position: await nextPosition(tx, eventTracks, event.id),
        })
        .returning(),
      {
        actor: acting,
        entityType: entity.track,
        label: (track) => `${event.name} · ${track.name}`,
      },
    );
    return { id: row.id, name: row.name, position: row.position, version: row.version };
  });
}

export async function updateTrack(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  trackId: string,
  input: TTrackUpdateInput,
): Promise<TrackView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(trackId)) throw notFound("events.error.trackNotFound");
  const data = parseOrThrow(ZTrackUpdateSchema, input);
  return updateListed(db, acting, event, {
    id: trackId,
    notFoundKey: "events.error.trackNotFound",
    entityType: entity.track,
    table: eventTracks,
    rows: (tx) => trackRows(tx, event.id),
    position: data.position,
    version: data.version,
    write: async (tx, before) => {
      if (data.name && data.name !== before.name)
        await assertNameFree(tx, eventTracks, event.id, data.name, "events.error.trackNameTaken");
      await tx
        .update(eventTracks)
        .set({ name: data.name ?? before.name, updatedAt: new Date() })
        .where(eq(eventTracks.id, trackId));
    },
    label: (after) => `${event.name} · ${after.name}`,
  });
}

/** Removes a track; its sessions stay in the program without a track. */
export async function removeTrack(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  trackId: string,
): Promise<void> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  await removeEventRow(db, acting, event, {
    id: trackId,
    notFoundKey: "events.error.trackNotFound",
    entityType: entity.track,
    table: eventTracks,
    label: (before) => `${event.name} · ${before.name}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Organizers and partners

async function organizationRows(db: DbOrTx, eventId: string): Promise<EventOrganizationView[]> {
  return db
    .select({
      id: eventOrganizations.id,
      organizationId: eventOrganizations.organizationId,
      organizationName: organizations.name,
      role: eventOrganizations.role,
      position: eventOrganizations.position,
      version: eventOrganizations.version,
    })
    .from(eventOrganizations)
    .innerJoin(organizations, eq(organizations.id, eventOrganizations.organizationId))
    .where(eq(eventOrganizations.eventId, eventId))
    .orderBy(asc(eventOrganizations.position), asc(organizations.name), asc(eventOrganizations.id));
}

/** Organizers (lead, deputy lead) and partners (partner, sponsor), in their order. */
export const listEventOrganizations = eventListReader(organizationRows);

/** Adds an organizer or partner at the end of the order. Organizers only. */
export async function addEventOrganization(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TEventOrganizationCreateInput,
): Promise<EventOrganizationView> {
  const { event, acting } = await requireEventOrganizer(db, actor, eventId);
  const data = parseOrThrow(ZEventOrganizationCreateSchema, input);
  const id = await underEventLock(db, event.id, async (tx) => {
    const [organization] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, data.organizationId));
    if (!organization) throw invalid({ organizationId: ["events.error.organizationNotFound"] });
    const existing = await organizationRows(tx, event.id);
    if (existing.some((row) => row.organizationId === data.organizationId))
      throw invalid({ organizationId: ["events.error.organizationAlreadyAdded"] });
    const row = await auditInserted(
      tx,
      await tx
        .insert(eventOrganizations)
        .values({
          eventId: event.id,
          organizationId: data.organizationId,
          role: data.role,
          position: await nextPosition(tx, eventOrganizations, event.id),
        })
        .returning(),
      {
        actor: acting,
        entityType: entity.organization,
        label: () => `${event.name} · ${organization.name}`,
      },
    );
    return row.id;
  });
  return (await organizationRows(db, event.id)).find((row) => row.id === id)!;
}

/** Whether taking `rowId` out of the lead role would leave the event without a lead organizer. */
function isLastLead(list: readonly EventOrganizationView[], rowId: string): boolean {
  return !list.some((row) => row.id !== rowId && row.role === "lead");
}

/**
 * Changes an organizer's or partner's role or place in the order. The event keeps at least one
 * lead organizer. Organizers only.
 */
export async function updateEventOrganization(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  rowId: string,
  input: TEventOrganizationUpdateInput,
): Promise<EventOrganizationView> {
  const { event, acting } = await requireEventOrganizer(db, actor, eventId);
  if (!isUuid(rowId)) throw notFound("events.error.organizationRowNotFound");
  const data = parseOrThrow(ZEventOrganizationUpdateSchema, input);
  return updateListed(db, acting, event, {
    id: rowId,
    notFoundKey: "events.error.organizationRowNotFound",
    entityType: entity.organization,
    table: eventOrganizations,
    rows: (tx) => organizationRows(tx, event.id),
    position: data.position,
    version: data.version,
    write: async (tx, before, list) => {
      const role = data.role ?? before.role;
      if (before.role === "lead" && role !== "lead" && isLastLead(list, rowId))
        throw invalid({ role: ["events.error.lastLead"] });
      await tx
        .update(eventOrganizations)
        .set({ role, updatedAt: new Date() })
        .where(eq(eventOrganizations.id, rowId));
    },
    label: (after) => `${event.name} · ${after.organizationName}`,
  });
}

/** Removes an organizer or partner; the last lead organizer stays. Organizers only. */
export async function removeEventOrganization(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  rowId: string,
): Promise<void> {
  const { event, acting } = await requireEventOrganizer(db, actor, eventId);
  if (!isUuid(rowId)) throw notFound("events.error.organizationRowNotFound");
  await underEventLock(db, event.id, async (tx) => {
    const list = await organizationRows(tx, event.id);
    const before = list.find((row) => row.id === rowId);
    if (!before) throw notFound("events.error.organizationRowNotFound");
    if (before.role === "lead" && isLastLead(list, rowId))
      throw invalid({ role: ["events.error.lastLead"] });
    await tx.delete(eventOrganizations).where(eq(eventOrganizations.id, rowId));
    await writeOrder(
      tx,
      eventOrganizations,
      list.filter((row) => row.id !== rowId).map((row) => row.id),
    );
    await auditDelete(tx, {
      actor: acting,
      entityType: entity.organization,
      entityId: rowId,
      entityLabel: `${event.name} · ${before.organizationName}`,
      record: before,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Committees

async function committeeRows(
  db: DbOrTx,
  eventId: string,
  allContacts: boolean,
): Promise<CommitteeMemberView[]> {
  const rows = await db
    .select({
      id: eventCommitteeMembers.id,
      committee: eventCommitteeMembers.committee,
      personId: eventCommitteeMembers.personId,
      name: people.name,
      title: people.title,
      role: eventCommitteeMembers.role,
      showEmail: eventCommitteeMembers.showEmail,
      showPhone: eventCommitteeMembers.showPhone,
      email: people.email,
      phone: people.phone,
      position: eventCommitteeMembers.position,
      version: eventCommitteeMembers.version,
    })
    .from(eventCommitteeMembers)
    .innerJoin(people, eq(people.id, eventCommitteeMembers.personId))
    .where(eq(eventCommitteeMembers.eventId, eventId))
    .orderBy(
      asc(eventCommitteeMembers.committee),
      asc(eventCommitteeMembers.position),
      asc(people.name),
      asc(eventCommitteeMembers.id),
    );
  return rows.map((row) => ({
    ...row,
    email: allContacts || row.showEmail ? row.email : null,
    phone: allContacts || row.showPhone ? row.phone : null,
  }));
}

/**
 * Both committees' members in order. Contact details as the organizer chose them for the
 * public; every detail for those who edit the event.
 */
export async function listCommitteeMembers(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<CommitteeMemberView[]> {
  const { event, access } = await loadEventAccess(db, actor, eventId);
  return committeeRows(db, event.id, policy.canEditEvent(access));
}

/**
 * Adds a person to the program or organizing committee, last in its order. Committee members
 * edit the event, so only its organizers choose them.
 */
export async function addCommitteeMember(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TCommitteeMemberCreateInput,
): Promise<CommitteeMemberView> {
  const { event, acting } = await requireEventOrganizer(db, actor, eventId);
  const data = parseOrThrow(ZCommitteeMemberCreateSchema, input);
  const id = await underEventLock(db, event.id, async (tx) => {
    const [person] = await tx
      .select({ name: people.name })
      .from(people)
      .where(eq(people.id, data.personId));
    if (!person) throw invalid({ personId: ["events.error.personNotFound"] });
    const list = (await committeeRows(tx, event.id, true)).filter(
      (row) => row.committee === data.committee,
    );
    if (list.some((row) => row.personId === data.personId))
      throw invalid({ personId: ["events.error.alreadyInCommittee"] });
    const row = await auditInserted(
      tx,
      await tx
        .insert(eventCommitteeMembers)
        .values({
          eventId: event.id,
          committee: data.committee,
          personId: data.personId,
          role: data.role,
          showEmail: data.showEmail,
          showPhone: data.showPhone,
          position: list.length ? Math.max(...list.map((member) => member.position)) + 1 : 0,
        })
        .returning(),
      {
        actor: acting,
        entityType: entity.committeeMember,
        label: () => `${event.name} · ${person.name}`,
      },
    );
    return row.id;
  });
  return (await committeeRows(db, event.id, true)).find((row) => row.id === id)!;
}

/** Changes a committee member's role, shown contact details or place. Organizers only. */
export async function updateCommitteeMember(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  memberId: string,
  input: TCommitteeMemberUpdateInput,
): Promise<CommitteeMemberView> {
  const { event, acting } = await requireEventOrganizer(db, actor, eventId);
  if (!isUuid(memberId)) throw notFound("events.error.committeeMemberNotFound");
  const data = parseOrThrow(ZCommitteeMemberUpdateSchema, input);
  return updateListed(db, acting, event, {
    id: memberId,
    notFoundKey: "events.error.committeeMemberNotFound",
    entityType: entity.committeeMember,
    table: eventCommitteeMembers,
    rows: (tx) => committeeRows(tx, event.id, true),
    position: data.position,
    version: data.version,
    siblings: (all, before) => all.filter((row) => row.committee === before.committee),
    write: async (tx, before) => {
      await tx
        .update(eventCommitteeMembers)
        .set({
          role: data.role ?? before.role,
          showEmail: data.showEmail ?? before.showEmail,
          showPhone: data.showPhone ?? before.showPhone,
          updatedAt: new Date(),
        })
        .where(eq(eventCommitteeMembers.id, memberId));
    },
    label: (after) => `${event.name} · ${after.name}`,
    record: committeeRecord,
  });
}

function committeeRecord(row: CommitteeMemberView) {
  return {
    committee: row.committee,
    personId: row.personId,
    role: row.role,
    showEmail: row.showEmail,
    showPhone: row.showPhone,
    position: row.position,
  };
}

export async function removeCommitteeMember(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  memberId: string,
): Promise<void> {
  const { event, acting } = await requireEventOrganizer(db, actor, eventId);
  await removeEventRow(db, acting, event, {
    id: memberId,
    notFoundKey: "events.error.committeeMemberNotFound",
    entityType: entity.committeeMember,
    table: eventCommitteeMembers,
    label: () => event.name,
  });
}

// ---------------------------------------------------------------------------------------------
// Speakers

const speakerColumns = {
  id: eventSpeakers.id,
  name: eventSpeakers.name,
  title: eventSpeakers.title,
  bio: eventSpeakers.bio,
  organizationId: eventSpeakers.organizationId,
  directoryName: organizations.name,
  freeName: eventSpeakers.organizationName,
  personId: eventSpeakers.personId,
  version: eventSpeakers.version,
};

type SpeakerRowOut = {
  id: string;
  name: string;
  title: string;
  bio: string;
  organizationId: string | null;
  directoryName: string | null;
  freeName: string;
  personId: string | null;
  version: number;
};

function toSpeakerView(row: SpeakerRowOut): SpeakerView {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    bio: row.bio,
    organizationId: row.organizationId,
    organizationName: row.directoryName ?? row.freeName,
    personId: row.personId,
    version: row.version,
  };
}

async function speakerRows(db: DbOrTx, eventId: string, ids?: string[]): Promise<SpeakerView[]> {
  const rows = await db
    .select(speakerColumns)
    .from(eventSpeakers)
    .leftJoin(organizations, eq(organizations.id, eventSpeakers.organizationId))
    .where(
      and(eq(eventSpeakers.eventId, eventId), ids ? inArray(eventSpeakers.id, ids) : undefined),
    )
    .orderBy(asc(eventSpeakers.name), asc(eventSpeakers.id));
  return rows.map(toSpeakerView);
}

async function speakerById(
  db: DbOrTx,
  eventId: string,
  speakerId: string,
): Promise<SpeakerView | null> {
  if (!isUuid(speakerId)) return null;
  return (await speakerRows(db, eventId, [speakerId]))[0] ?? null;
}

export const listSpeakers = eventListReader(speakerRows);

export async function getSpeaker(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  speakerId: string,
): Promise<SpeakerView> {
  const { event } = await loadEventAccess(db, actor, eventId);
  const speaker = await speakerById(db, event.id, speakerId);
  if (!speaker) throw notFound("events.error.speakerNotFound");
  return speaker;
}

async function assertSpeakerLinks(
  tx: DbOrTx,
  data: { organizationId?: string | null; personId?: string | null },
) {
  if (data.organizationId) {
    const [row] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, data.organizationId));
    if (!row) throw invalid({ organizationId: ["events.error.organizationNotFound"] });
  }
  if (data.personId) {
    const [row] = await tx
      .select({ id: people.id })
      .from(people)
      .where(eq(people.id, data.personId));
    if (!row) throw invalid({ personId: ["events.error.personNotFound"] });
  }
}

export async function addSpeaker(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TSpeakerCreateInput,
): Promise<SpeakerView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZSpeakerCreateSchema, input);
  const id = await withDbErrors(() =>
    db.transaction(async (tx) => {
      await assertSpeakerLinks(tx, data);
      const row = await auditInserted(
        tx,
        await tx
          .insert(eventSpeakers)
          .values({
            eventId: event.id,
            name: data.name,
            title: data.title ?? "",
            bio: data.bio ?? "",
            organizationId: data.organizationId ?? null,
            organizationName: data.organizationId ? "" : (data.organizationName ?? ""),
            personId: data.personId ?? null,
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.speaker,
          label: (row) => `${event.name} · ${row.name}`,
        },
      );
      return row.id;
    }),
  );
  return (await speakerById(db, event.id, id))!;
}

export async function updateSpeaker(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  speakerId: string,
  input: TSpeakerUpdateInput,
): Promise<SpeakerView> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(speakerId)) throw notFound("events.error.speakerNotFound");
  const data = parseOrThrow(ZSpeakerUpdateSchema, input);
  await withDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(eventSpeakers)
        .where(and(eq(eventSpeakers.id, speakerId), eq(eventSpeakers.eventId, event.id)))
        .for("update");
      if (!before) throw notFound("events.error.speakerNotFound");
      assertVersion(before, data.version);
      await assertSpeakerLinks(tx, data);
      const organizationId =
        data.organizationId === undefined ? before.organizationId : data.organizationId;
      await auditUpdated(
        tx,
        await tx
          .update(eventSpeakers)
          .set({
            name: data.name ?? before.name,
            title: data.title ?? before.title,
            bio: data.bio ?? before.bio,
            organizationId,
            organizationName: organizationId
              ? ""
              : (data.organizationName ?? before.organizationName),
            personId: data.personId === undefined ? before.personId : data.personId,
            ...nextVersion(before),
          })
          .where(eq(eventSpeakers.id, speakerId))
          .returning(),
        {
          actor: acting,
          entityType: entity.speaker,
          before,
          label: (after) => `${event.name} · ${after.name}`,
          missing: () => notFound("events.error.speakerNotFound"),
        },
      );
    }),
  );
  return (await speakerById(db, event.id, speakerId))!;
}

/** Removes a speaker from the event and from every session (and as MC). */
export async function removeSpeaker(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  speakerId: string,
): Promise<void> {
  const { event, acting } = await requireEventEditor(db, actor, eventId);
  await removeEventRow(db, acting, event, {
    id: speakerId,
    notFoundKey: "events.error.speakerNotFound",
    entityType: entity.speaker,
    table: eventSpeakers,
    label: (before) => `${event.name} · ${before.name}`,
  });
}

async function assertSpeakersOfEvent(
  tx: DbOrTx,
  eventId: string,
  ids: readonly string[],
  field: string,
) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = await tx
    .select({ id: eventSpeakers.id })
    .from(eventSpeakers)
    .where(and(eq(eventSpeakers.eventId, eventId), inArray(eventSpeakers.id, unique)));
  if (found.length !== unique.length) throw invalid({ [field]: ["events.error.speakerNotFound"] });
}

/** The speakers, panelists and moderators given for a session are speakers of the event. */
async function assertSessionPeopleOfEvent(
  tx: DbOrTx,
  eventId: string,
  data: Parameters<typeof sessionPeople>[0],
) {
  await assertSpeakersOfEvent(tx, eventId, data.speakerIds ?? [], "speakerIds");
  await assertSpeakersOfEvent(tx, eventId, data.panelistIds ?? [], "panelistIds");
  await assertSpeakersOfEvent(tx, eventId, data.moderatorIds ?? [], "moderatorIds");
}

// ---------------------------------------------------------------------------------------------
// Sessions

async function sessionRows(
  db: DbOrTx,
  event: Pick<EventRow, "id" | "timeZone">,
  where?: SQL,
): Promise<SessionView[]> {
  const rows = await db
    .select({
      id: eventSessions.id,
      eventId: eventSessions.eventId,
      kind: eventSessions.kind,
      title: eventSessions.title,
      abstract: eventSessions.abstract,
      startsAt: eventSessions.startsAt,
      endsAt: eventSessions.endsAt,
      roomId: eventSessions.roomId,
      roomName: eventRooms.name,
      trackId: eventSessions.trackId,
      trackName: eventTracks.name,
      version: eventSessions.version,
    })
    .from(eventSessions)
    .leftJoin(eventRooms, eq(eventRooms.id, eventSessions.roomId))
    .leftJoin(eventTracks, eq(eventTracks.id, eventSessions.trackId))
    .where(and(eq(eventSessions.eventId, event.id), where))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.endsAt), asc(eventSessions.title));
  const personRows = rows.length
    ? await db
        .select({
          sessionId: eventSessionPeople.sessionId,
          speakerId: eventSessionPeople.speakerId,
          role: eventSessionPeople.role,
          position: eventSessionPeople.position,
          name: eventSpeakers.name,
          title: eventSpeakers.title,
          directoryName: organizations.name,
          freeName: eventSpeakers.organizationName,
        })
        .from(eventSessionPeople)
        .innerJoin(eventSpeakers, eq(eventSpeakers.id, eventSessionPeople.speakerId))
        .leftJoin(organizations, eq(organizations.id, eventSpeakers.organizationId))
        .where(
          inArray(
            eventSessionPeople.sessionId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(asc(eventSessionPeople.position), asc(eventSpeakers.name))
    : [];
  const roleOrder: Record<SessionPersonRole, number> = { speaker: 0, panelist: 1, moderator: 2 };
  return rows.map((row) => ({
    ...row,
    ...sessionLocalTimes(row, event.timeZone),
    people: personRows
      .filter((person) => person.sessionId === row.id)
      .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.position - b.position)
      .map((person) => ({
        speakerId: person.speakerId,
        name: person.name,
        title: person.title,
        organizationName: person.directoryName ?? person.freeName,
        role: person.role,
      })),
  }));
}

/** Every session of the event, in time order (for editors and the API). */
export async function listSessions(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<SessionView[]> {
  const { event } = await loadEventAccess(db, actor, eventId);
  return sessionRows(db, event);
}

export async function getSession(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  sessionId: string,
): Promise<{ event: EventView; session: SessionView; can: EventCan }> {
  const { event, access } = await loadEventAccess(db, actor, eventId);
  if (!isUuid(sessionId)) throw notFound("events.error.sessionNotFound");
  const [session] = await sessionRows(db, event, eq(eventSessions.id, sessionId));
  if (!session) throw notFound("events.error.sessionNotFound");
  return { event: toEventView(event), session, can: canOf(access) };
}

/**
 * The public program: sessions grouped per day in the event's time zone, filtered by day,
 * track and kind (an unknown filter value is refused as a validation error).
 */
export async function getProgram(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  filterInput: TProgramFilterInput = {},
): Promise<Program> {
  const { event, access } = await loadEventAccess(db, actor, eventId);
  const filter = parseOrThrow(ZProgramFilterSchema, filterInput);
  const days = eventDays(event.startDate, event.endDate);
  const all = await sessionRows(db, event);
  const tracks = await trackRows(db, event.id);
  const kinds = [...new Set(all.map((session) => session.kind))];
  const shown = filterProgram(all, filter, event.timeZone);
  const shownDays = filter.day ? days.filter((day) => day === filter.day) : days;
  const program = groupByDay(shown, event.timeZone, filter.trackId || filter.kind ? [] : shownDays);
  return {
    event: toEventView(event),
    can: canOf(access),
    days,
    rooms: await roomRows(db, event.id),
    tracks,
    kinds,
    filter: {
      ...(filter.day ? { day: filter.day } : {}),
      ...(filter.trackId ? { trackId: filter.trackId } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    program,
    mc: event.mcSpeakerId ? await speakerById(db, event.id, event.mcSpeakerId) : null,
  };
}

/** "2026-05-12 09:00–10:00" in the event's time zone: how a clash names the time. */
function clashTime(session: Interval, timeZone: string): string {
  const local = sessionLocalTimes(session, timeZone);
  return `${local.date} ${local.startTime}–${local.endTime}`;
}

/** The event's sessions overlapping an interval, with their people (under the event's lock). */
async function overlappingSessions(
  tx: DbOrTx,
  eventId: string,
  interval: Interval,
): Promise<PlannedSession[]> {
  const rows = await tx
    .select({
      id: eventSessions.id,
      title: eventSessions.title,
      startsAt: eventSessions.startsAt,
      endsAt: eventSessions.endsAt,
      roomId: eventSessions.roomId,
    })
    .from(eventSessions)
    .where(
      and(
        eq(eventSessions.eventId, eventId),
        lt(eventSessions.startsAt, interval.endsAt),
        sql`${eventSessions.endsAt} > ${interval.startsAt}`,
      ),
    );
  const personRows = rows.length
    ? await tx
        .select({
          sessionId: eventSessionPeople.sessionId,
          speakerId: eventSessionPeople.speakerId,
          role: eventSessionPeople.role,
        })
        .from(eventSessionPeople)
        .where(
          inArray(
            eventSessionPeople.sessionId,
            rows.map((row) => row.id),
          ),
        )
    : [];
  return rows.map((row) => ({
    ...row,
    people: personRows.filter((person) => person.sessionId === row.id),
  }));
}

/** Refuses the first clash found: a room already booked, a speaker already elsewhere. */
async function assertNoClash(
  tx: DbOrTx,
  event: EventRow,
  candidate: Interval & { id?: string; roomId: string | null; people: SessionPerson[] },
) {
  const existing = await overlappingSessions(tx, event.id, candidate);
  const conflicts = findConflicts(candidate, existing);
  const first: Conflict | undefined = conflicts[0];
  if (first?.kind === "room") {
    const [room] = await tx
      .select({ name: eventRooms.name })
      .from(eventRooms)
      .where(eq(eventRooms.id, first.roomId));
    throw new ProgramClashError("events.error.roomTaken", "roomId", {
      room: room?.name ?? "",
      session: first.session.title,
      time: clashTime(first.session, event.timeZone),
    });
  }
  if (first?.kind === "speaker") {
    const [speaker] = await tx
      .select({ name: eventSpeakers.name })
      .from(eventSpeakers)
      .where(eq(eventSpeakers.id, first.speakerId));
    const role = candidate.people.find((person) => person.speakerId === first.speakerId)?.role;
    throw new ProgramClashError(
      "events.error.speakerBusy",
      role === "panelist" ? "panelistIds" : role === "moderator" ? "moderatorIds" : "speakerIds",
      {
        speaker: speaker?.name ?? "",
        session: first.session.title,
        time: clashTime(first.session, event.timeZone),
      },
    );
  }
  // A network's side meeting reservation holds a room too (bookings-service.ts).
  if (candidate.roomId) {
    const { reservations } = await roomConflicts(tx, candidate.roomId, candidate);
    const reservation = reservations[0];
    if (reservation) {
      const [room] = await tx
        .select({ name: eventRooms.name })
        .from(eventRooms)
        .where(eq(eventRooms.id, candidate.roomId));
      throw new ProgramClashError("events.error.roomReserved", "roomId", {
        room: room?.name ?? "",
        network: reservation.networkName,
        time: clashTime(reservation, event.timeZone),
      });
    }
  }
}

async function assertInEvent(
  tx: DbOrTx,
  event: EventRow,
  data: { roomId?: string | null; trackId?: string | null; date: string },
) {
  if (!isEventDay(data.date, event.startDate, event.endDate))
    throw invalid({ date: ["events.error.dateOutsideEvent"] });
  if (data.roomId) {
    const [room] = await tx
      .select({ id: eventRooms.id })
      .from(eventRooms)
      .where(and(eq(eventRooms.id, data.roomId), eq(eventRooms.eventId, event.id)));
    if (!room) throw invalid({ roomId: ["events.error.roomNotFound"] });
  }
  if (data.trackId) {
    const [track] = await tx
      .select({ id: eventTracks.id })
      .from(eventTracks)
      .where(and(eq(eventTracks.id, data.trackId), eq(eventTracks.eventId, event.id)));
    if (!track) throw invalid({ trackId: ["events.error.trackNotFound"] });
  }
}

async function writePeople(tx: DbOrTx, sessionId: string, list: readonly SessionPerson[]) {
  await tx.delete(eventSessionPeople).where(eq(eventSessionPeople.sessionId, sessionId));
  if (!list.length) return;
  const positions = new Map<SessionPersonRole, number>();
  await tx.insert(eventSessionPeople).values(
    list.map((person) => {
      const position = positions.get(person.role) ?? 0;
      positions.set(person.role, position + 1);
      return { sessionId, speakerId: person.speakerId, role: person.role, position };
    }),
  );
}

/**
 * Adds a session to the program. Under the event's row lock (and the room's, which side
 * meetings take too), in the same transaction as the insert: a room already booked at an
 * overlapping time, or a speaker, panelist or moderator already in another session then, is
 * refused with a message naming the clashing session.
 */
export async function createSession(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  input: TSessionCreateInput,
): Promise<SessionView> {
  const { event: seen, acting } = await requireEventEditor(db, actor, eventId);
  const data = parseOrThrow(ZSessionCreateSchema, input);
  const list = sessionPeople(data);
  const id = await underEventLock(db, seen.id, async (tx, event) => {
    await assertInEvent(tx, event, data);
    await assertSessionPeopleOfEvent(tx, event.id, data);
    const interval = sessionInterval(data.date, data.startTime, data.endTime, event.timeZone);
    if (data.roomId) await lockRoom(tx, event.id, data.roomId);
    await assertNoClash(tx, event, { ...interval, roomId: data.roomId ?? null, people: list });
    const row = await auditInserted(
      tx,
      await tx
        .insert(eventSessions)
        .values({
          eventId: event.id,
          kind: data.kind,
          title: data.title,
          abstract: data.abstract ?? "",
          startsAt: interval.startsAt,
          endsAt: interval.endsAt,
          roomId: data.roomId ?? null,
          trackId: data.trackId ?? null,
        })
        .returning(),
      {
        actor: acting,
        entityType: entity.session,
        label: (session) => `${event.name} · ${session.title}`,
        record: (session) => ({ ...session, people: list }),
      },
    );
    await writePeople(tx, row.id, list);
    return row.id;
  });
  const [session] = await sessionRows(db, seen, eq(eventSessions.id, id));
  return session!;
}

/**
 * Changes a session (version-checked), with the same clash checks as adding, under the same
 * locks. A list of people given replaces that role's people; absent lists stay.
 */
export async function updateSession(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  sessionId: string,
  input: TSessionUpdateInput,
): Promise<SessionView> {
  const { event: seen, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(sessionId)) throw notFound("events.error.sessionNotFound");
  const data = parseOrThrow(ZSessionUpdateSchema, input);
  await underEventLock(db, seen.id, async (tx, event) => {
    const [before] = await sessionRows(tx, event, eq(eventSessions.id, sessionId));
    if (!before) throw notFound("events.error.sessionNotFound");
    assertVersion(before, data.version);
    const date = data.date ?? before.date;
    const startTime = data.startTime ?? before.startTime;
    const endTime = data.endTime ?? before.endTime;
    if (endTime <= startTime) throw invalid({ endTime: ["events.error.endTimeBeforeStart"] });
    const roomId = data.roomId === undefined ? before.roomId : data.roomId;
    const trackId = data.trackId === undefined ? before.trackId : data.trackId;
    await assertInEvent(tx, event, { date, roomId, trackId });
    const idsOf = (role: SessionPersonRole) =>
      before.people.filter((person) => person.role === role).map((person) => person.speakerId);
    const speakerIds = data.speakerIds ?? idsOf("speaker");
    const panelistIds = data.panelistIds ?? idsOf("panelist");
    const moderatorIds = data.moderatorIds ?? idsOf("moderator");
    await assertSessionPeopleOfEvent(tx, event.id, data);
    const list = sessionPeople({ speakerIds, panelistIds, moderatorIds });
    const interval = sessionInterval(date, startTime, endTime, event.timeZone);
    if (roomId) await lockRoom(tx, event.id, roomId);
    await assertNoClash(tx, event, { ...interval, id: sessionId, roomId, people: list });
    await auditUpdated(
      tx,
      await tx
        .update(eventSessions)
        .set({
          kind: data.kind ?? before.kind,
          title: data.title ?? before.title,
          abstract: data.abstract ?? before.abstract,
          startsAt: interval.startsAt,
          endsAt: interval.endsAt,
          roomId,
          trackId,
          ...nextVersion(before),
        })
        .where(eq(eventSessions.id, sessionId))
        .returning(),
      {
        actor: acting,
        entityType: entity.session,
        before: sessionRecord(before),
        label: (after) => `${event.name} · ${after.title}`,
        record: (after) => sessionRecord({ ...after, people: list }),
        missing: () => notFound("events.error.sessionNotFound"),
      },
    );
    await writePeople(tx, sessionId, list);
  });
  const [session] = await sessionRows(db, seen, eq(eventSessions.id, sessionId));
  return session!;
}

function sessionRecord(row: {
  kind: SessionKind;
  title: string;
  abstract: string;
  startsAt: Date;
  endsAt: Date;
  roomId: string | null;
  trackId: string | null;
  version: number;
  people: readonly { speakerId: string; role: SessionPersonRole }[];
}) {
  return {
    kind: row.kind,
    title: row.title,
    abstract: row.abstract,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    roomId: row.roomId,
    trackId: row.trackId,
    version: row.version,
    people: row.people.map((person) => `${person.role}:${person.speakerId}`).join(", "),
  };
}

export async function deleteSession(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  sessionId: string,
  options: TSessionDeleteInput = {},
): Promise<void> {
  const { event: seen, acting } = await requireEventEditor(db, actor, eventId);
  if (!isUuid(sessionId)) throw notFound("events.error.sessionNotFound");
  const { version } = parseOrThrow(ZSessionDeleteSchema, options);
  await underEventLock(db, seen.id, async (tx, event) => {
    const [before] = await sessionRows(tx, event, eq(eventSessions.id, sessionId));
    if (!before) throw notFound("events.error.sessionNotFound");
    assertVersion(before, version);
    await tx.delete(eventSessions).where(eq(eventSessions.id, sessionId));
    await auditDelete(tx, {
      actor: acting,
      entityType: entity.session,
      entityId: sessionId,
      entityLabel: `${event.name} · ${before.title}`,
      record: sessionRecord(before),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Choices for forms

export type Choice = { id: string; name: string };

/** Organizations an actor may make an event's lead: all for platform admins, else managed. */
export async function listLeadChoices(db: DbOrTx, actor: Actor | null): Promise<Choice[]> {
  if (!actor) return [];
  const columns = { id: organizations.id, name: organizations.name };
  if (actor.isPlatformAdmin)
    return db.select(columns).from(organizations).orderBy(asc(organizations.name)).limit(10_000);
  const ids = await subtreeIds(db, [...actor.orgRoles.keys()]);
  if (!ids.length) return [];
  return db
    .select(columns)
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .orderBy(asc(organizations.name));
}

/** Every organization of the directory, for organizer and speaker fields (editors only). */
export async function organizationChoices(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
): Promise<Choice[]> {
  await requireEventEditor(db, actor, eventId);
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.name))
    .limit(10_000);
}

/** People to choose as committee members: matching `q` (name, title, email), at most 50. */
export async function personChoices(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  q: string | undefined,
): Promise<(Choice & { title: string | null })[]> {
  await requireEventOrganizer(db, actor, eventId);
  const text = q?.trim().slice(0, 200) ?? "";
  return db
    .select({ id: people.id, name: people.name, title: people.title })
    .from(people)
    .where(
      text
        ? or(
            ilike(people.name, likePattern(text)),
            ilike(people.title, likePattern(text)),
            ilike(people.email, likePattern(text)),
          )
        : undefined,
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(text ? 50 : 200);
}
