import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbOrTx } from "../../db/client.ts";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { actorFor, insertPerson } from "../directory/factories.ts";
import {
  addOrganizationToEvent,
  insertCommitteeMember,
  insertEvent,
  insertEventOrganization,
  insertEventWithRoles,
  insertRoom,
  insertSession,
  insertSpeaker,
  insertTrack,
  type EventRoles,
} from "./factories.ts";
import { eventSessions, type EventOrganizationRole } from "./schema.ts";
import type { TSessionCreateInput } from "./schemas.ts";
import * as service from "./service.ts";
import { ProgramClashError } from "./service.ts";
import { failure, outcome } from "../../../tests/support/outcomes.ts";

async function auditActions(db: DbOrTx, entityId: string): Promise<string[]> {
  const rows = await db.select().from(auditEntries).where(eq(auditEntries.entityId, entityId));
  return rows.map((row) => row.action).sort();
}

const admin = actorFor({ isPlatformAdmin: true, label: "admin@example.se" });

describeDatabases("events service", (ctx) => {
  it("creates a draft with its lead organizer, updates it with a version check, deletes it, all audited", async () => {
    const lead = await insertEventOrganization(ctx.db, { name: "Södra Sjukhuset Test" });
    const editor = actorFor({ roles: { [lead.id]: "editor" } });
    const created = await service.createEvent(ctx.db, editor, {
      kind: "conference",
      name: "Regional e-hälsokonferens",
      startDate: "2030-10-01",
      endDate: "2030-10-02",
      leadOrganizationId: lead.id,
      venueName: "Högskolan",
    });
    expect(created).toMatchObject({ status: "draft", version: 1, timeZone: "Europe/Stockholm" });
    expect(await service.listEventOrganizations(ctx.db, editor, created.id)).toMatchObject([
      { organizationId: lead.id, role: "lead", position: 0 },
    ]);
    const updated = await service.updateEvent(ctx.db, editor, created.id, {
      name: "Regional e-hälsokonferens 2030",
      capacity: 300,
      version: 1,
    });
    expect(updated).toMatchObject({ version: 2, capacity: 300, venueName: "Högskolan" });
    const stale = await failure(
      service.updateEvent(ctx.db, editor, created.id, { name: "Annat", version: 1 }),
    );
    expect(stale.code).toBe("conflict");
    expect(await auditActions(ctx.db, created.id)).toEqual(["create", "update"]);
    await service.deleteEvent(ctx.db, editor, created.id, { version: 2 });
    expect((await failure(service.getEvent(ctx.db, admin, created.id))).code).toBe("not_found");
    expect(await auditActions(ctx.db, created.id)).toEqual(["create", "delete", "update"]);
  });

  it("refuses a lead organization that does not exist or is not the actor's, and bad input", async () => {
    const lead = await insertEventOrganization(ctx.db);
    const other = await insertEventOrganization(ctx.db);
    const editor = actorFor({ roles: { [other.id]: "editor" } });
    const input = {
      kind: "theme_day" as const,
      name: "Temadag",
      startDate: "2030-11-05",
      endDate: "2030-11-05",
      leadOrganizationId: lead.id,
    };
    expect((await failure(service.createEvent(ctx.db, editor, input))).code).toBe("forbidden");
    expect((await failure(service.createEvent(ctx.db, null, input))).code).toBe("unauthenticated");
    const missing = await failure(
      service.createEvent(ctx.db, admin, {
        ...input,
        leadOrganizationId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    expect(missing.fieldErrors.leadOrganizationId).toEqual(["events.error.organizationNotFound"]);
    const bad = await failure(
      service.createEvent(ctx.db, admin, {
        ...input,
        name: "",
        startDate: "2030-11-05",
        endDate: "2030-11-01",
      }),
    );
    expect(bad.fieldErrors).toMatchObject({
      name: ["error.required"],
      endDate: ["events.error.endBeforeStart"],
    });
    const long = await failure(
      service.createEvent(ctx.db, admin, { ...input, endDate: "2030-12-31" }),
    );
    expect(long.fieldErrors.endDate).toEqual(["events.error.tooLong"]);
  });

  it("publishes, cancels and takes back to draft, version-checked; the public sees no drafts", async () => {
    const roles = await insertEventWithRoles(ctx.db, { name: "Statusprov" });
    const id = roles.event.id;
    const names = async (actor: Actor | null) =>
      (await service.listEvents(ctx.db, actor, { q: "Statusprov", when: "all" })).items.map(
        (item) => item.name,
      );
    expect(await names(null)).toEqual([]);
    expect(await names(roles.outsider)).toEqual([]);
    expect(await names(roles.partnerEditor)).toEqual([]);
    expect(await names(roles.committeeMember)).toEqual(["Statusprov"]);
    expect(await names(roles.deputyEditor)).toEqual(["Statusprov"]);
    expect(await names(admin)).toEqual(["Statusprov"]);
    expect((await failure(service.getProgram(ctx.db, null, id))).code).toBe("not_found");

    const published = await service.changeEventStatus(ctx.db, roles.leadEditor, id, {
      status: "published",
      version: 1,
    });
    expect(published).toMatchObject({ status: "published", version: 2 });
    expect(await names(null)).toEqual(["Statusprov"]);
    expect((await service.getEvent(ctx.db, null, id)).can).toEqual({
      edit: false,
      organize: false,
    });
    const again = await failure(
      service.changeEventStatus(ctx.db, roles.leadEditor, id, { status: "published", version: 2 }),
    );
    expect(again.fieldErrors.status).toEqual(["events.error.already.published"]);
    expect(
      (
        await failure(
          service.changeEventStatus(ctx.db, roles.leadEditor, id, {
            status: "cancelled",
            version: 1,
          }),
        )
      ).code,
    ).toBe("conflict");
    await service.changeEventStatus(ctx.db, roles.leadAdmin, id, { status: "draft", version: 2 });
    expect(await names(null)).toEqual([]);
    await service.changeEventStatus(ctx.db, roles.leadEditor, id, {
      status: "cancelled",
      version: 3,
    });
    expect((await service.getEventPage(ctx.db, null, id)).event.status).toBe("cancelled");
    // Cancelled is final: those registered were told and their calendars cancelled.
    const revived = await failure(
      service.changeEventStatus(ctx.db, roles.leadAdmin, id, { status: "published", version: 4 }),
    );
    expect(revived.fieldErrors.status).toEqual(["events.error.cancelledIsFinal"]);
    const upcoming = await service.listEvents(ctx.db, admin, { q: "Statusprov" });
    expect(upcoming.total).toBe(1);
    const past = await service.listEvents(ctx.db, admin, { q: "Statusprov", when: "past" });
    expect(past.total).toBe(0);
  });

  it("keeps rooms, tracks and organizers in order, refuses duplicates and the last lead's removal", async () => {
    const roles = await insertEventWithRoles(ctx.db);
    const id = roles.event.id;
    const editor = roles.committeeMember;
    const a = await service.addRoom(ctx.db, editor, id, { name: "Sal A", capacity: 200 });
    const b = await service.addRoom(ctx.db, editor, id, { name: "Sal B" });
    const c = await service.addRoom(ctx.db, editor, id, { name: "Sal C", capacity: 40 });
    expect(
      (await failure(service.addRoom(ctx.db, editor, id, { name: "sal b" }))).fieldErrors,
    ).toEqual({
      name: ["events.error.roomNameTaken"],
    });
    await service.updateRoom(ctx.db, editor, id, c.id, {
      position: 0,
      capacity: null,
      version: c.version,
    });
    expect(
      (await service.listRooms(ctx.db, admin, id)).map((room) => [
        room.name,
        room.position,
        room.capacity,
      ]),
    ).toEqual([
      ["Sal C", 0, null],
      ["Sal A", 1, 200],
      ["Sal B", 2, null],
    ]);
    await service.removeRoom(ctx.db, editor, id, b.id);
    expect(await auditActions(ctx.db, b.id)).toEqual(["create", "delete"]);
    expect(await auditActions(ctx.db, c.id)).toEqual(["create", "update"]);
    expect(a.position).toBe(0);

    const t1 = await service.addTrack(ctx.db, editor, id, { name: "Ledning" });
    const t2 = await service.addTrack(ctx.db, editor, id, { name: "Vård" });
    await service.updateTrack(ctx.db, editor, id, t2.id, {
      position: 0,
      name: "Vård nära",
      version: t2.version,
    });
    expect((await service.listTracks(ctx.db, admin, id)).map((t) => t.name)).toEqual([
      "Vård nära",
      "Ledning",
    ]);
    await service.removeTrack(ctx.db, editor, id, t1.id);
    expect(await auditActions(ctx.db, t1.id)).toEqual(["create", "delete"]);

    const organizer = roles.leadEditor;
    const rows = await service.listEventOrganizations(ctx.db, organizer, id);
    expect(rows.map((row) => row.role)).toEqual(["lead", "deputy_lead", "partner"]);
    const sponsor = await insertEventOrganization(ctx.db, { name: "Sponsorn" });
    const added = await service.addEventOrganization(ctx.db, organizer, id, {
      organizationId: sponsor.id,
      role: "sponsor",
    });
    expect(added.position).toBe(3);
    expect(
      (
        await failure(
          service.addEventOrganization(ctx.db, organizer, id, {
            organizationId: sponsor.id,
            role: "partner",
          }),
        )
      ).fieldErrors.organizationId,
    ).toEqual(["events.error.organizationAlreadyAdded"]);
    await service.updateEventOrganization(ctx.db, organizer, id, added.id, { position: 0 });
    expect(
      (await service.listEventOrganizations(ctx.db, organizer, id)).map((row) => row.role),
    ).toEqual(["sponsor", "lead", "deputy_lead", "partner"]);
    const lead = rows[0]!;
    expect(
      (await failure(service.removeEventOrganization(ctx.db, organizer, id, lead.id))).fieldErrors
        .role,
    ).toEqual(["events.error.lastLead"]);
    expect(
      (
        await failure(
          service.updateEventOrganization(ctx.db, organizer, id, lead.id, {
            role: "partner",
            version: lead.version,
          }),
        )
      ).fieldErrors.role,
    ).toEqual(["events.error.lastLead"]);
    // With a second lead, the first may step down.
    await service.updateEventOrganization(ctx.db, organizer, id, rows[1]!.id, {
      role: "lead",
      version: rows[1]!.version,
    });
    await service.updateEventOrganization(ctx.db, organizer, id, lead.id, {
      role: "partner",
      version: lead.version,
    });
    // The former lead's editor no longer organizes (nor sees the draft); the new lead's does.
    expect((await failure(service.getEvent(ctx.db, organizer, id))).code).toBe("not_found");
    await service.removeEventOrganization(ctx.db, roles.deputyEditor, id, added.id);
    expect(
      (await service.listEventOrganizations(ctx.db, roles.deputyEditor, id)).map(
        (row) => row.position,
      ),
    ).toEqual([0, 1, 2]);
    expect(await auditActions(ctx.db, added.id)).toEqual(["create", "delete", "update"]);
  });

  it("shows committee contact details only where the organizer chose, and all to editors", async () => {
    const roles = await insertEventWithRoles(ctx.db, { status: "published" });
    const id = roles.event.id;
    const person = await insertPerson(ctx.db, {
      name: "Lena Ledamot",
      email: "lena.ledamot@example.se",
      phone: "+46 70 174 06 70",
    });
    const member = await service.addCommitteeMember(ctx.db, roles.leadEditor, id, {
      committee: "organizing",
      personId: person.id,
      role: "lead",
      showPhone: true,
    });
    expect(
      (
        await failure(
          service.addCommitteeMember(ctx.db, roles.leadEditor, id, {
            committee: "organizing",
            personId: person.id,
          }),
        )
      ).fieldErrors.personId,
    ).toEqual(["events.error.alreadyInCommittee"]);
    const publicView = (await service.listCommitteeMembers(ctx.db, null, id)).find(
      (row) => row.id === member.id,
    )!;
    expect(publicView).toMatchObject({ email: null, phone: "+46 70 174 06 70" });
    const page = await service.getEventPage(ctx.db, null, id);
    expect(page.committees.organizing).toMatchObject([
      { name: "Lena Ledamot", email: null, phone: "+46 70 174 06 70" },
    ]);
    const editorView = (await service.listCommitteeMembers(ctx.db, roles.leadEditor, id)).find(
      (row) => row.id === member.id,
    )!;
    expect(editorView.email).toBe("lena.ledamot@example.se");
    await service.updateCommitteeMember(ctx.db, roles.leadEditor, id, member.id, {
      showEmail: true,
      showPhone: false,
      role: "member",
      version: member.version,
    });
    expect((await service.getEventPage(ctx.db, null, id)).committees.organizing).toMatchObject([
      { email: "lena.ledamot@example.se", phone: null, role: "member" },
    ]);
    // The new member edits the event now.
    const lena = actorFor({ personId: person.id });
    expect((await service.getEvent(ctx.db, lena, id)).can).toEqual({ edit: true, organize: false });
    await service.removeCommitteeMember(ctx.db, roles.leadEditor, id, member.id);
    expect((await service.getEvent(ctx.db, lena, id)).can.edit).toBe(false);
    expect(await auditActions(ctx.db, member.id)).toEqual(["create", "delete", "update"]);
  });

  it("keeps speakers with a directory organization or free text, and the MC among them", async () => {
    const roles = await insertEventWithRoles(ctx.db);
    const id = roles.event.id;
    const org = await insertEventOrganization(ctx.db, { name: "Högskolan i Test" });
    const a = await service.addSpeaker(ctx.db, roles.committeeMember, id, {
      name: "Ada Talare",
      title: "Professor",
      organizationId: org.id,
      organizationName: "ignored",
      bio: "Forskar om vård.",
    });
    expect(a).toMatchObject({ organizationId: org.id, organizationName: "Högskolan i Test" });
    const b = await service.addSpeaker(ctx.db, roles.committeeMember, id, {
      name: "Bo Gäst",
      organizationName: "Egen firma",
    });
    expect(b.organizationName).toBe("Egen firma");
    const changed = await service.updateSpeaker(ctx.db, roles.committeeMember, id, a.id, {
      organizationId: null,
      organizationName: "Annan högskola",
      version: a.version,
    });
    expect(changed).toMatchObject({ organizationId: null, organizationName: "Annan högskola" });
    const other = await insertEvent(ctx.db);
    const foreign = await insertSpeaker(ctx.db, other.id, { name: "Främling" });
    expect(
      (
        await failure(
          service.updateEvent(ctx.db, roles.committeeMember, id, {
            mcSpeakerId: foreign.id,
            version: 1,
          }),
        )
      ).fieldErrors.mcSpeakerId,
    ).toEqual(["events.error.speakerNotFound"]);
    await service.updateEvent(ctx.db, roles.committeeMember, id, {
      mcSpeakerId: b.id,
      version: 1,
    });
    expect((await service.getEventPage(ctx.db, admin, id)).mc?.name).toBe("Bo Gäst");
    await service.removeSpeaker(ctx.db, roles.committeeMember, id, b.id);
    expect((await service.getEvent(ctx.db, admin, id)).event.mcSpeakerId).toBeNull();
    expect(await auditActions(ctx.db, a.id)).toEqual(["create", "update"]);
    expect(await auditActions(ctx.db, b.id)).toEqual(["create", "delete"]);
  });

  it("refuses a room booked twice and a speaker in two places, naming the clashing session", async () => {
    const roles = await insertEventWithRoles(ctx.db);
    const event = roles.event;
    const editor = roles.leadEditor;
    const hall = await insertRoom(ctx.db, event.id, { name: "Stora salen" });
    const small = await insertRoom(ctx.db, event.id, { name: "Lilla salen" });
    const track = await insertTrack(ctx.db, event.id);
    const anna = await insertSpeaker(ctx.db, event.id, { name: "Anna Andersson" });
    const bo = await insertSpeaker(ctx.db, event.id, { name: "Bo Berg" });
    const keynote = await service.createSession(ctx.db, editor, event.id, {
      kind: "keynote",
      title: "Framtidens vård",
      date: "2030-05-14",
      startTime: "09:00",
      endTime: "10:00",
      roomId: hall.id,
      trackId: track.id,
      speakerIds: [anna.id],
    });
    expect(keynote).toMatchObject({
      date: "2030-05-14",
      startTime: "09:00",
      endTime: "10:00",
      roomName: "Stora salen",
      people: [{ name: "Anna Andersson", role: "speaker" }],
    });
    expect(keynote.startsAt.toISOString()).toBe("2030-05-14T07:00:00.000Z");

    const room = await failure(
      service.createSession(ctx.db, editor, event.id, {
        kind: "seminar",
        title: "Krock",
        date: "2030-05-14",
        startTime: "09:30",
        endTime: "10:30",
        roomId: hall.id,
      }),
    );
    expect(room).toBeInstanceOf(ProgramClashError);
    expect(room).toMatchObject({
      code: "conflict",
      message: "events.error.roomTaken",
      params: { room: "Stora salen", session: "Framtidens vård", time: "2030-05-14 09:00–10:00" },
    });
    expect(room.fieldErrors.roomId).toEqual(["events.error.roomTakenField"]);

    const speaker = await failure(
      service.createSession(ctx.db, editor, event.id, {
        kind: "panel",
        title: "Panel samtidigt",
        date: "2030-05-14",
        startTime: "09:45",
        endTime: "10:45",
        roomId: small.id,
        panelistIds: [bo.id],
        moderatorIds: [anna.id],
      }),
    );
    expect(speaker).toMatchObject({
      message: "events.error.speakerBusy",
      params: { speaker: "Anna Andersson", session: "Framtidens vård" },
    });
    expect(speaker.fieldErrors.moderatorIds).toEqual(["events.error.speakerBusyField"]);

    // Back to back, another room, and a break without a room are fine.
    const panel = await service.createSession(ctx.db, editor, event.id, {
      kind: "panel",
      title: "Panel efteråt",
      date: "2030-05-14",
      startTime: "10:00",
      endTime: "11:00",
      roomId: hall.id,
      panelistIds: [bo.id],
      moderatorIds: [anna.id],
    });
    await service.createSession(ctx.db, editor, event.id, {
      kind: "break",
      title: "Kaffe",
      date: "2030-05-14",
      startTime: "10:00",
      endTime: "10:30",
    });
    // Moving the keynote onto the panel's time clashes; keeping it in place does not.
    const moved = await failure(
      service.updateSession(ctx.db, editor, event.id, keynote.id, {
        startTime: "10:15",
        endTime: "10:45",
        version: keynote.version,
      }),
    );
    expect(moved.params).toMatchObject({ session: "Panel efteråt" });
    const retitled = await service.updateSession(ctx.db, editor, event.id, keynote.id, {
      title: "Framtidens vård i Väst",
      version: keynote.version,
    });
    expect(retitled).toMatchObject({
      version: 2,
      startTime: "09:00",
      people: [{ name: "Anna Andersson" }],
    });
    expect(
      (
        await failure(
          service.updateSession(ctx.db, editor, event.id, keynote.id, {
            title: "Stale",
            version: 1,
          }),
        )
      ).code,
    ).toBe("conflict");

    // Days outside the event, rooms, tracks and speakers of another event are refused.
    const other = await insertEvent(ctx.db);
    const foreignRoom = await insertRoom(ctx.db, other.id);
    const foreignSpeaker = await insertSpeaker(ctx.db, other.id);
    const seminar: TSessionCreateInput = {
      kind: "seminar",
      title: "Fel",
      date: "2030-05-15",
      startTime: "09:00",
      endTime: "10:00",
    };
    const refusals: [Partial<TSessionCreateInput>, string, string][] = [
      [{ title: "Fel dag", date: "2030-05-16" }, "date", "events.error.dateOutsideEvent"],
      [{ title: "Fel rum", roomId: foreignRoom.id }, "roomId", "events.error.roomNotFound"],
      [
        { title: "Fel talare", speakerIds: [foreignSpeaker.id] },
        "speakerIds",
        "events.error.speakerNotFound",
      ],
      [
        { title: "Baklänges", startTime: "10:00", endTime: "09:00" },
        "endTime",
        "events.error.endTimeBeforeStart",
      ],
    ];
    for (const [changes, field, message] of refusals) {
      const refused = await failure(
        service.createSession(ctx.db, editor, event.id, { ...seminar, ...changes }),
      );
      expect(refused.fieldErrors[field], changes.title).toEqual([message]);
    }

    // The event's dates cannot leave sessions outside.
    const shrink = await failure(
      service.updateEvent(ctx.db, editor, event.id, { startDate: "2030-05-15", version: 1 }),
    );
    expect(shrink.fieldErrors.startDate).toEqual(["events.error.sessionsOutsideDates"]);

    await service.deleteSession(ctx.db, editor, event.id, panel.id, { version: panel.version });
    expect(await auditActions(ctx.db, panel.id)).toEqual(["create", "delete"]);
    expect(await auditActions(ctx.db, keynote.id)).toEqual(["create", "update"]);
  });

  it("filters the program by day, track and kind and groups it per day", async () => {
    const event = await insertEvent(ctx.db, { startDate: "2030-05-14", endDate: "2030-05-16" });
    const track = await insertTrack(ctx.db, event.id, { name: "Spår 1" });
    await insertSession(ctx.db, event, { title: "Dag 1", date: "2030-05-14", kind: "keynote" });
    await insertSession(ctx.db, event, {
      title: "Dag 3",
      date: "2030-05-16",
      trackId: track.id,
    });
    const all = await service.getProgram(ctx.db, null, event.id);
    expect(all.program.map((day) => [day.date, day.sessions.map((s) => s.title)])).toEqual([
      ["2030-05-14", ["Dag 1"]],
      ["2030-05-15", []],
      ["2030-05-16", ["Dag 3"]],
    ]);
    expect(all.kinds.sort()).toEqual(["keynote", "seminar"]);
    const byTrack = await service.getProgram(ctx.db, null, event.id, { trackId: track.id });
    expect(byTrack.program.map((day) => day.date)).toEqual(["2030-05-16"]);
    const byDay = await service.getProgram(ctx.db, null, event.id, { day: "2030-05-14" });
    expect(byDay.program.map((day) => day.sessions.length)).toEqual([1]);
    const byKind = await service.getProgram(ctx.db, null, event.id, { kind: "seminar" });
    expect(byKind.program.flatMap((day) => day.sessions.map((s) => s.title))).toEqual(["Dag 3"]);
    expect(
      (await failure(service.getProgram(ctx.db, null, event.id, { kind: "x" as never }))).code,
    ).toBe("validation");
  });

  it("lets exactly one of concurrent sessions take a room, and a speaker be in one place (event row lock)", async () => {
    const event = await insertEvent(ctx.db, { status: "draft" });
    const hall = await insertRoom(ctx.db, event.id, { name: "Salen" });
    const rooms = await Promise.all(
      Array.from({ length: 6 }, (_, i) => insertRoom(ctx.db, event.id, { name: `Rum ${i}` })),
    );
    const speaker = await insertSpeaker(ctx.db, event.id, { name: "Eva Efterfrågad" });
    const editor = actorFor({ roles: { [event.leadOrganizationId]: "editor" } });
    const attempt = (i: number, roomId: string, speakerIds: string[] = []) =>
      service.createSession(ctx.db, editor, event.id, {
        kind: "seminar",
        title: `Samtidig ${i}`,
        date: "2030-05-14",
        startTime: "13:00",
        endTime: "14:00",
        roomId,
        speakerIds,
      });
    const sameRoom = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => attempt(i, hall.id)),
    );
    expect(sameRoom.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of sameRoom.filter((r) => r.status === "rejected"))
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ProgramClashError);
    const sameSpeaker = await Promise.allSettled(
      rooms.map((room, i) => attempt(10 + i, room.id, [speaker.id])),
    );
    expect(sameSpeaker.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const sessions = await ctx.db
      .select()
      .from(eventSessions)
      .where(and(eq(eventSessions.eventId, event.id)));
    expect(sessions).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Permission matrix: every action against every role.

type Role =
  | "public"
  | "outsider"
  | "partnerEditor"
  | "committeeMember"
  | "deputyEditor"
  | "leadEditor"
  | "leadAdmin"
  | "platformAdmin";
const roleNames: Role[] = [
  "public",
  "outsider",
  "partnerEditor",
  "committeeMember",
  "deputyEditor",
  "leadEditor",
  "leadAdmin",
  "platformAdmin",
];

function actorOf(roles: EventRoles, role: Role): Actor | null {
  return role === "public" ? null : roles[role];
}

type Level = "read" | "edit" | "organize";
type Action = (db: DbOrTx, roles: EventRoles, actor: Actor | null) => Promise<unknown>;

/** Each action, by the level of access it needs. */
const actions: Record<Level, Record<string, Action>> = {
  read: {
    getEvent: (db, r, a) => service.getEvent(db, a, r.event.id),
    getProgram: (db, r, a) => service.getProgram(db, a, r.event.id),
    listSessions: (db, r, a) => service.listSessions(db, a, r.event.id),
  },
  edit: {
    updateEvent: (db, r, a) =>
      service.updateEvent(db, a, r.event.id, { name: "Nytt namn", version: r.event.version }),
    addRoom: (db, r, a) => service.addRoom(db, a, r.event.id, { name: "R" }),
    updateRoom: async (db, r, a) =>
      service.updateRoom(db, a, r.event.id, (await insertRoom(db, r.event.id)).id, {
        capacity: 10,
        version: 1,
      }),
    removeRoom: async (db, r, a) =>
      service.removeRoom(db, a, r.event.id, (await insertRoom(db, r.event.id)).id),
    addTrack: (db, r, a) => service.addTrack(db, a, r.event.id, { name: "T" }),
    updateTrack: async (db, r, a) =>
      service.updateTrack(db, a, r.event.id, (await insertTrack(db, r.event.id)).id, {
        name: "T2",
        version: 1,
      }),
    removeTrack: async (db, r, a) =>
      service.removeTrack(db, a, r.event.id, (await insertTrack(db, r.event.id)).id),
    addSpeaker: (db, r, a) => service.addSpeaker(db, a, r.event.id, { name: "S" }),
    updateSpeaker: async (db, r, a) =>
      service.updateSpeaker(db, a, r.event.id, (await insertSpeaker(db, r.event.id)).id, {
        bio: "Bio",
        version: 1,
      }),
    removeSpeaker: async (db, r, a) =>
      service.removeSpeaker(db, a, r.event.id, (await insertSpeaker(db, r.event.id)).id),
    createSession: (db, r, a) =>
      service.createSession(db, a, r.event.id, {
        kind: "seminar",
        title: "P",
        date: "2030-05-14",
        startTime: "09:00",
        endTime: "10:00",
      }),
    updateSession: async (db, r, a) =>
      service.updateSession(db, a, r.event.id, (await insertSession(db, r.event)).id, {
        title: "Q",
        version: 1,
      }),
    deleteSession: async (db, r, a) =>
      service.deleteSession(db, a, r.event.id, (await insertSession(db, r.event)).id),
  },
  organize: {
    publishEvent: (db, r, a) =>
      service.changeEventStatus(db, a, r.event.id, { status: "cancelled", version: 1 }),
    deleteEvent: (db, r, a) => service.deleteEvent(db, a, r.event.id),
    addOrganization: async (db, r, a) =>
      service.addEventOrganization(db, a, r.event.id, {
        organizationId: (await insertEventOrganization(db)).id,
        role: "partner",
      }),
    updateOrganization: async (db, r, a) => {
      const row = await addedOrganization(db, r, "partner");
      return service.updateEventOrganization(db, a, r.event.id, row.id, {
        role: "sponsor",
        version: row.version,
      });
    },
    removeOrganization: async (db, r, a) => {
      const row = await addedOrganization(db, r, "sponsor");
      return service.removeEventOrganization(db, a, r.event.id, row.id);
    },
    addCommitteeMember: async (db, r, a) =>
      service.addCommitteeMember(db, a, r.event.id, {
        committee: "organizing",
        personId: (await insertPerson(db, { name: "Ny ledamot" })).id,
      }),
    updateCommitteeMember: async (db, r, a) =>
      service.updateCommitteeMember(db, a, r.event.id, (await addedCommitteeMember(db, r)).id, {
        showEmail: true,
        version: 1,
      }),
    removeCommitteeMember: async (db, r, a) =>
      service.removeCommitteeMember(db, a, r.event.id, (await addedCommitteeMember(db, r)).id),
  },
};

/** A fresh organization, added to the event in `role`. */
async function addedOrganization(db: DbOrTx, roles: EventRoles, role: EventOrganizationRole) {
  const organization = await insertEventOrganization(db);
  return addOrganizationToEvent(db, roles.event.id, organization.id, role, 5);
}

/** A fresh member of the event's organizing committee. */
function addedCommitteeMember(db: DbOrTx, roles: EventRoles) {
  return insertCommitteeMember(db, roles.event.id, { committee: "organizing" });
}

const allowed: Record<Level, Role[]> = {
  read: roleNames,
  edit: ["committeeMember", "deputyEditor", "leadEditor", "leadAdmin", "platformAdmin"],
  organize: ["deputyEditor", "leadEditor", "leadAdmin", "platformAdmin"],
};

function expected(level: Level, role: Role, status: "draft" | "published"): string {
  // A draft does not exist for those who do not edit it.
  if (status === "draft" && !allowed.edit.includes(role)) return "not_found";
  if (allowed[level].includes(role)) return "ok";
  return role === "public" ? "unauthenticated" : "forbidden";
}

describeDatabases("events permission matrix", (ctx) => {
  for (const status of ["published", "draft"] as const) {
    it(`runs every action as every role on a ${status} event`, async () => {
      const report: string[] = [];
      for (const [level, named] of Object.entries(actions) as [Level, Record<string, Action>][])
        for (const [name, run] of Object.entries(named))
          for (const role of roleNames) {
            const roles = await insertEventWithRoles(ctx.db, { status });
            const got = await outcome(run(ctx.db, roles, actorOf(roles, role)));
            const want = expected(level, role, status);
            if (got !== want) report.push(`${name} as ${role}: got ${got}, want ${want}`);
          }
      expect(report).toEqual([]);
    });
  }
});

describe("the matrix's expectations", () => {
  it("let committee members edit but not organize, and the public read published events only", () => {
    expect(expected("edit", "committeeMember", "draft")).toBe("ok");
    expect(expected("organize", "committeeMember", "draft")).toBe("forbidden");
    expect(expected("read", "public", "published")).toBe("ok");
    expect(expected("edit", "public", "draft")).toBe("not_found");
    expect(expected("read", "outsider", "draft")).toBe("not_found");
  });
});
