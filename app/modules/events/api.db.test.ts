// The events' /api/v1 endpoints through the real dispatcher, against a real database. Actors
// come from a test map keyed by Bearer token (identity's token lookup is tested elsewhere).
import { beforeAll, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { insertPerson } from "../directory/factories.ts";
import {
  insertEventOrganization,
  insertEventWithRoles,
  insertRoom,
  insertSpeaker,
  type EventRoles,
} from "./factories.ts";
import { documentedOperations, eventsApiClient } from "./testing-api.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("events API", (ctx) => {
  const { tokenFor, call } = eventsApiClient(() => ctx.db);
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
    const anonymous = await call("GET", "/events?when=all&q=API-");
    expect(anonymous.status).toBe(200);
    const page = (await anonymous.json()) as { items: { name: string }[]; total: number };
    expect(page.items.map((item) => item.name)).toEqual(["API-konferensen"]);
    const editor = tokenFor(draft.committeeMember);
    const asEditor = (await (
      await call("GET", "/events?when=all&q=API-", { token: editor })
    ).json()) as { items: { name: string }[] };
    expect(asEditor.items.map((item) => item.name).sort()).toEqual([
      "API-konferensen",
      "API-utkastet",
    ]);
    expect((await call("GET", `/events/${draft.event.id}`)).status).toBe(404);
    expect(
      (await call("GET", `/events/${draft.event.id}`, { token: tokenFor(draft.outsider) })).status,
    ).toBe(404);
    const read = await call("GET", `/events/${published.event.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ name: "API-konferensen", status: "published" });
  });

  it("creates, changes with a version check and publishes an event; refuses others", async () => {
    const lead = await insertEventOrganization(ctx.db, { name: "API-sjukhuset" });
    const other = await insertEventOrganization(ctx.db);
    const token = tokenFor({ ...draft.leadEditor, orgRoles: new Map([[lead.id, "editor"]]) });
    const body = {
      kind: "theme_day",
      name: "API-temadagen",
      startDate: "2030-11-05",
      endDate: "2030-11-05",
      leadOrganizationId: lead.id,
    };
    expect((await call("POST", "/events", { json: body })).status).toBe(401);
    const refused = await call("POST", "/events", {
      token,
      json: { ...body, leadOrganizationId: other.id },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const invalid = await call("POST", "/events", {
      token,
      json: { ...body, endDate: "2030-11-01", extra: 1 },
    });
    expect(invalid.status).toBe(422);
    const created = await call("POST", "/events", { token, json: body });
    expect(created.status).toBe(201);
    const event = (await created.json()) as { id: string; version: number; status: string };
    expect(event).toMatchObject({ status: "draft", version: 1 });
    expect(created.headers.get("location")).toBe(`/api/v1/events/${event.id}`);

    const changed = await call("PATCH", `/events/${event.id}`, {
      token,
      json: { venueName: "Regionens hus", version: 1 },
    });
    expect(changed.status).toBe(200);
    const stale = await call("PATCH", `/events/${event.id}`, {
      token,
      json: { venueName: "Annat", version: 1 },
      lang: "en",
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toContain("Someone else");
    const publish = await call("POST", `/events/${event.id}/status`, {
      token,
      json: { status: "published", version: 2 },
    });
    expect(publish.status).toBe(200);
    expect((await call("GET", `/events/${event.id}`)).status).toBe(200);
    const remove = await call("DELETE", `/events/${event.id}?version=3`, { token });
    expect(remove.status).toBe(204);
    expect((await call("GET", `/events/${event.id}`)).status).toBe(404);
  });

  it("builds a program: rooms, tracks, speakers, sessions, with a clash refused as 409 naming the session", async () => {
    const id = published.event.id;
    const token = tokenFor(published.committeeMember);
    const room = await call("POST", `/events/${id}/rooms`, {
      token,
      json: { name: "API-salen", capacity: 120 },
    });
    expect(room.status).toBe(201);
    const roomId = ((await room.json()) as { id: string }).id;
    const track = await call("POST", `/events/${id}/tracks`, { token, json: { name: "Spår A" } });
    const trackId = ((await track.json()) as { id: string }).id;
    const speaker = await call("POST", `/events/${id}/speakers`, {
      token,
      json: { name: "Api Talare", organizationName: "Testbolaget" },
    });
    expect(speaker.status).toBe(201);
    const speakerId = ((await speaker.json()) as { id: string }).id;
    const session = await call("POST", `/events/${id}/sessions`, {
      token,
      json: {
        kind: "keynote",
        title: "API-öppningen",
        date: "2030-05-14",
        startTime: "09:00",
        endTime: "10:00",
        roomId,
        trackId,
        speakerIds: [speakerId],
      },
    });
    expect(session.status).toBe(201);
    const created = (await session.json()) as { id: string; version: number; startsAt: string };
    expect(created.startsAt).toBe("2030-05-14T07:00:00.000Z");

    const clash = await call("POST", `/events/${id}/sessions`, {
      token,
      json: {
        kind: "seminar",
        title: "Krocken",
        date: "2030-05-14",
        startTime: "09:30",
        endTime: "10:30",
        roomId,
      },
    });
    expect(clash.status).toBe(409);
    expect(clash.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await clash.json()) as { detail: string; errors?: { field: string }[] };
    expect(problem.detail).toContain("API-salen");
    expect(problem.detail).toContain("API-öppningen");
    expect(problem.errors?.map((error) => error.field)).toEqual(["roomId"]);

    const busy = await call("POST", `/events/${id}/sessions`, {
      token,
      json: {
        kind: "panel",
        title: "Panelen",
        date: "2030-05-14",
        startTime: "09:30",
        endTime: "10:30",
        panelistIds: [speakerId],
      },
      lang: "en",
    });
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { detail: string }).detail).toContain(
      "Api Talare is already in “API-öppningen”",
    );

    const list = await call("GET", `/events/${id}/sessions`);
    expect(((await list.json()) as unknown[]).length).toBe(1);
    const program = await call("GET", `/events/${id}/program?trackId=${trackId}`);
    expect(program.status).toBe(200);
    const days = ((await program.json()) as { days: { sessions: { title: string }[] }[] }).days;
    expect(days.flatMap((day) => day.sessions.map((s) => s.title))).toEqual(["API-öppningen"]);

    const updated = await call("PATCH", `/events/${id}/sessions/${created.id}`, {
      token,
      json: { title: "API-öppningen 2030", version: created.version },
    });
    expect(updated.status).toBe(200);
    const stale = await call("PATCH", `/events/${id}/sessions/${created.id}`, {
      token,
      json: { title: "Gammal", version: created.version },
    });
    expect(stale.status).toBe(409);
    expect((await call("DELETE", `/events/${id}/sessions/${created.id}`, { token })).status).toBe(
      204,
    );
  });

  it("keeps the same permissions as the pages", async () => {
    const id = published.event.id;
    const outsider = tokenFor(published.outsider);
    const member = tokenFor(published.committeeMember);
    const organizer = tokenFor(published.deputyEditor);
    const room = await insertRoom(ctx.db, id, { name: "Behörighetsrummet" });
    const speaker = await insertSpeaker(ctx.db, id);
    expect(
      (await call("POST", `/events/${id}/rooms`, { token: outsider, json: { name: "X" } })).status,
    ).toBe(403);
    expect((await call("DELETE", `/events/${id}/rooms/${room.id}`)).status).toBe(401);
    expect(
      (await call("PATCH", `/events/${id}/speakers/${speaker.id}`, { token: outsider, json: {} }))
        .status,
    ).toBe(403);
    const person = await insertPerson(ctx.db, { name: "API-ledamot" });
    const addMember = (token: string) =>
      call("POST", `/events/${id}/committee-members`, {
        token,
        json: { committee: "program", personId: person.id, showEmail: true },
      });
    expect((await addMember(member)).status).toBe(403);
    expect((await addMember(organizer)).status).toBe(201);
    const partner = await insertEventOrganization(ctx.db);
    expect(
      (
        await call("POST", `/events/${id}/organizations`, {
          token: member,
          json: { organizationId: partner.id, role: "partner" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call("POST", `/events/${id}/status`, {
          token: member,
          json: { status: "cancelled", version: 1 },
        })
      ).status,
    ).toBe(403);
    expect((await call("DELETE", `/events/${id}`, { token: member })).status).toBe(403);
    expect((await call("GET", `/events/${draft.event.id}/sessions`)).status).toBe(404);
  });
});
