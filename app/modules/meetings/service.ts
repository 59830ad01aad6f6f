// Use cases of the meetings core: series, meetings, agendas, participants and attendance.
//
// Every function takes a database (or a transaction), the acting user (null for the public) and
// its input; it validates the input with schemas.ts, checks permissions with the networks policy
// (through loadNetworkAccess), writes in one transaction with an audit entry, and throws AppError
// for anything a user can act on.
//
// What the public sees: on a public network, a series' name and rule and a meeting's title,
// date and time (and whether it is cancelled). Place, link, agenda, participants, attendance and
// open actions are members' content (policy.canReadMembersContent). Members-only networks are
// "not found" to outsiders.
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { todayIn } from "../../i18n/format.ts";
import type { Actor } from "../../platform/actor.ts";
import {
  auditCreate,
  auditDelete,
  auditInserted,
  auditUpdate,
  auditUpdated,
} from "../../platform/audit/service.ts";
import { AppError, invalid, requireActor } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { utcToZoned, zonedToUtc } from "../../platform/time.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import { pgErrorOf, withDbErrors } from "../directory/db-helpers.ts";
import { affiliations, organizations, people, type TimeZone } from "../directory/schema.ts";
import { loadNetworkAccess } from "../networks/access.ts";
import * as policy from "../networks/policy.ts";
import type { NetworkAccess } from "../networks/policy.ts";
import { networkMembers, type NetworkRow } from "../networks/schema.ts";
import { carriedActions, type MyAction } from "./actions.ts";
import { newFeedToken } from "./calendar.ts";
import { canReadMinutes } from "./documents.ts";
import {
  notifyMeetingCancelled,
  notifyMeetingChanged,
  notifyMeetingPlanned,
  notifyParticipantsAdded,
  notifyParticipantsRemoved,
} from "./notifications.ts";
import {
  describeRrule,
  expandOccurrences,
  isOccurrence,
  mergeSeriesEntries,
  moveItem,
  moveToPosition,
  normalizeRrule,
  renumber,
  type RuleDescription,
  type SeriesEntry,
} from "./rules.ts";
import {
  agendaItemPeople,
  agendaItems,
  meetingMinutes,
  meetingParticipants,
  meetings,
  meetingSeries,
  type AgendaItemRow,
  type Attendance,
  type DocumentLink,
  type MeetingRow,
  type MeetingSeriesRow,
  type MeetingStatus,
  type ParticipantKind,
} from "./schema.ts";
import {
  ZAgendaItemCreateSchema,
  ZAgendaItemUpdateSchema,
  ZAgendaMoveSchema,
  ZAttendanceUpdateSchema,
  ZMeetingCancelSchema,
  ZMeetingPlanSchema,
  ZMeetingUpdateSchema,
  ZParticipantAddSchema,
  ZSeriesCreateSchema,
  ZSeriesUpdateSchema,
  type TAgendaItemCreateInput,
  type TAgendaItemUpdateInput,
  type TAgendaMoveInput,
  type TAttendanceUpdateInput,
  type TMeetingCancelInput,
  type TMeetingPlanInput,
  type TMeetingUpdateInput,
  type TParticipantAddInput,
  type TSeriesCreateInput,
  type TSeriesUpdateInput,
} from "./schemas.ts";

// ---------------------------------------------------------------------------------------------
// Types handed to routes and the API

export type Series = {
  id: string;
  networkId: string;
  name: string;
  rrule: string;
  firstDate: string;
  startTime: string;
  endTime: string;
  timeZone: TimeZone;
  /** Empty for readers without members' access. */
  place: string;
  onlineUrl: string | null;
  version: number;
};

export type SeriesCan = { edit: boolean; readMembersContent: boolean };

export type SeriesPage = {
  series: Series;
  network: { id: string; name: string };
  rule: RuleDescription | null;
  can: SeriesCan;
  /** Coming meetings and not-yet-planned occurrences, in order. */
  next: SeriesEntry[];
  past: { id: string; title: string; startsAt: Date; endsAt: Date; status: MeetingStatus }[];
  /** The series' subscribable calendar feed (a secret URL path): members' content. */
  feedPath: string | null;
};

export type Meeting = {
  id: string;
  networkId: string;
  seriesId: string | null;
  occurrenceStart: Date | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: TimeZone;
  /** Local date and times in the meeting's time zone. */
  date: string;
  startTime: string;
  endTime: string;
  /** Place, link, chair and secretary: members' content (empty / null for the public). */
  place: string;
  onlineUrl: string | null;
  chairPersonId: string | null;
  secretaryPersonId: string | null;
  status: MeetingStatus;
  icalSequence: number;
  version: number;
};

export type PersonRef = { id: string; name: string };

export type AgendaItem = {
  id: string;
  number: number;
  title: string;
  purpose: string;
  plannedMinutes: number | null;
  documentLinks: DocumentLink[];
  responsible: PersonRef[];
  guests: PersonRef[];
};

export type Participant = {
  id: string;
  personId: string;
  name: string;
  title: string | null;
  organizationId: string | null;
  organizationName: string | null;
  kind: ParticipantKind;
  attendance: Attendance;
  /** For guests: the agenda items they come for. */
  items: { id: string; number: number; title: string }[];
};

export type MeetingCan = {
  edit: boolean;
  readMembersContent: boolean;
  /** The actor is a member and a participant: they may set their own attendance. */
  updateOwnAttendance: boolean;
  /** The minutes (page, DOCX, PDF) are readable in their state: published public ones by all. */
  readMinutes: boolean;
};

export type MeetingPage = {
  meeting: Meeting;
  network: { id: string; name: string; ownerOrganizationName: string };
  series: { id: string; name: string } | null;
  chair: PersonRef | null;
  secretary: PersonRef | null;
  can: MeetingCan;
  /** The actor's own person, for "my attendance". */
  myPersonId: string | null;
  agenda: AgendaItem[];
  members: Participant[];
  guests: Participant[];
  /** Open actions of the earlier meetings of the meeting's series, carried over to this one. */
  openActions: MyAction[];
  nextMeetings: SeriesEntry[];
};

const entity = {
  series: "meeting_series",
  meeting: "meeting",
  agendaItem: "agenda_item",
  participant: "meeting_participant",
} as const;

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** Refusal for the public first (so they are asked to log in), else forbidden. */
function refuse(actor: Actor | null): never {
  requireActor(actor);
  throw new AppError("forbidden", "error.forbidden");
}

function meetingNotFound(): AppError {
  return new AppError("not_found", "meetings.error.notFound");
}

function seriesNotFound(): AppError {
  return new AppError("not_found", "meetings.error.seriesNotFound");
}

function participantNotFound(): AppError {
  return new AppError("not_found", "meetings.error.participantNotFound");
}

function conflict(): AppError {
  return new AppError("conflict", "meetings.error.conflict");
}

function seriesConflict(): AppError {
  return new AppError("conflict", "meetings.error.seriesConflict");
}

function today(): string {
  return todayIn("Europe/Stockholm");
}

/** Database refusals a user can act on: an occurrence planned twice at once. */
async function withMeetingDbErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withDbErrors(work);
  } catch (error) {
    const { code, constraint } = pgErrorOf(error);
    if (code === "23505" && constraint === "meetings_series_occurrence_key")
      throw new AppError("conflict", "meetings.error.alreadyPlanned");
    throw error;
  }
}

/** The network access for a row the actor reached by id; an invisible network → not found. */
async function accessFor(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  notFound: () => AppError,
): Promise<{ network: NetworkRow; access: NetworkAccess }> {
  try {
    return await loadNetworkAccess(db, actor, networkId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw notFound();
    throw error;
  }
}

function requireEdit(access: NetworkAccess, actor: Actor | null): Actor {
  if (!policy.canEditNetwork(access)) refuse(actor);
  return requireActor(actor);
}

function requireMembersContent(access: NetworkAccess, actor: Actor | null): void {
  if (!policy.canReadMembersContent(access)) refuse(actor);
}

async function loadMeetingRow(db: DbOrTx, id: string): Promise<MeetingRow> {
  const row = isUuid(id)
    ? (await db.select().from(meetings).where(eq(meetings.id, id)))[0]
    : undefined;
  if (!row) throw meetingNotFound();
  return row;
}

async function loadSeriesRow(db: DbOrTx, id: string): Promise<MeetingSeriesRow> {
  const row = isUuid(id)
    ? (await db.select().from(meetingSeries).where(eq(meetingSeries.id, id)))[0]
    : undefined;
  if (!row) throw seriesNotFound();
  return row;
}

/** A meeting and the actor's access to its network (not found if the network is hidden). */
async function meetingAccess(db: DbOrTx, actor: Actor | null, meetingId: string) {
  const meeting = await loadMeetingRow(db, meetingId);
  const { network, access } = await accessFor(db, actor, meeting.networkId, meetingNotFound);
  return { meeting, network, access };
}

/** Locks the meeting row for the rest of the transaction (agenda and attendance writes). */
async function lockMeeting(tx: DbOrTx, id: string): Promise<MeetingRow> {
  const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).for("update");
  if (!row) throw meetingNotFound();
  return row;
}

/** Locks a meeting for a change made from `version`; a stale version is a conflict. */
async function lockMeetingAt(tx: DbOrTx, id: string, version: number): Promise<MeetingRow> {
  const row = await lockMeeting(tx, id);
  assertVersion(row, version, conflict);
  return row;
}

/** Writes changes to a locked meeting as its next version, with the audit entry. */
async function writeMeeting(
  tx: DbOrTx,
  acting: Actor,
  before: MeetingRow,
  changes: Partial<typeof meetings.$inferInsert>,
): Promise<MeetingRow> {
  return auditUpdated(
    tx,
    await tx
      .update(meetings)
      .set({ ...changes, ...nextVersion(before) })
      .where(eq(meetings.id, before.id))
      .returning(),
    {
      actor: acting,
      entityType: entity.meeting,
      before,
      label: (after) => after.title,
      missing: meetingNotFound,
    },
  );
}

/** A series as the audit trail records it: without its calendar feed's secret. */
function seriesRecord({ feedToken: _secret, ...record }: MeetingSeriesRow) {
  return record;
}

function toSeries(row: MeetingSeriesRow, membersContent: boolean): Series {
  return {
    id: row.id,
    networkId: row.networkId,
    name: row.name,
    rrule: row.rrule,
    firstDate: row.firstDate,
    startTime: row.startTime,
    endTime: row.endTime,
    timeZone: row.timeZone,
    place: membersContent ? row.place : "",
    onlineUrl: membersContent ? row.onlineUrl : null,
    version: row.version,
  };
}

function toMeeting(row: MeetingRow, membersContent: boolean): Meeting {
  const start = utcToZoned(row.startsAt, row.timeZone);
  const end = utcToZoned(row.endsAt, row.timeZone);
  return {
    id: row.id,
    networkId: row.networkId,
    seriesId: row.seriesId,
    occurrenceStart: row.occurrenceStart,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    place: membersContent ? row.place : "",
    onlineUrl: membersContent ? row.onlineUrl : null,
    chairPersonId: membersContent ? row.chairPersonId : null,
    secretaryPersonId: membersContent ? row.secretaryPersonId : null,
    status: row.status,
    icalSequence: row.icalSequence,
    version: row.version,
  };
}

async function ownerTimeZone(db: DbOrTx, network: NetworkRow): Promise<TimeZone> {
  const [row] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, network.ownerOrganizationId));
  return row?.timeZone ?? "Europe/Stockholm";
}

/** Refuses person ids that are not in the directory, naming the field. */
async function checkPeopleExist(db: DbOrTx, field: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db.select({ id: people.id }).from(people).where(inArray(people.id, unique));
  if (found.length !== unique.length) throw invalid({ [field]: ["meetings.error.personNotFound"] });
}

/** Current members of a network with the organization they sit for (first row per person). */
async function currentMembers(db: DbOrTx, networkId: string) {
  const day = today();
  const rows = await db
    .select({
      personId: networkMembers.personId,
      organizationId: networkMembers.organizationId,
      role: networkMembers.role,
    })
    .from(networkMembers)
    .where(
      and(
        eq(networkMembers.networkId, networkId),
        lte(networkMembers.startDate, day),
        or(isNull(networkMembers.endDate), gte(networkMembers.endDate, day)),
      ),
    )
    .orderBy(asc(networkMembers.startDate), asc(networkMembers.id));
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.personId) ? false : (seen.add(row.personId), true)));
}

/** The organization a guest comes for: a current affiliation, if any. */
async function guestOrganization(db: DbOrTx, personId: string): Promise<string | null> {
  const day = today();
  const [row] = await db
    .select({ organizationId: affiliations.organizationId })
    .from(affiliations)
    .where(
      and(
        eq(affiliations.personId, personId),
        or(isNull(affiliations.startDate), lte(affiliations.startDate, day)),
        or(isNull(affiliations.endDate), gte(affiliations.endDate, day)),
      ),
    )
    .orderBy(asc(affiliations.createdAt))
    .limit(1);
  return row?.organizationId ?? null;
}

/**
 * Makes the person a participant of the meeting (no-op if they are one already). True when the
 * person became a participant now.
 */
async function ensureParticipant(
  tx: DbOrTx,
  actor: Actor,
  meetingId: string,
  personId: string,
  kind: ParticipantKind,
  organizationId: string | null,
): Promise<boolean> {
  const [existing] = await tx
    .select({ id: meetingParticipants.id })
    .from(meetingParticipants)
    .where(
      and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.personId, personId)),
    );
  if (existing) return false;
  await auditInserted(
    tx,
    await tx
      .insert(meetingParticipants)
      .values({ meetingId, personId, kind, organizationId })
      .returning(),
    { actor, entityType: entity.participant, label: () => personId },
  );
  return true;
}

/** Makes every current member a participant; returns those who were not one already. */
async function inviteCurrentMembers(
  tx: DbOrTx,
  actor: Actor,
  meeting: MeetingRow,
): Promise<string[]> {
  const added: string[] = [];
  for (const member of await currentMembers(tx, meeting.networkId))
    if (
      await ensureParticipant(
        tx,
        actor,
        meeting.id,
        member.personId,
        "member",
        member.organizationId,
      )
    )
      added.push(member.personId);
  return added;
}

// ---------------------------------------------------------------------------------------------
// Series

/**
 * The first date must be an occurrence of the rule: iCalendar counts DTSTART as the first
 * instance whatever the rule says, so a first date off the rule would show an extra meeting in
 * calendars that the series itself does not have.
 */
function checkFirstDate(pattern: {
  rrule: string;
  firstDate: string;
  startTime: string;
  endTime: string;
  timeZone: string;
}) {
  const first = zonedToUtc(pattern.firstDate, pattern.startTime, pattern.timeZone);
  if (!isOccurrence({ ...pattern, rrule: normalizeRrule(pattern.rrule) }, first))
    throw invalid({ firstDate: ["meetings.error.firstDateNotInRule"] });
}

/** Creates a series in a network; the network's editors only. */
export async function createSeries(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
  input: TSeriesCreateInput,
): Promise<Series> {
  const { network, access } = await loadNetworkAccess(db, actor, networkId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZSeriesCreateSchema, input);
  const timeZone = data.timeZone ?? (await ownerTimeZone(db, network));
  checkFirstDate({ ...data, timeZone });
  return withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      const row = await auditInserted(
        tx,
        await tx
          .insert(meetingSeries)
          .values({
            networkId: network.id,
            name: data.name,
            rrule: normalizeRrule(data.rrule),
            firstDate: data.firstDate,
            startTime: data.startTime,
            endTime: data.endTime,
            timeZone,
            place: data.place ?? "",
            onlineUrl: data.onlineUrl || null,
            feedToken: newFeedToken(),
          })
          .returning(),
        {
          actor: acting,
          entityType: entity.series,
          label: (created) => created.name,
          record: seriesRecord,
        },
      );
      return toSeries(row, true);
    }),
  );
}

/** Changes a series (rule, times, place…); meetings already planned keep their own times. */
export async function updateSeries(
  db: DbOrTx,
  actor: Actor | null,
  seriesId: string,
  input: TSeriesUpdateInput,
): Promise<Series> {
  const current = await loadSeriesRow(db, seriesId);
  const { access } = await accessFor(db, actor, current.networkId, seriesNotFound);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZSeriesUpdateSchema, input);
  return withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(meetingSeries)
        .where(eq(meetingSeries.id, seriesId))
        .for("update");
      if (!before) throw seriesNotFound();
      assertVersion(before, data.version, seriesConflict);
      const startTime = data.startTime ?? before.startTime;
      const endTime = data.endTime ?? before.endTime;
      if (endTime <= startTime) throw invalid({ endTime: ["meetings.error.endBeforeStart"] });
      checkFirstDate({
        rrule: data.rrule ?? before.rrule,
        firstDate: data.firstDate ?? before.firstDate,
        startTime,
        endTime,
        timeZone: data.timeZone ?? before.timeZone,
      });
      const after = await auditUpdated(
        tx,
        await tx
          .update(meetingSeries)
          .set({
            name: data.name ?? before.name,
            rrule: data.rrule ? normalizeRrule(data.rrule) : before.rrule,
            firstDate: data.firstDate ?? before.firstDate,
            startTime,
            endTime,
            timeZone: data.timeZone ?? before.timeZone,
            place: data.place ?? before.place,
            onlineUrl: data.onlineUrl === undefined ? before.onlineUrl : data.onlineUrl || null,
            ...nextVersion(before),
          })
          .where(eq(meetingSeries.id, seriesId))
          .returning(),
        {
          actor: acting,
          entityType: entity.series,
          before: seriesRecord(before),
          label: (row) => row.name,
          record: seriesRecord,
          missing: seriesNotFound,
        },
      );
      return toSeries(after, true);
    }),
  );
}

/**
 * Replaces the series' calendar feed link, so that the old one stops working (for instance for
 * a member who has left the network). The network's editors only.
 */
export async function renewSeriesFeed(
  db: DbOrTx,
  actor: Actor | null,
  seriesId: string,
): Promise<void> {
  const current = await loadSeriesRow(db, seriesId);
  const { access } = await accessFor(db, actor, current.networkId, seriesNotFound);
  const acting = requireEdit(access, actor);
  await db.transaction(async (tx) =>
    auditUpdated(
      tx,
      await tx
        .update(meetingSeries)
        .set({ feedToken: newFeedToken(), updatedAt: new Date() })
        .where(eq(meetingSeries.id, current.id))
        .returning(),
      {
        actor: acting,
        entityType: entity.series,
        before: seriesRecord(current),
        label: (row) => row.name,
        record: seriesRecord,
        missing: seriesNotFound,
      },
    ),
  );
}

/** How far ahead "next meetings" looks for occurrences of the rule. */
const horizonMs = 3 * 366 * 86_400_000;

/** The series' coming entries: planned meetings (moved, cancelled) and unplanned occurrences. */
async function seriesEntries(
  db: DbOrTx,
  series: MeetingSeriesRow,
  from: Date,
  limit: number,
): Promise<SeriesEntry[]> {
  const rows = await db
    .select({
      id: meetings.id,
      title: meetings.title,
      occurrenceStart: meetings.occurrenceStart,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      status: meetings.status,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.seriesId, series.id),
        or(gte(meetings.startsAt, from), gte(meetings.occurrenceStart, from)),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(500);
  const occurrences = expandOccurrences(
    series,
    from,
    new Date(from.getTime() + horizonMs),
    limit + rows.length,
  );
  return mergeSeriesEntries(rows, occurrences, from, limit);
}

/** The series page: the series, its rule, the next meetings and occurrences, past meetings. */
export async function getSeries(
  db: DbOrTx,
  actor: Actor | null,
  seriesId: string,
  options: { now?: Date; limit?: number } = {},
): Promise<SeriesPage> {
  const row = await loadSeriesRow(db, seriesId);
  const { network, access } = await accessFor(db, actor, row.networkId, seriesNotFound);
  const now = options.now ?? new Date();
  const members = policy.canReadMembersContent(access);
  const past = await db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      status: meetings.status,
    })
    .from(meetings)
    .where(and(eq(meetings.seriesId, row.id), lt(meetings.startsAt, now)))
    .orderBy(desc(meetings.startsAt))
    .limit(50);
  return {
    series: toSeries(row, members),
    network: { id: network.id, name: network.name },
    rule: describeRrule(row.rrule),
    can: { edit: policy.canEditNetwork(access), readMembersContent: members },
    next: await seriesEntries(db, row, now, options.limit ?? 10),
    past,
    feedPath: members ? `/calendar/series/${row.feedToken}.ics` : null,
  };
}

/** The series of a network, by name (for the network page and the API). */
export async function listSeries(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
): Promise<Series[]> {
  const { access } = await loadNetworkAccess(db, actor, networkId);
  const rows = await db
    .select()
    .from(meetingSeries)
    .where(eq(meetingSeries.networkId, networkId))
    .orderBy(asc(meetingSeries.name), asc(meetingSeries.id));
  return rows.map((row) => toSeries(row, policy.canReadMembersContent(access)));
}

// ---------------------------------------------------------------------------------------------
// Meetings

/**
 * Plans a meeting: an occurrence of a series becomes a row (times, place and title from the
 * series), or a single meeting is made. The network's chair and secretary are the meeting's by
 * default, and every current member is invited unless `inviteMembers` is false.
 */
export async function planMeeting(
  db: DbOrTx,
  actor: Actor | null,
  input: TMeetingPlanInput,
): Promise<Meeting> {
  const data = parseOrThrow(ZMeetingPlanSchema, input);
  const series = data.seriesId ? await loadSeriesRow(db, data.seriesId) : null;
  const networkId = series?.networkId ?? data.networkId ?? "";
  const { network, access } = await accessFor(
    db,
    actor,
    networkId,
    series ? seriesNotFound : () => new AppError("not_found", "networks.error.notFound"),
  );
  const acting = requireEdit(access, actor);
  let values: {
    title: string;
    startsAt: Date;
    endsAt: Date;
    timeZone: TimeZone;
    occurrenceStart: Date | null;
  };
  if (series) {
    const occurrenceStart = new Date(data.occurrenceStart ?? "");
    if (!isOccurrence(series, occurrenceStart))
      throw invalid({ occurrenceStart: ["meetings.error.notAnOccurrence"] });
    const local = utcToZoned(occurrenceStart, series.timeZone);
    const date = data.date ?? local.date;
    values = {
      title: data.title ?? series.name,
      startsAt: zonedToUtc(date, data.startTime ?? series.startTime, series.timeZone),
      endsAt: zonedToUtc(date, data.endTime ?? series.endTime, series.timeZone),
      timeZone: series.timeZone,
      occurrenceStart,
    };
  } else {
    const timeZone = data.timeZone ?? (await ownerTimeZone(db, network));
    values = {
      title: data.title ?? "",
      startsAt: zonedToUtc(data.date ?? "", data.startTime ?? "", timeZone),
      endsAt: zonedToUtc(data.date ?? "", data.endTime ?? "", timeZone),
      timeZone,
      occurrenceStart: null,
    };
  }
  if (values.endsAt <= values.startsAt)
    throw invalid({ endTime: ["meetings.error.endBeforeStart"] });
  return withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      const members = await currentMembers(tx, network.id);
      const chair = members.find((member) => member.role === "chair");
      const secretary = members.find((member) => member.role === "secretary");
      const row = await auditInserted(
        tx,
        await tx
          .insert(meetings)
          .values({
            networkId: network.id,
            seriesId: series?.id ?? null,
            ...values,
            place: data.place ?? series?.place ?? "",
            onlineUrl:
              data.onlineUrl === undefined ? (series?.onlineUrl ?? null) : data.onlineUrl || null,
            chairPersonId: chair?.personId ?? null,
            secretaryPersonId: secretary?.personId ?? null,
          })
          .returning(),
        { actor: acting, entityType: entity.meeting, label: (created) => created.title },
      );
      if (data.inviteMembers) await inviteCurrentMembers(tx, acting, row);
      await notifyMeetingPlanned(tx, row.id);
      return toMeeting(row, true);
    }),
  );
}

/**
 * Changes a meeting: moves it (its occurrence stays its RECURRENCE-ID), its place or link, its
 * chair or secretary. A stale version is a conflict. A change invitees must know of (time,
 * place, link) raises the iCalendar sequence and tells them.
 */
export async function updateMeeting(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  input: TMeetingUpdateInput,
): Promise<Meeting> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZMeetingUpdateSchema, input);
  await checkPeopleExist(db, "chairPersonId", data.chairPersonId ? [data.chairPersonId] : []);
  await checkPeopleExist(
    db,
    "secretaryPersonId",
    data.secretaryPersonId ? [data.secretaryPersonId] : [],
  );
  return withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      const before = await lockMeetingAt(tx, meetingId, data.version);
      if (before.status === "cancelled") throw new AppError("conflict", "meetings.error.cancelled");
      const start = utcToZoned(before.startsAt, before.timeZone);
      const end = utcToZoned(before.endsAt, before.timeZone);
      const date = data.date ?? start.date;
      const startsAt = zonedToUtc(date, data.startTime ?? start.time, before.timeZone);
      const endsAt = zonedToUtc(date, data.endTime ?? end.time, before.timeZone);
      if (endsAt <= startsAt) throw invalid({ endTime: ["meetings.error.endBeforeStart"] });
      const place = data.place ?? before.place;
      const onlineUrl = data.onlineUrl === undefined ? before.onlineUrl : data.onlineUrl || null;
      const told =
        startsAt.getTime() !== before.startsAt.getTime() ||
        endsAt.getTime() !== before.endsAt.getTime() ||
        place !== before.place ||
        onlineUrl !== before.onlineUrl;
      const after = await writeMeeting(tx, acting, before, {
        title: data.title ?? before.title,
        startsAt,
        endsAt,
        place,
        onlineUrl,
        chairPersonId: data.chairPersonId === undefined ? before.chairPersonId : data.chairPersonId,
        secretaryPersonId:
          data.secretaryPersonId === undefined ? before.secretaryPersonId : data.secretaryPersonId,
        icalSequence: before.icalSequence + (told ? 1 : 0),
      });
      if (told) await notifyMeetingChanged(tx, after.id);
      return toMeeting(after, true);
    }),
  );
}

/** Cancels a meeting (the row stays, marked cancelled, so the occurrence is not offered again). */
export async function cancelMeeting(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  input: TMeetingCancelInput,
): Promise<Meeting> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZMeetingCancelSchema, input);
  return withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      const before = await lockMeetingAt(tx, meetingId, data.version);
      if (before.status === "cancelled") return toMeeting(before, true);
      const after = await writeMeeting(tx, acting, before, {
        status: "cancelled",
        icalSequence: before.icalSequence + 1,
      });
      await notifyMeetingCancelled(tx, after.id);
      return toMeeting(after, true);
    }),
  );
}

async function agendaOf(db: DbOrTx, meetingId: string): Promise<AgendaItem[]> {
  const items = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  if (items.length === 0) return [];
  const links = await db
    .select({
      agendaItemId: agendaItemPeople.agendaItemId,
      personId: agendaItemPeople.personId,
      role: agendaItemPeople.role,
      name: people.name,
    })
    .from(agendaItemPeople)
    .innerJoin(people, eq(people.id, agendaItemPeople.personId))
    .where(
      inArray(
        agendaItemPeople.agendaItemId,
        items.map((item) => item.id),
      ),
    )
    .orderBy(asc(people.name));
  return items.map((item: AgendaItemRow) => {
    const mine = links.filter((link) => link.agendaItemId === item.id);
    const refs = (role: string) =>
      mine
        .filter((link) => link.role === role)
        .map((link) => ({ id: link.personId, name: link.name }));
    return {
      id: item.id,
      number: item.position,
      title: item.title,
      purpose: item.purpose,
      plannedMinutes: item.plannedMinutes,
      documentLinks: item.documentLinks,
      responsible: refs("responsible"),
      guests: refs("guest"),
    };
  });
}

async function participantsOf(
  db: DbOrTx,
  meetingId: string,
  agenda: AgendaItem[],
): Promise<Participant[]> {
  const rows = await db
    .select({
      id: meetingParticipants.id,
      personId: meetingParticipants.personId,
      name: people.name,
      title: people.title,
      organizationId: meetingParticipants.organizationId,
      organizationName: organizations.name,
      kind: meetingParticipants.kind,
      attendance: meetingParticipants.attendance,
    })
    .from(meetingParticipants)
    .innerJoin(people, eq(people.id, meetingParticipants.personId))
    .leftJoin(organizations, eq(organizations.id, meetingParticipants.organizationId))
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(asc(organizations.name), asc(people.name));
  return rows.map((row) => ({
    ...row,
    items: agenda
      .filter((item) => item.guests.some((guest) => guest.id === row.personId))
      .map((item) => ({ id: item.id, number: item.number, title: item.title })),
  }));
}

async function personRef(db: DbOrTx, id: string | null): Promise<PersonRef | null> {
  if (!id) return null;
  const [row] = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.id, id));
  return row ?? null;
}

/**
 * The meeting page: the meeting, its network and series, and — for those who may read members'
 * content — agenda, participants with attendance, open actions of earlier meetings of the
 * series, and what the actor may do. Next meetings of the series for everyone who sees it.
 */
export async function getMeeting(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  options: { now?: Date } = {},
): Promise<MeetingPage> {
  const { meeting, network, access } = await meetingAccess(db, actor, meetingId);
  const members = policy.canReadMembersContent(access);
  const [owner] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, network.ownerOrganizationId));
  const series = meeting.seriesId
    ? ((
        await db
          .select({ id: meetingSeries.id, name: meetingSeries.name })
          .from(meetingSeries)
          .where(eq(meetingSeries.id, meeting.seriesId))
      )[0] ?? null)
    : null;
  let nextMeetings: SeriesEntry[] = [];
  if (meeting.seriesId) {
    const seriesRow = await loadSeriesRow(db, meeting.seriesId);
    const from = new Date(
      Math.max(meeting.startsAt.getTime() + 1, (options.now ?? new Date()).getTime()),
    );
    nextMeetings = (await seriesEntries(db, seriesRow, from, 6)).filter(
      (entry) => entry.kind !== "meeting" || entry.meetingId !== meeting.id,
    );
  }
  const agenda = members ? await agendaOf(db, meeting.id) : [];
  const participants = members ? await participantsOf(db, meeting.id, agenda) : [];
  const openActions = members ? await carriedActions(db, meeting) : [];
  const myPersonId = access.personId;
  const isParticipant = participants.some((p) => p.personId === myPersonId);
  const [minutesState] = await db
    .select({ status: meetingMinutes.status, visibility: meetingMinutes.visibility })
    .from(meetingMinutes)
    .where(eq(meetingMinutes.meetingId, meeting.id));
  return {
    meeting: toMeeting(meeting, members),
    network: { id: network.id, name: network.name, ownerOrganizationName: owner?.name ?? "" },
    series,
    chair: members ? await personRef(db, meeting.chairPersonId) : null,
    secretary: members ? await personRef(db, meeting.secretaryPersonId) : null,
    can: {
      edit: policy.canEditNetwork(access),
      readMembersContent: members,
      updateOwnAttendance:
        isParticipant && myPersonId !== null && policy.canUpdateOwn(access, myPersonId),
      readMinutes: canReadMinutes(
        access,
        minutesState ?? { status: "draft", visibility: "members" },
      ),
    },
    myPersonId,
    agenda,
    members: participants.filter((p) => p.kind === "member"),
    guests: participants.filter((p) => p.kind === "guest"),
    openActions,
    nextMeetings,
  };
}

/** Meetings of a network, newest first (public readers see title and time only). */
export async function listMeetings(
  db: DbOrTx,
  actor: Actor | null,
  networkId: string,
): Promise<Meeting[]> {
  const { access } = await loadNetworkAccess(db, actor, networkId);
  const rows = await db
    .select()
    .from(meetings)
    .where(eq(meetings.networkId, networkId))
    .orderBy(desc(meetings.startsAt))
    .limit(500);
  return rows.map((row) => toMeeting(row, policy.canReadMembersContent(access)));
}

// ---------------------------------------------------------------------------------------------
// Agenda

async function itemRow(tx: DbOrTx, meetingId: string, itemId: string): Promise<AgendaItemRow> {
  const row = isUuid(itemId)
    ? (
        await tx
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
      )[0]
    : undefined;
  if (!row) throw new AppError("not_found", "meetings.error.agendaItemNotFound");
  return row;
}

async function orderedItemIds(tx: DbOrTx, meetingId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  return rows.map((row) => row.id);
}

/** Writes positions 1, 2, 3… for the given order (only rows whose number changes). */
async function writeOrder(tx: DbOrTx, meetingId: string, ids: readonly string[]) {
  const current = await tx
    .select({ id: agendaItems.id, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  const positions = new Map(current.map((row) => [row.id, row.position]));
  for (const { id, position } of renumber(ids)) {
    if (positions.get(id) === position) continue;
    await tx
      .update(agendaItems)
      .set({ position, updatedAt: new Date() })
      .where(eq(agendaItems.id, id));
  }
}

/** Replaces an item's people of one role; new guests become guest participants. */
async function setItemPeople(
  tx: DbOrTx,
  actor: Actor,
  meetingId: string,
  itemId: string,
  role: "responsible" | "guest",
  personIds: readonly string[],
) {
  const wanted = [...new Set(personIds)];
  const current = await tx
    .select({ personId: agendaItemPeople.personId })
    .from(agendaItemPeople)
    .where(and(eq(agendaItemPeople.agendaItemId, itemId), eq(agendaItemPeople.role, role)));
  const had = new Set(current.map((row) => row.personId));
  const removed = [...had].filter((id) => !wanted.includes(id));
  if (removed.length)
    await tx
      .delete(agendaItemPeople)
      .where(
        and(
          eq(agendaItemPeople.agendaItemId, itemId),
          eq(agendaItemPeople.role, role),
          inArray(agendaItemPeople.personId, removed),
        ),
      );
  for (const personId of wanted.filter((id) => !had.has(id))) {
    await tx.insert(agendaItemPeople).values({ agendaItemId: itemId, personId, role });
  }
  if (role !== "guest") return;
  const added: string[] = [];
  for (const personId of wanted)
    if (
      await ensureParticipant(
        tx,
        actor,
        meetingId,
        personId,
        "guest",
        await guestOrganization(tx, personId),
      )
    )
      added.push(personId);
  for (const personId of removed) await dropGuestIfUnused(tx, actor, meetingId, personId);
  // A guest added after planning gets the invitation the members got.
  await notifyParticipantsAdded(tx, meetingId, added);
}

/** A guest participant who comes for no item any more is no longer a participant, and is told. */
async function dropGuestIfUnused(tx: DbOrTx, actor: Actor, meetingId: string, personId: string) {
  const [still] = await tx
    .select({ id: agendaItemPeople.agendaItemId })
    .from(agendaItemPeople)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemPeople.agendaItemId))
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        eq(agendaItemPeople.personId, personId),
        eq(agendaItemPeople.role, "guest"),
      ),
    )
    .limit(1);
  if (still) return;
  const deleted = await tx
    .delete(meetingParticipants)
    .where(
      and(
        eq(meetingParticipants.meetingId, meetingId),
        eq(meetingParticipants.personId, personId),
        eq(meetingParticipants.kind, "guest"),
      ),
    )
    .returning();
  for (const row of deleted)
    await auditDelete(tx, {
      actor,
      entityType: entity.participant,
      entityId: row.id,
      entityLabel: personId,
      record: row,
    });
  await notifyParticipantsRemoved(
    tx,
    meetingId,
    deleted.map((row) => row.personId),
  );
}

async function agendaItemById(db: DbOrTx, meetingId: string, itemId: string) {
  const item = (await agendaOf(db, meetingId)).find((candidate) => candidate.id === itemId);
  if (!item) throw new AppError("not_found", "meetings.error.agendaItemNotFound");
  return item;
}

/** The agenda of a meeting (members' content). */
export async function listAgenda(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<AgendaItem[]> {
  const { meeting, access } = await meetingAccess(db, actor, meetingId);
  requireMembersContent(access, actor);
  return agendaOf(db, meeting.id);
}

/** Adds an agenda item (last, or at `position`); its guests become participants. */
export async function createAgendaItem(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  input: TAgendaItemCreateInput,
): Promise<AgendaItem> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZAgendaItemCreateSchema, input);
  await checkPeopleExist(db, "responsiblePersonIds", data.responsiblePersonIds ?? []);
  await checkPeopleExist(db, "guestPersonIds", data.guestPersonIds ?? []);
  const id = await withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockMeeting(tx, meetingId);
      const ids = await orderedItemIds(tx, meetingId);
      const [row] = await tx
        .insert(agendaItems)
        .values({
          meetingId,
          position: ids.length + 1,
          title: data.title,
          purpose: data.purpose ?? "",
          plannedMinutes: data.plannedMinutes ?? null,
          documentLinks: data.documentLinks ?? [],
        })
        .returning();
      if (!row) throw new Error("insert returned nothing");
      if (data.position !== undefined && data.position <= ids.length)
        await writeOrder(tx, meetingId, moveToPosition([...ids, row.id], row.id, data.position));
      await setItemPeople(
        tx,
        acting,
        meetingId,
        row.id,
        "responsible",
        data.responsiblePersonIds ?? [],
      );
      await setItemPeople(tx, acting, meetingId, row.id, "guest", data.guestPersonIds ?? []);
      await auditCreate(tx, {
        actor: acting,
        entityType: entity.agendaItem,
        entityId: row.id,
        entityLabel: row.title,
        record: {
          ...row,
          responsiblePersonIds: data.responsiblePersonIds ?? [],
          guestPersonIds: data.guestPersonIds ?? [],
        },
      });
      return row.id;
    }),
  );
  return agendaItemById(db, meetingId, id);
}

/** Changes an agenda item; lists given replace the item's lists. */
export async function updateAgendaItem(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  itemId: string,
  input: TAgendaItemUpdateInput,
): Promise<AgendaItem> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZAgendaItemUpdateSchema, input);
  await checkPeopleExist(db, "responsiblePersonIds", data.responsiblePersonIds ?? []);
  await checkPeopleExist(db, "guestPersonIds", data.guestPersonIds ?? []);
  await withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockMeeting(tx, meetingId);
      const before = await itemRow(tx, meetingId, itemId);
      const [after] = await tx
        .update(agendaItems)
        .set({
          title: data.title ?? before.title,
          purpose: data.purpose ?? before.purpose,
          plannedMinutes:
            data.plannedMinutes === undefined ? before.plannedMinutes : data.plannedMinutes,
          documentLinks: data.documentLinks ?? before.documentLinks,
          updatedAt: new Date(),
        })
        .where(eq(agendaItems.id, itemId))
        .returning();
      if (!after) throw new AppError("not_found", "meetings.error.agendaItemNotFound");
      if (data.responsiblePersonIds)
        await setItemPeople(
          tx,
          acting,
          meetingId,
          itemId,
          "responsible",
          data.responsiblePersonIds,
        );
      if (data.guestPersonIds)
        await setItemPeople(tx, acting, meetingId, itemId, "guest", data.guestPersonIds);
      await auditUpdate(tx, {
        actor: acting,
        entityType: entity.agendaItem,
        entityId: itemId,
        entityLabel: after.title,
        before: { ...before, ...(data.responsiblePersonIds ? { responsiblePersonIds: null } : {}) },
        after: {
          ...after,
          ...(data.responsiblePersonIds ? { responsiblePersonIds: data.responsiblePersonIds } : {}),
          ...(data.guestPersonIds ? { guestPersonIds: data.guestPersonIds } : {}),
        },
      });
    }),
  );
  return agendaItemById(db, meetingId, itemId);
}

/** Deletes an agenda item and renumbers the rest; guests of no other item stop being guests. */
export async function deleteAgendaItem(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  itemId: string,
): Promise<void> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  await withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockMeeting(tx, meetingId);
      const before = await itemRow(tx, meetingId, itemId);
      const guests = await tx
        .select({ personId: agendaItemPeople.personId })
        .from(agendaItemPeople)
        .where(and(eq(agendaItemPeople.agendaItemId, itemId), eq(agendaItemPeople.role, "guest")));
      await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
      for (const guest of guests) await dropGuestIfUnused(tx, acting, meetingId, guest.personId);
      await writeOrder(tx, meetingId, await orderedItemIds(tx, meetingId));
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.agendaItem,
        entityId: itemId,
        entityLabel: before.title,
        record: before,
      });
    }),
  );
}

/** Moves an item one step or to a position; the whole agenda is renumbered in one transaction. */
export async function moveAgendaItem(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  itemId: string,
  input: TAgendaMoveInput,
): Promise<AgendaItem[]> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZAgendaMoveSchema, input);
  await withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockMeeting(tx, meetingId);
      const before = await itemRow(tx, meetingId, itemId);
      const ids = await orderedItemIds(tx, meetingId);
      const order = data.direction
        ? moveItem(ids, itemId, data.direction)
        : moveToPosition(ids, itemId, data.position ?? before.position);
      await writeOrder(tx, meetingId, order);
      const position = order.indexOf(itemId) + 1;
      await auditUpdate(tx, {
        actor: acting,
        entityType: entity.agendaItem,
        entityId: itemId,
        entityLabel: before.title,
        before: { position: before.position },
        after: { position },
      });
    }),
  );
  return agendaOf(db, meetingId);
}

// ---------------------------------------------------------------------------------------------
// Participants and attendance

/** Participants of a meeting, members then guests (members' content). */
export async function listParticipants(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<Participant[]> {
  const { meeting, access } = await meetingAccess(db, actor, meetingId);
  requireMembersContent(access, actor);
  const agenda = await agendaOf(db, meeting.id);
  const all = await participantsOf(db, meeting.id, agenda);
  return [...all.filter((p) => p.kind === "member"), ...all.filter((p) => p.kind === "guest")];
}

/** Invites every current member of the network who is not a participant yet. */
export async function inviteMembers(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<Participant[]> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  await db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    await notifyParticipantsAdded(tx, meetingId, await inviteCurrentMembers(tx, acting, meeting));
  });
  return listParticipants(db, actor, meetingId);
}

/** Adds a person from the directory as a participant (a guest unless `kind` says member). */
export async function addParticipant(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  input: TParticipantAddInput,
): Promise<Participant[]> {
  const { meeting, access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZParticipantAddSchema, input);
  await checkPeopleExist(db, "personId", [data.personId]);
  let organizationId = data.organizationId ?? null;
  if (!organizationId) {
    const membership = (await currentMembers(db, meeting.networkId)).find(
      (member) => member.personId === data.personId,
    );
    organizationId = membership?.organizationId ?? (await guestOrganization(db, data.personId));
  }
  await withMeetingDbErrors(() =>
    db.transaction(async (tx) => {
      await lockMeeting(tx, meetingId);
      if (await ensureParticipant(tx, acting, meetingId, data.personId, data.kind, organizationId))
        await notifyParticipantsAdded(tx, meetingId, [data.personId]);
    }),
  );
  return listParticipants(db, actor, meetingId);
}

/** Removes a participant, and their guest places on agenda items. */
export async function removeParticipant(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  personId: string,
): Promise<void> {
  const { access } = await meetingAccess(db, actor, meetingId);
  const acting = requireEdit(access, actor);
  await db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const itemIds = await orderedItemIds(tx, meetingId);
    if (itemIds.length && isUuid(personId))
      await tx
        .delete(agendaItemPeople)
        .where(
          and(
            inArray(agendaItemPeople.agendaItemId, itemIds),
            eq(agendaItemPeople.personId, personId),
            eq(agendaItemPeople.role, "guest"),
          ),
        );
    const deleted = isUuid(personId)
      ? await tx
          .delete(meetingParticipants)
          .where(
            and(
              eq(meetingParticipants.meetingId, meetingId),
              eq(meetingParticipants.personId, personId),
            ),
          )
          .returning()
      : [];
    if (deleted.length === 0) throw participantNotFound();
    for (const row of deleted)
      await auditDelete(tx, {
        actor: acting,
        entityType: entity.participant,
        entityId: row.id,
        entityLabel: personId,
        record: row,
      });
    await notifyParticipantsRemoved(tx, meetingId, [personId]);
  });
}

/**
 * Sets attendance: editors anyone's, a member only their own (policy.canUpdateOwn). Every entry
 * must be a participant of the meeting; the whole change is refused if one entry is not allowed.
 * An entry with `previous` (the answer the form showed) is written only if the user changed it,
 * and never over an answer someone else changed meanwhile: the other entries are saved, then a
 * conflict names the people whose answer was kept.
 */
export async function updateAttendance(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  input: TAttendanceUpdateInput,
): Promise<Participant[]> {
  const { access } = await meetingAccess(db, actor, meetingId);
  requireMembersContent(access, actor);
  const acting = requireActor(actor);
  const data = parseOrThrow(ZAttendanceUpdateSchema, input);
  for (const entry of data.entries) if (!policy.canUpdateOwn(access, entry.personId)) refuse(actor);
  const changedMeanwhile = await db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const kept: string[] = [];
    for (const entry of data.entries) {
      const [before] = await tx
        .select()
        .from(meetingParticipants)
        .where(
          and(
            eq(meetingParticipants.meetingId, meetingId),
            eq(meetingParticipants.personId, entry.personId),
          ),
        );
      if (!before) throw participantNotFound();
      if (before.attendance === entry.attendance) continue;
      if (entry.previous !== undefined) {
        if (entry.previous === entry.attendance) continue;
        if (entry.previous !== before.attendance) {
          kept.push(entry.personId);
          continue;
        }
      }
      await auditUpdated(
        tx,
        await tx
          .update(meetingParticipants)
          .set({ attendance: entry.attendance, updatedAt: new Date() })
          .where(eq(meetingParticipants.id, before.id))
          .returning(),
        {
          actor: acting,
          entityType: entity.participant,
          before,
          label: () => entry.personId,
          missing: participantNotFound,
        },
      );
    }
    return kept;
  });
  if (changedMeanwhile.length) {
    const names = await db
      .select({ name: people.name })
      .from(people)
      .where(inArray(people.id, changedMeanwhile))
      .orderBy(asc(people.name));
    throw new AppError(
      "conflict",
      "meetings.error.attendanceChanged",
      {},
      {
        names: names.map((row) => row.name).join(", "),
      },
    );
  }
  return listParticipants(db, actor, meetingId);
}

/**
 * People an editor may pick on a meeting's forms: the network's current members (chair,
 * secretary, responsible) and the directory's people (guests). Editors only.
 */
export async function meetingPeopleChoices(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<{ members: PersonRef[]; people: PersonRef[] }> {
  const { meeting, access } = await meetingAccess(db, actor, meetingId);
  requireEdit(access, actor);
  const memberIds = (await currentMembers(db, meeting.networkId)).map((m) => m.personId);
  const everyone = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .orderBy(asc(people.name), asc(people.id))
    .limit(2000);
  const members = memberIds.length
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(inArray(people.id, memberIds))
        .orderBy(asc(people.name))
    : [];
  return { members, people: everyone };
}
