import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, people } from "../directory/schema.ts";

export const eventKinds = ["conference", "theme_day", "seminar", "webinar"] as const;
export type EventKind = (typeof eventKinds)[number];

/** Only published events are shown to the public; a cancelled one keeps its page with a notice. */
export const eventStatuses = ["draft", "published", "cancelled"] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const eventLanguages = ["sv", "nb", "en"] as const;
export const eventCurrencies = ["SEK", "NOK"] as const;
export type EventCurrency = (typeof eventCurrencies)[number];

export const eventOrganizationRoles = ["lead", "deputy_lead", "partner", "sponsor"] as const;
export type EventOrganizationRole = (typeof eventOrganizationRoles)[number];

export const committeeKinds = ["program", "organizing"] as const;
export type CommitteeKind = (typeof committeeKinds)[number];
export const committeeRoles = ["lead", "deputy_lead", "member"] as const;
export type CommitteeRole = (typeof committeeRoles)[number];

export const sessionKinds = [
  "opening_plenary",
  "keynote",
  "seminar",
  "panel",
  "workshop",
  "break",
  "exhibition",
] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const sessionPersonRoles = ["speaker", "panelist", "moderator"] as const;
export type SessionPersonRole = (typeof sessionPersonRoles)[number];

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** A conference, theme day, seminar or webinar over one or more whole days. */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: eventKinds }).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    timeZone: text("time_zone").notNull().default("Europe/Stockholm"),
    language: text("language", { enum: eventLanguages }).notNull().default("sv"),
    currency: text("currency", { enum: eventCurrencies }).notNull().default("SEK"),
    venueName: text("venue_name").notNull().default(""),
    venueAddress: text("venue_address").notNull().default(""),
    status: text("status", { enum: eventStatuses }).notNull().default("draft"),
    /** Places for the whole event across every ticket type; null when only ticket types limit. */
    capacity: integer("capacity"),
    /** Registrations' personal data is erased on this day; the counts stay. */
    retentionDate: date("retention_date", { mode: "string" }),
    /** The MC (konferencier) of the event, one of its speakers. */
    mcSpeakerId: uuid("mc_speaker_id").references((): AnyPgColumn => eventSpeakers.id, {
      onDelete: "set null",
    }),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index("events_start_idx").on(table.startDate),
    check("events_dates_in_order", sql`${table.endDate} >= ${table.startDate}`),
    check("events_capacity_positive", sql`${table.capacity} IS NULL OR ${table.capacity} > 0`),
  ],
);

/** A room of the event's venue with the number of people it seats. */
export const eventRooms = pgTable(
  "event_rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    capacity: integer("capacity"),
    position: integer("position").notNull().default(0),
    /** Optimistic concurrency: a change of the row's facts names the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index("event_rooms_event_idx").on(table.eventId),
    check("event_rooms_capacity_positive", sql`${table.capacity} IS NULL OR ${table.capacity} > 0`),
  ],
);

/** An organizer or partner of the event, shown on the public page in `position` order. */
export const eventOrganizations = pgTable(
  "event_organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    role: text("role", { enum: eventOrganizationRoles }).notNull(),
    position: integer("position").notNull().default(0),
    /** Optimistic concurrency: a change of the row's facts names the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [index("event_organizations_event_idx").on(table.eventId)],
);

/** A member of the program or organizing committee; contact details shown only if chosen. */
export const eventCommitteeMembers = pgTable(
  "event_committee_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    committee: text("committee", { enum: committeeKinds }).notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: committeeRoles }).notNull().default("member"),
    showEmail: boolean("show_email").notNull().default(false),
    showPhone: boolean("show_phone").notNull().default(false),
    position: integer("position").notNull().default(0),
    /** Optimistic concurrency: a change of the row's facts names the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [index("event_committee_members_event_idx").on(table.eventId)],
);

export const eventTracks = pgTable(
  "event_tracks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    /** Optimistic concurrency: a change of the row's facts names the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [index("event_tracks_event_idx").on(table.eventId)],
);

/** Someone who speaks, sits on a panel or moderates; not necessarily in the directory. */
export const eventSpeakers = pgTable(
  "event_speakers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    bio: text("bio").notNull().default(""),
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "set null",
    }),
    /** For a speaker from outside the directory. */
    organizationName: text("organization_name").notNull().default(""),
    personId: uuid("person_id").references(() => people.id, { onDelete: "set null" }),
    /** Optimistic concurrency: a change of the row's facts names the version it read. */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [index("event_speakers_event_idx").on(table.eventId)],
);

/** A slot of the program: a keynote, seminar, panel, workshop, break or exhibition. */
export const eventSessions = pgTable(
  "event_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: sessionKinds }).notNull(),
    title: text("title").notNull(),
    abstract: text("abstract").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    roomId: uuid("room_id").references(() => eventRooms.id, { onDelete: "set null" }),
    trackId: uuid("track_id").references(() => eventTracks.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (table) => [
    index("event_sessions_event_idx").on(table.eventId, table.startsAt),
    index("event_sessions_room_idx").on(table.roomId),
    check("event_sessions_times_in_order", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

export const eventSessionPeople = pgTable(
  "event_session_people",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => eventSessions.id, { onDelete: "cascade" }),
    speakerId: uuid("speaker_id")
      .notNull()
      .references(() => eventSpeakers.id, { onDelete: "cascade" }),
    role: text("role", { enum: sessionPersonRoles }).notNull(),
    position: integer("position").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.speakerId, table.role] }),
    index("event_session_people_speaker_idx").on(table.speakerId),
  ],
);

export type EventRow = typeof events.$inferSelect;
export type EventRoomRow = typeof eventRooms.$inferSelect;
export type EventSessionRow = typeof eventSessions.$inferSelect;
export type EventSpeakerRow = typeof eventSpeakers.$inferSelect;
