// The events' /api/v1 endpoints through the real dispatcher, against a real database, called as
// by an API token (identity's token lookup is tested elsewhere).
import { beforeAll, expect, it } from "vitest";
import { apiCaller, documentedOperations } from "../../../tests/support/api-call.ts";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { resetConfig } from "../../platform/config.ts";
import { insertPerson } from "../directory/factories.ts";
import {
  insertEventOrganization,
  insertEventWithRoles,
  insertRoom,
  insertSpeaker,
  type EventRoles,
} from "./factories.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("events API", (ctx) => {
  const call = apiCaller(() => ctx.db);
  const callInEnglish = apiCaller(() => ctx.db, { language: "en" });
  let draft: EventRoles;
  let published: EventRoles;

  beforeAll(async () => {
    draft = await insertEventWithRoles(ctx.db, { name: "API-utkastet" });
    published = await insertEventWithRoles(ctx.db, {
      name: "API-konferensen",
      status: "published",
    });
  });

  it("documents its endpoints in the OpenAPI document", () => {
    const operations = documentedOperations();
    for (const operationId of [
      "listEvents",
      "getEvent",
      "createEvent",
      "updateEvent",
      "changeEventStatus",
      "deleteEvent",
      "getEventProgram",
      "listEventRooms",
      "addEventRoom",
      "updateEventRoom",
      "removeEventRoom",
      "listEventTracks",
      "addEventTrack",
      "listEventOrganizations",
      "addEventOrganization",
      "listEventCommitteeMembers",
      "addEventCommitteeMember",
      "listEventSpeakers",
      "addEventSpeaker",
      "updateEventSpeaker",
      "listEventSessions",
      "getEventSession",
      "createEventSession",
      "updateEventSession",
      "deleteEventSession",
    ])
      expect(operations).toContain(operationId);
  });

  it("lists and reads published events for everyone, drafts for their editors only", async () => {
    const anonymous = await call(null, "GET", "/events?when=all&q=API-");
    expect(anonymous.status).toBe(200);
    const page = anonymous.json as { items: { name: string }[]; total: number };
    expect(page.items.map((item) => item.name)).toEqual(["API-konferensen"]);
    const editor = draft.committeeMember;
    const asEditor = (await call(editor, "GET", "/events?when=all&q=API-")).json as {
      items: { name: string }[];
    };
    expect(asEditor.items.map((item) => item.name).sort()).toEqual([
      "API-konferensen",
      "API-utkastet",
    ]);
    expect((await call(null, "GET", `/events/${draft.event.id}`)).status).toBe(404);
    expect((await call(draft.outsider, "GET", `/events/${draft.event.id}`)).status).toBe(404);
    const read = await call(null, "GET", `/events/${published.event.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ name: "API-konferensen", status: "published" });
  });

  it("creates, changes with a version check and publishes an event; refuses others", async () => {
    const lead = await insertEventOrganization(ctx.db, { name: "API-sjukhuset" });
    const other = await insertEventOrganization(ctx.db);
    const editor: Actor = { ...draft.leadEditor, orgRoles: new Map([[lead.id, "editor"]]) };
    const body = {
      kind: "theme_day",
      name: "API-temadagen",
      startDate: "2030-11-05",
      endDate: "2030-11-05",
      leadOrganizationId: lead.id,
    };
    expect((await call(null, "POST", "/events", body)).status).toBe(401);
    const refused = await call(editor, "POST", "/events", {
      ...body,
      leadOrganizationId: other.id,
    });
    expect(refused.status).toBe(403);
    expect(refused.type).toContain("application/problem+json");
    const invalid = await call(editor, "POST", "/events", {
      ...body,
      endDate: "2030-11-01",
      extra: 1,
    });
    expect(invalid.status).toBe(422);
    const created = await call(editor, "POST", "/events", body);
    expect(created.status).toBe(201);
    const event = created.json as { id: string; version: number; status: string };
    expect(event).toMatchObject({ status: "draft", version: 1 });
    expect(created.location).toBe(`/api/v1/events/${event.id}`);

    const changed = await call(editor, "PATCH", `/events/${event.id}`, {
      venueName: "Regionens hus",
      version: 1,
    });
    expect(changed.status).toBe(200);
    const stale = await callInEnglish(editor, "PATCH", `/events/${event.id}`, {
      venueName: "Annat",
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect((stale.json as { detail: string }).detail).toContain("Someone else");
    const publish = await call(editor, "POST", `/events/${event.id}/status`, {
      status: "published",
      version: 2,
    });
    expect(publish.status).toBe(200);
    expect((await call(null, "GET", `/events/${event.id}`)).status).toBe(200);
    const remove = await call(editor, "DELETE", `/events/${event.id}?version=3`);
    expect(remove.status).toBe(204);
    expect((await call(null, "GET", `/events/${event.id}`)).status).toBe(404);
  });

  it("builds a program: rooms, tracks, speakers, sessions, with a clash refused as 409 naming the session", async () => {
    const id = published.event.id;
    const editor = published.committeeMember;
    const room = await call(editor, "POST", `/events/${id}/rooms`, {
      name: "API-salen",
      capacity: 120,
    });
    expect(room.status).toBe(201);
    const roomId = (room.json as { id: string }).id;
    const track = await call(editor, "POST", `/events/${id}/tracks`, { name: "Spår A" });
    const trackId = (track.json as { id: string }).id;
    const speaker = await call(editor, "POST", `/events/${id}/speakers`, {
      name: "Api Talare",
      organizationName: "Testbolaget",
    });
    expect(speaker.status).toBe(201);
    const speakerId = (speaker.json as { id: string }).id;
    const session = await call(editor, "POST", `/events/${id}/sessions`, {
      kind: "keynote",
      title: "API-öppningen",
      date: "2030-05-14",
      startTime: "09:00",
      endTime: "10:00",
      roomId,
      trackId,
      speakerIds: [speakerId],
    });
    expect(session.status).toBe(201);
    const created = session.json as { id: string; version: number; startsAt: string };
    expect(created.startsAt).toBe("2030-05-14T07:00:00.000Z");

    const clash = await call(editor, "POST", `/events/${id}/sessions`, {
      kind: "seminar",
      title: "Krocken",
      date: "2030-05-14",
      startTime: "09:30",
      endTime: "10:30",
      roomId,
    });
    expect(clash.status).toBe(409);
    expect(clash.type).toContain("application/problem+json");
    const problem = clash.json as { detail: string; errors?: { field: string }[] };
    expect(problem.detail).toContain("API-salen");
    expect(problem.detail).toContain("API-öppningen");
    expect(problem.errors?.map((error) => error.field)).toEqual(["roomId"]);

    const busy = await callInEnglish(editor, "POST", `/events/${id}/sessions`, {
      kind: "panel",
      title: "Panelen",
      date: "2030-05-14",
      startTime: "09:30",
      endTime: "10:30",
      panelistIds: [speakerId],
    });
    expect(busy.status).toBe(409);
    expect((busy.json as { detail: string }).detail).toContain(
      "Api Talare is already in “API-öppningen”",
    );

    const list = await call(null, "GET", `/events/${id}/sessions`);
    expect(list.json).toHaveLength(1);
    const program = await call(null, "GET", `/events/${id}/program?trackId=${trackId}`);
    expect(program.status).toBe(200);
    const days = (program.json as { days: { sessions: { title: string }[] }[] }).days;
    expect(days.flatMap((day) => day.sessions.map((s) => s.title))).toEqual(["API-öppningen"]);

    const updated = await call(editor, "PATCH", `/events/${id}/sessions/${created.id}`, {
      title: "API-öppningen 2030",
      version: created.version,
    });
    expect(updated.status).toBe(200);
    const stale = await call(editor, "PATCH", `/events/${id}/sessions/${created.id}`, {
      title: "Gammal",
      version: created.version,
    });
    expect(stale.status).toBe(409);
    expect((await call(editor, "DELETE", `/events/${id}/sessions/${created.id}`)).status).toBe(204);
  });

  it("refuses a stale change of a room or a speaker with 409, and moves a room without a version", async () => {
    const id = draft.event.id;
    const editor = draft.leadEditor;
    const room = await insertRoom(ctx.db, id, { name: "Versionsrummet" });
    const listed = await call(editor, "GET", `/events/${id}/rooms`);
    const read = (listed.json as unknown as { id: string; version: number }[]).find(
      (r) => r.id === room.id,
    )!;
    expect(read.version).toBe(1);
    const saved = await call(editor, "PATCH", `/events/${id}/rooms/${room.id}`, {
      name: "Versionsrummet A",
      version: read.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ name: "Versionsrummet A", version: 2 });
    const stale = await call(editor, "PATCH", `/events/${id}/rooms/${room.id}`, {
      name: "Versionsrummet B",
      version: read.version,
    });
    expect(stale.status).toBe(409);
    expect(
      (await call(editor, "PATCH", `/events/${id}/rooms/${room.id}`, { name: "Utan version" }))
        .status,
    ).toBe(422);
    const moved = await call(editor, "PATCH", `/events/${id}/rooms/${room.id}`, { position: 0 });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ name: "Versionsrummet A", position: 0, version: 3 });

    const speaker = await insertSpeaker(ctx.db, id);
    const first = await call(editor, "PATCH", `/events/${id}/speakers/${speaker.id}`, {
      bio: "Först",
      version: 1,
    });
    expect(first.json).toMatchObject({ bio: "Först", version: 2 });
    const second = await call(editor, "PATCH", `/events/${id}/speakers/${speaker.id}`, {
      bio: "Sist",
      version: 1,
    });
    expect(second.status).toBe(409);
  });

  it("keeps the same permissions as the pages", async () => {
    const id = published.event.id;
    const outsider = published.outsider;
    const member = published.committeeMember;
    const organizer = published.deputyEditor;
    const room = await insertRoom(ctx.db, id, { name: "Behörighetsrummet" });
    const speaker = await insertSpeaker(ctx.db, id);
    expect((await call(outsider, "POST", `/events/${id}/rooms`, { name: "X" })).status).toBe(403);
    expect((await call(null, "DELETE", `/events/${id}/rooms/${room.id}`)).status).toBe(401);
    expect(
      (await call(outsider, "PATCH", `/events/${id}/speakers/${speaker.id}`, { version: 1 }))
        .status,
    ).toBe(403);
    const person = await insertPerson(ctx.db, { name: "API-ledamot" });
    const addMember = (who: Actor) =>
      call(who, "POST", `/events/${id}/committee-members`, {
        committee: "program",
        personId: person.id,
        showEmail: true,
      });
    expect((await addMember(member)).status).toBe(403);
    expect((await addMember(organizer)).status).toBe(201);
    const partner = await insertEventOrganization(ctx.db);
    expect(
      (
        await call(member, "POST", `/events/${id}/organizations`, {
          organizationId: partner.id,
          role: "partner",
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(member, "POST", `/events/${id}/status`, { status: "cancelled", version: 1 }))
        .status,
    ).toBe(403);
    expect((await call(member, "DELETE", `/events/${id}`)).status).toBe(403);
    expect((await call(null, "GET", `/events/${draft.event.id}/sessions`)).status).toBe(404);
  });
});
