import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, people, timeZones } from "../directory/schema.ts";
import { networks } from "../networks/schema.ts";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A meeting series of a network: an RFC 5545 recurrence rule from a first date, with a default
 * local start and end time in its time zone and a default place or video link. Single meetings
 * are rows of `meetings` tied to one occurrence; moving or cancelling one leaves the rule alone.
 */
export const meetingSeries = pgTable(
  "meeting_series",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The RRULE value without the "RRULE:" prefix, e.g. "FREQ=MONTHLY;BYDAY=2TU". */
    rrule: text("rrule").notNull(),
    /** The first occurrence's local date (DTSTART). */
    firstDate: date("first_date", { mode: "string" }).notNull(),
    /** Local wall-clock times "HH:MM" in timeZone. */
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    timeZone: text("time_zone", { enum: timeZones }).notNull(),
    place: text("place").notNull().default(""),
    onlineUrl: text("online_url"),
    /** Secret of the series' subscribable calendar feed URL. */
    feedToken: text("feed_token").notNull(),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index("meeting_series_network_idx").on(table.networkId),
    uniqueIndex("meeting_series_feed_token_key").on(table.feedToken),
    check("meeting_series_times", sql`${table.startTime} ~ '^[0-2][0-9]:[0-5][0-9]$'`),
  ],
);

export const meetingStatuses = ["planned", "cancelled"] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** One meeting: a single one, or one occurrence of a series (moved or not). */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    seriesId: uuid("series_id").references(() => meetingSeries.id, { onDelete: "set null" }),
    /** The series occurrence this meeting stands for (iCalendar RECURRENCE-ID); null if single. */
    occurrenceStart: timestamp("occurrence_start", { withTimezone: true }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    timeZone: text("time_zone", { enum: timeZones }).notNull(),
    place: text("place").notNull().default(""),
    onlineUrl: text("online_url"),
    chairPersonId: uuid("chair_person_id").references(() => people.id, { onDelete: "set null" }),
    secretaryPersonId: uuid("secretary_person_id").references(() => people.id, {
      onDelete: "set null",
    }),
    status: text("status", { enum: meetingStatuses }).notNull().default("planned"),
    /** iCalendar SEQUENCE: raised each time invitees are told of a change. */
    icalSequence: integer("ical_sequence").notNull().default(0),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index("meetings_network_starts_idx").on(table.networkId, table.startsAt),
    uniqueIndex("meetings_series_occurrence_key").on(table.seriesId, table.occurrenceStart),
    check("meetings_ends_after_start", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

export const participantKinds = ["member", "guest"] as const;
export type ParticipantKind = (typeof participantKinds)[number];

export const attendanceStates = ["invited", "present", "absent_with_notice", "absent"] as const;
export type Attendance = (typeof attendanceStates)[number];

/** The invited members and the guests of a meeting, with their attendance. */
export const meetingParticipants = pgTable(
  "meeting_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The organization the person comes for, as the minutes print it. */
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "set null",
    }),
    kind: text("kind", { enum: participantKinds }).notNull().default("member"),
    attendance: text("attendance", { enum: attendanceStates }).notNull().default("invited"),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("meeting_participants_meeting_person_key").on(table.meetingId, table.personId),
    index("meeting_participants_person_idx").on(table.personId),
  ],
);

export type DocumentLink = { title: string; url: string };

/** Agenda items, numbered by position (1, 2, 3…). */
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    /** "Syfte": information, discussion, decision… in the secretary's own words. */
    purpose: text("purpose").notNull().default(""),
    plannedMinutes: integer("planned_minutes"),
    documentLinks: jsonb("document_links").$type<DocumentLink[]>().notNull().default([]),
    ...timestamps,
  },
  (table) => [
    index("agenda_items_meeting_idx").on(table.meetingId, table.position),
    check("agenda_items_planned_minutes", sql`${table.plannedMinutes} > 0`),
  ],
);

export const agendaItemPersonRoles = ["responsible", "guest"] as const;
export type AgendaItemPersonRole = (typeof agendaItemPersonRoles)[number];

/** The people responsible for an agenda item and the guests who come for it. */
export const agendaItemPeople = pgTable(
  "agenda_item_people",
  {
    agendaItemId: uuid("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: agendaItemPersonRoles }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.agendaItemId, table.personId, table.role] }),
    index("agenda_item_people_person_idx").on(table.personId),
  ],
);

export const minutesStatuses = ["draft", "in_review", "approved", "published"] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

export const minutesVisibilities = ["public", "members"] as const;
export type MinutesVisibility = (typeof minutesVisibilities)[number];

/** The minutes of one agenda item. Lists are kept as lists: secretaries write them as bullets. */
export type ItemMinutes = { notes: string; reflections: string[]; decisions: string[] };
/** The whole minutes text of a meeting, keyed by agenda item id. */
export type MinutesContent = { items: Record<string, ItemMinutes> };

/** The minutes of a meeting: the current text, its workflow status and its version. */
export const meetingMinutes = pgTable("meeting_minutes", {
  meetingId: uuid("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  status: text("status", { enum: minutesStatuses }).notNull().default("draft"),
  visibility: text("visibility", { enum: minutesVisibilities }).notNull().default("members"),
  content: jsonb("content").$type<MinutesContent>().notNull().default({ items: {} }),
  /** Every save must name the version it started from; a save that is behind is refused. */
  version: integer("version").notNull().default(1),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  ...timestamps,
});

/** Every saved version of the minutes, readable and comparable later. */
export const meetingMinutesVersions = pgTable(
  "meeting_minutes_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status", { enum: minutesStatuses }).notNull(),
    content: jsonb("content").$type<MinutesContent>().notNull(),
    /** No foreign key: versions outlive the accounts that wrote them. */
    savedByUserId: uuid("saved_by_user_id"),
    savedByLabel: text("saved_by_label").notNull(),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("meeting_minutes_versions_meeting_version_key").on(table.meetingId, table.version),
  ],
);

export const actionStatuses = ["open", "in_progress", "done"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * An action ("åtgärd") decided at a meeting: an owner, a due date, a status. Open actions carry
 * over to the next meetings of the network and stay on the owner's list until done.
 */
export const meetingActions = pgTable(
  "meeting_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, {
      onDelete: "set null",
    }),
    title: text("title").notNull(),
    ownerPersonId: uuid("owner_person_id").references(() => people.id, { onDelete: "set null" }),
    dueDate: date("due_date", { mode: "string" }),
    status: text("status", { enum: actionStatuses }).notNull().default("open"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    /** The due date a "due tomorrow" reminder was last sent for: one reminder per due date. */
    remindedForDueDate: date("reminded_for_due_date", { mode: "string" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index("meeting_actions_network_status_idx").on(table.networkId, table.status),
    index("meeting_actions_owner_status_idx").on(table.ownerPersonId, table.status),
    index("meeting_actions_due_idx").on(table.dueDate),
  ],
);

/** A person's secret calendar feed URL (all their meetings), renewable by its owner. */
export const personCalendarFeeds = pgTable(
  "person_calendar_feeds",
  {
    personId: uuid("person_id")
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("person_calendar_feeds_token_key").on(table.token)],
);

export type MeetingSeriesRow = typeof meetingSeries.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingParticipantRow = typeof meetingParticipants.$inferSelect;
export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type MeetingMinutesRow = typeof meetingMinutes.$inferSelect;
export type MeetingActionRow = typeof meetingActions.$inferSelect;
