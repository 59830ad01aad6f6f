// Test, seed and demo data for the meetings core: series, meetings, participants and agenda
// items written directly (no permission check). Inputs are valid by construction; overrides
// change what a test cares about.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditCreate } from "../../platform/audit/service.ts";
import { zonedToUtc } from "../../platform/time.ts";
import type { TimeZone } from "../directory/schema.ts";
import {
  agendaItemPeople,
  agendaItems,
  meetingParticipants,
  meetings,
  meetingSeries,
  type AgendaItemRow,
  type Attendance,
  type DocumentLink,
  type MeetingParticipantRow,
  type MeetingRow,
  type MeetingSeriesRow,
  type MeetingStatus,
  type ParticipantKind,
} from "./schema.ts";

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** A series: monthly on the 2nd Tuesday, 09:00–11:30 Stockholm time, unless overridden. */
export async function insertSeries(
  db: DbOrTx,
  networkId: string,
  overrides: Partial<
    Pick<
      MeetingSeriesRow,
      "name" | "rrule" | "firstDate" | "startTime" | "endTime" | "place" | "onlineUrl"
    > & { timeZone: TimeZone }
  > = {},
  actor: Actor | null = null,
): Promise<MeetingSeriesRow> {
  const n = next();
  const [row] = await db
    .insert(meetingSeries)
    .values({
      networkId,
      name: overrides.name ?? `Månadsmöte ${n}`,
      rrule: overrides.rrule ?? "FREQ=MONTHLY;BYDAY=2TU",
      firstDate: overrides.firstDate ?? "2026-01-13",
      startTime: overrides.startTime ?? "09:00",
      endTime: overrides.endTime ?? "11:30",
      timeZone: overrides.timeZone ?? "Europe/Stockholm",
      place: overrides.place ?? "Regionens hus, sal 3",
      onlineUrl: overrides.onlineUrl ?? null,
      feedToken: crypto.randomUUID().replaceAll("-", ""),
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  const { feedToken: _secret, ...record } = row;
  await auditCreate(db, {
    actor,
    entityType: "meeting_series",
    entityId: row.id,
    entityLabel: row.name,
    record,
  });
  return row;
}

/**
 * A meeting, written directly: a single meeting on the given local date and times (default
 * 2026-12-08 09:00–11:00 Stockholm), or a series occurrence when seriesId and occurrenceStart
 * are given.
 */
export async function insertMeeting(
  db: DbOrTx,
  networkId: string,
  overrides: {
    title?: string;
    date?: string;
    startTime?: string;
    endTime?: string;
    timeZone?: TimeZone;
    seriesId?: string | null;
    occurrenceStart?: Date | null;
    place?: string;
    onlineUrl?: string | null;
    chairPersonId?: string | null;
    secretaryPersonId?: string | null;
    status?: MeetingStatus;
  } = {},
  actor: Actor | null = null,
): Promise<MeetingRow> {
  const timeZone = overrides.timeZone ?? "Europe/Stockholm";
  const date = overrides.date ?? "2026-12-08";
  const [row] = await db
    .insert(meetings)
    .values({
      networkId,
      seriesId: overrides.seriesId ?? null,
      occurrenceStart: overrides.occurrenceStart ?? null,
      title: overrides.title ?? `Möte ${next()}`,
      startsAt: zonedToUtc(date, overrides.startTime ?? "09:00", timeZone),
      endsAt: zonedToUtc(date, overrides.endTime ?? "11:00", timeZone),
      timeZone,
      place: overrides.place ?? "Regionens hus",
      onlineUrl: overrides.onlineUrl ?? null,
      chairPersonId: overrides.chairPersonId ?? null,
      secretaryPersonId: overrides.secretaryPersonId ?? null,
      status: overrides.status ?? "planned",
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await auditCreate(db, {
    actor,
    entityType: "meeting",
    entityId: row.id,
    entityLabel: row.title,
    record: row,
  });
  return row;
}

/** A participant of a meeting (a member, invited, unless overridden). */
export async function insertParticipant(
  db: DbOrTx,
  meetingId: string,
  personId: string,
  overrides: {
    kind?: ParticipantKind;
    attendance?: Attendance;
    organizationId?: string | null;
  } = {},
): Promise<MeetingParticipantRow> {
  const [row] = await db
    .insert(meetingParticipants)
    .values({
      meetingId,
      personId,
      kind: overrides.kind ?? "member",
      attendance: overrides.attendance ?? "invited",
      organizationId: overrides.organizationId ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** An agenda item at the given position (last + 1 is the caller's business), with its people. */
export async function insertAgendaItem(
  db: DbOrTx,
  meetingId: string,
  position: number,
  overrides: {
    title?: string;
    purpose?: string;
    plannedMinutes?: number | null;
    documentLinks?: DocumentLink[];
    responsiblePersonIds?: string[];
    guestPersonIds?: string[];
  } = {},
): Promise<AgendaItemRow> {
  const [row] = await db
    .insert(agendaItems)
    .values({
      meetingId,
      position,
      title: overrides.title ?? `Punkt ${position}`,
      purpose: overrides.purpose ?? "Information",
      plannedMinutes: overrides.plannedMinutes === undefined ? 15 : overrides.plannedMinutes,
      documentLinks: overrides.documentLinks ?? [],
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  for (const personId of overrides.responsiblePersonIds ?? [])
    await db
      .insert(agendaItemPeople)
      .values({ agendaItemId: row.id, personId, role: "responsible" });
  for (const personId of overrides.guestPersonIds ?? []) {
    await db.insert(agendaItemPeople).values({ agendaItemId: row.id, personId, role: "guest" });
    await db
      .insert(meetingParticipants)
      .values({ meetingId, personId, kind: "guest" })
      .onConflictDoNothing();
  }
  return row;
}
