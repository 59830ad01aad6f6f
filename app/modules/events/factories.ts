// Test, seed and demo data for events: events, rooms, organizers, committees, tracks, speakers
// and sessions written directly (no permission check, no clash check), and an event with one
// actor per role for permission matrices. Inputs are valid by construction; overrides change
// what a test cares about.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditCreate } from "../../platform/audit/service.ts";
import { actorFor, insertOrganization, insertPerson } from "../directory/factories.ts";
import type { OrganizationKind, OrganizationRow, PersonRow } from "../directory/schema.ts";
import { sessionInterval } from "./rules.ts";
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
  type EventKind,
  type EventOrganizationRole,
  type EventRoomRow,
  type EventRow,
  type EventSessionRow,
  type EventSpeakerRow,
  type EventStatus,
  type SessionKind,
  type SessionPersonRole,
} from "./schema.ts";

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

export async function insertEventOrganization(
  db: DbOrTx,
  overrides: { name?: string; kind?: OrganizationKind; parentId?: string | null } = {},
): Promise<OrganizationRow> {
  return insertOrganization(db, {
    name: overrides.name ?? `Arrangör ${next()}`,
    kind: overrides.kind ?? "administration",
    country: "SE",
    parentId: overrides.parentId ?? null,
  });
}

/**
 * An event, written directly, with its lead organizer (a fresh organization unless
 * `leadOrganizationId` is given). A published two-day conference unless overridden.
 */
export async function insertEvent(
  db: DbOrTx,
  overrides: {
    name?: string;
    kind?: EventKind;
    status?: EventStatus;
    startDate?: string;
    endDate?: string;
    timeZone?: "Europe/Stockholm" | "Europe/Oslo";
    venueName?: string;
    description?: string;
    capacity?: number | null;
    leadOrganizationId?: string;
  } = {},
  actor: Actor | null = null,
): Promise<EventRow & { leadOrganizationId: string }> {
  const leadOrganizationId = overrides.leadOrganizationId ?? (await insertEventOrganization(db)).id;
  const [row] = await db
    .insert(events)
    .values({
      name: overrides.name ?? `Testkonferens ${next()}`,
      kind: overrides.kind ?? "conference",
      status: overrides.status ?? "published",
      startDate: overrides.startDate ?? "2030-05-14",
      endDate: overrides.endDate ?? overrides.startDate ?? "2030-05-15",
      timeZone: overrides.timeZone ?? "Europe/Stockholm",
      venueName: overrides.venueName ?? "Textilmuseet, Borås",
      description: overrides.description ?? "",
      capacity: overrides.capacity ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await db
    .insert(eventOrganizations)
    .values({ eventId: row.id, organizationId: leadOrganizationId, role: "lead", position: 0 });
  await auditCreate(db, {
    actor,
    entityType: "event",
    entityId: row.id,
    entityLabel: row.name,
    record: row,
  });
  return { ...row, leadOrganizationId };
}

export async function addOrganizationToEvent(
  db: DbOrTx,
  eventId: string,
  organizationId: string,
  role: EventOrganizationRole,
  position = 1,
) {
  const [row] = await db
    .insert(eventOrganizations)
    .values({ eventId, organizationId, role, position })
    .returning();
  return row!;
}

export async function insertRoom(
  db: DbOrTx,
  eventId: string,
  overrides: { name?: string; capacity?: number | null; position?: number } = {},
): Promise<EventRoomRow> {
  const [row] = await db
    .insert(eventRooms)
    .values({
      eventId,
      name: overrides.name ?? `Sal ${next()}`,
      capacity: overrides.capacity ?? null,
      position: overrides.position ?? 0,
    })
    .returning();
  return row!;
}

export async function insertTrack(
  db: DbOrTx,
  eventId: string,
  overrides: { name?: string; position?: number } = {},
) {
  const [row] = await db
    .insert(eventTracks)
    .values({
      eventId,
      name: overrides.name ?? `Spår ${next()}`,
      position: overrides.position ?? 0,
    })
    .returning();
  return row!;
}

export async function insertSpeaker(
  db: DbOrTx,
  eventId: string,
  overrides: {
    name?: string;
    title?: string;
    organizationId?: string | null;
    organizationName?: string;
  } = {},
): Promise<EventSpeakerRow> {
  const [row] = await db
    .insert(eventSpeakers)
    .values({
      eventId,
      name: overrides.name ?? `Talare ${next()}`,
      title: overrides.title ?? "",
      organizationId: overrides.organizationId ?? null,
      organizationName: overrides.organizationName ?? "",
    })
    .returning();
  return row!;
}

/** A session on a day of the event at wall-clock times in its time zone (no clash check). */
export async function insertSession(
  db: DbOrTx,
  event: Pick<EventRow, "id" | "timeZone" | "startDate">,
  overrides: {
    title?: string;
    kind?: SessionKind;
    date?: string;
    startTime?: string;
    endTime?: string;
    roomId?: string | null;
    trackId?: string | null;
    abstract?: string;
    people?: { speakerId: string; role: SessionPersonRole }[];
  } = {},
): Promise<EventSessionRow> {
  const interval = sessionInterval(
    overrides.date ?? event.startDate,
    overrides.startTime ?? "09:00",
    overrides.endTime ?? "10:00",
    event.timeZone,
  );
  const [row] = await db
    .insert(eventSessions)
    .values({
      eventId: event.id,
      kind: overrides.kind ?? "seminar",
      title: overrides.title ?? `Programpunkt ${next()}`,
      abstract: overrides.abstract ?? "",
      ...interval,
      roomId: overrides.roomId ?? null,
      trackId: overrides.trackId ?? null,
    })
    .returning();
  if (overrides.people?.length)
    await db.insert(eventSessionPeople).values(
      overrides.people.map((person, position) => ({
        sessionId: row!.id,
        speakerId: person.speakerId,
        role: person.role,
        position,
      })),
    );
  return row!;
}

export async function insertCommitteeMember(
  db: DbOrTx,
  eventId: string,
  overrides: {
    committee?: CommitteeKind;
    personId?: string;
    role?: CommitteeRole;
    showEmail?: boolean;
    showPhone?: boolean;
  } = {},
): Promise<{ person: PersonRow | null; id: string; personId: string }> {
  const person = overrides.personId
    ? null
    : await insertPerson(db, {
        name: `Kommittéledamot ${next()}`,
        email: `kommitte${next()}-${Date.now().toString(36)}@example.se`,
        phone: "+46 70 174 06 50",
      });
  const personId = overrides.personId ?? person!.id;
  const [row] = await db
    .insert(eventCommitteeMembers)
    .values({
      eventId,
      committee: overrides.committee ?? "program",
      personId,
      role: overrides.role ?? "member",
      showEmail: overrides.showEmail ?? false,
      showPhone: overrides.showPhone ?? false,
    })
    .returning();
  return { person, id: row!.id, personId };
}

export type EventRoles = {
  event: EventRow & { leadOrganizationId: string };
  leadAdmin: Actor;
  leadEditor: Actor;
  /** An editor of the deputy lead organizer: organizes too. */
  deputyEditor: Actor;
  committeeMember: Actor;
  partnerEditor: Actor;
  outsider: Actor;
  platformAdmin: Actor;
};

/**
 * An event (draft unless overridden) with a lead organizer, a deputy lead and a partner, and an
 * actor for each role: the lead's admin and editor, the deputy lead's editor, a program
 * committee member, the partner's editor (who does not organize), an unrelated logged-in user
 * and a platform admin.
 */
export async function insertEventWithRoles(
  db: DbOrTx,
  overrides: { status?: EventStatus; name?: string; startDate?: string; endDate?: string } = {},
): Promise<EventRoles> {
  const lead = await insertEventOrganization(db, { name: `Huvudarrangör ${next()}` });
  const deputy = await insertEventOrganization(db, {
    name: `Medarrangör ${next()}`,
    kind: "academia",
  });
  const partner = await insertEventOrganization(db, {
    name: `Partner ${next()}`,
    kind: "supplier",
  });
  const event = await insertEvent(db, {
    status: overrides.status ?? "draft",
    name: overrides.name,
    startDate: overrides.startDate,
    endDate: overrides.endDate,
    leadOrganizationId: lead.id,
  });
  await addOrganizationToEvent(db, event.id, deputy.id, "deputy_lead", 1);
  await addOrganizationToEvent(db, event.id, partner.id, "partner", 2);
  const member = await insertCommitteeMember(db, event.id, { committee: "program" });
  const outsider = await insertPerson(db, { name: `Utomstående ${next()}` });
  return {
    event,
    leadAdmin: actorFor({ roles: { [lead.id]: "admin" } }),
    leadEditor: actorFor({ roles: { [lead.id]: "editor" } }),
    deputyEditor: actorFor({ roles: { [deputy.id]: "editor" } }),
    committeeMember: actorFor({ personId: member.personId }),
    partnerEditor: actorFor({ roles: { [partner.id]: "editor" } }),
    outsider: actorFor({ personId: outsider.id }),
    platformAdmin: actorFor({ isPlatformAdmin: true }),
  };
}
