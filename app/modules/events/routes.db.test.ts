// The events' organizing pages and the public program rendered on the server as React Router
// does: loaders and actions run against the app's database (a PGlite of this file's own),
// components render to HTML; the .ics resource routes are read back with ical.js.
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { hasChromium, seriousAxeViolations } from "../../../tests/support/accessibility.ts";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import { loadResource, recordingVisitor } from "../../../tests/support/render-routes.ts";

const getDb = await openAppDatabase("samverka-events-");
const { actorFor, insertPerson } = await import("../directory/factories.ts");
const factories = await import("./factories.ts");
const service = await import("./service.ts");
const programIcs = await import("./routes/program-ics.ts");
const sessionIcs = await import("./routes/session-ics.ts");

const modules: Record<string, () => Promise<unknown>> = {
  "/events": () => import("./routes/events.tsx") as never,
  "/events/new": () => import("./routes/event-new.tsx") as never,
  "/events/:id": () => import("./routes/event.tsx") as never,
  "/events/:id/edit": () => import("./routes/event-edit.tsx") as never,
  "/events/:id/rooms": () => import("./routes/event-rooms.tsx") as never,
  "/events/:id/tracks": () => import("./routes/event-tracks.tsx") as never,
  "/events/:id/organizers": () => import("./routes/event-organizers.tsx") as never,
  "/events/:id/committees": () => import("./routes/event-committees.tsx") as never,
  "/events/:id/speakers": () => import("./routes/event-speakers.tsx") as never,
  "/events/:id/speakers/:speakerId": () => import("./routes/event-speaker.tsx") as never,
  "/events/:id/sessions": () => import("./routes/event-sessions.tsx") as never,
  "/events/:id/sessions/new": () => import("./routes/session-new.tsx") as never,
  "/events/:id/sessions/:sessionId/edit": () => import("./routes/session-edit.tsx") as never,
  "/events/:id/sessions/:sessionId": () => import("./routes/session.tsx") as never,
  "/events/:id/program": () => import("./routes/program.tsx") as never,
};

const { visit, rendered } = recordingVisitor(modules);

function veventsOf(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return root.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
}

it("shows the public event page and program without login, filterable by day, track and kind", async () => {
  const db = await getDb();
  const roles = await factories.insertEventWithRoles(db, {
    status: "published",
    name: "E-hälsodagarna Väst",
  });
  const event = roles.event;
  const sponsor = await factories.insertEventOrganization(db, { name: "Sponsor AB" });
  await factories.addOrganizationToEvent(db, event.id, sponsor.id, "sponsor", 3);
  const shown = await insertPerson(db, {
    name: "Visad Ledamot",
    email: "visad@example.se",
    phone: "+46 70 174 06 60",
  });
  const hidden = await insertPerson(db, {
    name: "Dold Ledamot",
    email: "dold@example.se",
    phone: "+46 70 174 06 61",
  });
  await factories.insertCommitteeMember(db, event.id, {
    committee: "organizing",
    personId: shown.id,
    role: "lead",
    showEmail: true,
  });
  await factories.insertCommitteeMember(db, event.id, {
    committee: "organizing",
    personId: hidden.id,
  });
  const room = await factories.insertRoom(db, event.id, { name: "Stora salen" });
  const track = await factories.insertTrack(db, event.id, { name: "Vård nära dig" });
  const speaker = await factories.insertSpeaker(db, event.id, {
    name: "Alva Talare",
    organizationName: "Högskolan <i>",
  });
  await service.updateEvent(db, roles.leadEditor, event.id, {
    mcSpeakerId: speaker.id,
    description: "Två dagar om <script>alert(1)</script> e-hälsa.",
    version: event.version,
  });
  const keynote = await factories.insertSession(db, event, {
    title: "Öppning & välkommen",
    kind: "keynote",
    date: "2030-05-14",
    startTime: "09:00",
    endTime: "09:45",
    roomId: room.id,
    people: [{ speakerId: speaker.id, role: "speaker" }],
  });
  await factories.insertSession(db, event, {
    title: "Seminarium dag två",
    kind: "seminar",
    date: "2030-05-15",
    startTime: "10:00",
    endTime: "11:00",
    trackId: track.id,
  });

  const page = await visit(null, `/events/${event.id}`);
  expect(page.status).toBe(200);
  expect(page.html).toContain("E-hälsodagarna Väst");
  expect(page.html).toContain("14–15 maj 2030");
  expect(page.html).not.toContain("<script>alert(1)</script>");
  expect(page.html).toContain("&lt;script&gt;");
  expect(page.html).toContain(`/events/${event.id}/program`);
  // Organizers, then partners, in their order with their role.
  const order = ["– Huvudarrangör", "– Medarrangör", "– Partner", "Sponsor AB</a> – Sponsor"].map(
    (label) => page.html.indexOf(label),
  );
  expect(order.every((at) => at > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(page.html).toContain("Arrangemangskommitté");
  expect(page.html).toContain("visad@example.se");
  expect(page.html).not.toContain("+46 70 174 06 60");
  expect(page.html).not.toContain("dold@example.se");
  expect(page.html).not.toContain(`/events/${event.id}/edit`);
  const asEditor = await visit(roles.leadEditor, `/events/${event.id}`);
  expect(asEditor.html).toContain(`/events/${event.id}/edit`);

  const program = await visit(null, `/events/${event.id}/program`);
  expect(program.status).toBe(200);
  expect(program.html).toContain("Öppning &amp; välkommen");
  expect(program.html).toContain("Seminarium dag två");
  expect(program.html).toContain("tisdag 14 maj 2030");
  expect(program.html).toContain("09:00");
  expect(program.html).toContain("Stora salen");
  expect(program.html).toContain("Konferencier: Alva Talare (Högskolan &lt;i&gt;)");
  expect(program.html).toContain(`/events/${event.id}/program.ics`);
  const dayTwo = await visit(null, `/events/${event.id}/program?day=2030-05-15`);
  expect(dayTwo.html).toContain("Seminarium dag två");
  expect(dayTwo.html).not.toContain("Öppning &amp; välkommen");
  const byTrack = await visit(null, `/events/${event.id}/program?trackId=${track.id}`);
  expect(byTrack.html).toContain("Seminarium dag två");
  expect(byTrack.html).not.toContain("Öppning &amp; välkommen");
  const byKind = await visit(null, `/events/${event.id}/program?kind=keynote&utm_source=x`);
  expect(byKind.html).toContain("Öppning &amp; välkommen");
  expect(byKind.html).not.toContain("Seminarium dag två");
  const badFilter = await visit(null, `/events/${event.id}/program?kind=party`);
  expect(badFilter.status).toBe(200);
  expect(badFilter.html).toContain("Värdet är ogiltigt.");
  expect(badFilter.html).toContain("Seminarium dag två");

  const session = await visit(null, `/events/${event.id}/sessions/${keynote.id}`);
  expect(session.status).toBe(200);
  expect(session.html).toContain("Öppning &amp; välkommen");
  expect(session.html).toContain("Alva Talare");
  expect(session.html).toContain(`/events/${event.id}/sessions/${keynote.id}.ics`);

  const list = await visit(null, "/events");
  expect(list.html).toContain("E-hälsodagarna Väst");
  expect(list.html).not.toContain("Nytt evenemang");

  // iCalendar: the whole program and one session, read back.
  const feed = await loadResource(programIcs as never, null, { id: event.id });
  expect(feed.status).toBe(200);
  expect(feed.headers.get("content-type")).toContain("text/calendar");
  const events = veventsOf(await feed.text());
  expect(events.map((e) => e.summary).sort()).toEqual([
    "Seminarium dag två",
    "Öppning & välkommen",
  ]);
  const opening = events.find((e) => e.summary === "Öppning & välkommen")!;
  expect(opening.startDate.toJSDate().toISOString()).toBe("2030-05-14T07:00:00.000Z");
  expect(opening.endDate.toJSDate().toISOString()).toBe("2030-05-14T07:45:00.000Z");
  expect(opening.location).toContain("Stora salen");
  expect(opening.description).toContain("Talare: Alva Talare");
  const one = await loadResource(sessionIcs as never, null, {
    id: event.id,
    sessionId: keynote.id,
  });
  const single = veventsOf(await one.text());
  expect(single).toHaveLength(1);
  expect(single[0]!.uid).toBe(opening.uid);
  const missing = await loadResource(sessionIcs as never, null, {
    id: event.id,
    sessionId: "00000000-0000-4000-8000-000000000000",
  });
  expect(missing.status).toBe(404);
});

it("keeps drafts from the public and from outsiders, pages and feeds alike", async () => {
  const db = await getDb();
  const roles = await factories.insertEventWithRoles(db, { name: "Hemligt utkast" });
  const session = await factories.insertSession(db, roles.event, { title: "Utkastpunkt" });
  for (const who of [null, roles.outsider, roles.partnerEditor]) {
    expect((await visit(who, `/events/${roles.event.id}`)).status).toBe(404);
    expect((await visit(who, `/events/${roles.event.id}/program`)).status).toBe(404);
    expect((await visit(who, `/events/${roles.event.id}/sessions/${session.id}`)).status).toBe(404);
    expect((await loadResource(programIcs as never, who, { id: roles.event.id })).status).toBe(404);
    expect((await visit(who, "/events?when=all")).html).not.toContain("Hemligt utkast");
  }
  for (const who of [roles.leadEditor, roles.deputyEditor, roles.committeeMember]) {
    const page = await visit(who, `/events/${roles.event.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Utkast");
    expect((await visit(who, "/events")).html).toContain("Hemligt utkast");
    const feed = await loadResource(programIcs as never, who, { id: roles.event.id });
    expect(feed.headers.get("cache-control")).toContain("no-store");
  }
  // The edit page asks the public to log in and refuses an outsider of a published event.
  await service.changeEventStatus(db, roles.leadAdmin, roles.event.id, {
    status: "published",
    version: roles.event.version,
  });
  const login = await visit(null, `/events/${roles.event.id}/edit`);
  expect(login.location).toContain("/login");
  expect((await visit(roles.outsider, `/events/${roles.event.id}/edit`)).html).toContain("refused");
  expect(
    (await visit(roles.committeeMember, `/events/${roles.event.id}/organizers`)).html,
  ).toContain("refused");
});

it("lets an organizer build an event with forms alone: facts, rooms, tracks, speakers, sessions, committees, publish", async () => {
  const db = await getDb();
  const lead = await factories.insertEventOrganization(db, { name: "Södra Testsjukhuset" });
  const partner = await factories.insertEventOrganization(db, { name: "Partnerbolaget AB" });
  const organizer = actorFor({ roles: { [lead.id]: "editor" } });

  const form = await visit(organizer, "/events/new");
  expect(form.status).toBe(200);
  expect(form.html).toContain("Södra Testsjukhuset");
  const bad = await visit(organizer, "/events/new", {
    leadOrganizationId: lead.id,
    kind: "conference",
    name: "",
    startDate: "2030-09-10",
    endDate: "2030-09-09",
  });
  expect(bad.status).toBe(422);
  expect(bad.html).toContain("Slutdatum kan inte vara före startdatum.");
  expect(bad.html).toContain('value="2030-09-10"');
  const created = await visit(organizer, "/events/new", {
    leadOrganizationId: lead.id,
    kind: "conference",
    name: "Vårdens digitala vardag",
    startDate: "2030-09-09",
    endDate: "2030-09-10",
    venueName: "Kongresshuset",
  });
  expect(created.location).toMatch(/^\/events\/[0-9a-f-]{36}\?created=1$/);
  const id = created.location!.split("/")[2]!.split("?")[0]!;

  expect(
    (await visit(organizer, `/events/${id}/rooms`, { name: "Sal A", capacity: "200" })).location,
  ).toContain("saved");
  await visit(organizer, `/events/${id}/rooms`, { name: "Sal B" });
  const dup = await visit(organizer, `/events/${id}/rooms`, { intent: "add", name: "sal a" });
  expect(dup.status).toBe(422);
  expect(dup.html).toContain("Det finns redan ett rum med det namnet.");
  const rooms = await service.listRooms(db, organizer, id);
  expect(rooms.map((room) => room.name)).toEqual(["Sal A", "Sal B"]);
  await visit(organizer, `/events/${id}/rooms`, { intent: "down", rowId: rooms[0]!.id });
  expect((await service.listRooms(db, organizer, id)).map((room) => room.name)).toEqual([
    "Sal B",
    "Sal A",
  ]);
  await visit(organizer, `/events/${id}/rooms`, {
    intent: "save",
    rowId: rooms[1]!.id,
    version: String(rooms[1]!.version),
    name: "Sal Bergen",
    capacity: "80",
  });
  // A second organizer saves the same row from the version it showed: refused, with what they
  // typed kept in the row and the saved room shown.
  const staleRoom = await visit(organizer, `/events/${id}/rooms`, {
    intent: "save",
    rowId: rooms[1]!.id,
    version: String(rooms[1]!.version),
    name: "Sal Bodø",
    capacity: "60",
  });
  expect(staleRoom.status).toBe(409);
  expect(staleRoom.html).toContain("Någon annan har sparat en ändring medan du redigerade.");
  expect(staleRoom.html).toContain("Sparad version: Sal Bergen, Platser: 80");
  expect(staleRoom.html).toContain('value="Sal Bodø"');
  await visit(organizer, `/events/${id}/tracks`, { name: "Ledarskap" });
  const roomsPage = await visit(organizer, `/events/${id}/rooms`);
  expect(roomsPage.html).toContain("Sal Bergen");
  await visit(organizer, `/events/${id}/tracks`);

  await visit(organizer, `/events/${id}/speakers`, {
    name: "Pia Panel",
    title: "Forskare",
    organizationName: "Högskolan Test",
  });
  await visit(organizer, `/events/${id}/speakers`, { name: "Max Moderator" });
  const speakers = await service.listSpeakers(db, organizer, id);
  const pia = speakers.find((speaker) => speaker.name === "Pia Panel")!;
  const max = speakers.find((speaker) => speaker.name === "Max Moderator")!;
  await visit(organizer, `/events/${id}/speakers/${pia.id}`);
  const piaForm = {
    intent: "save",
    version: String(pia.version),
    name: "Pia Panel",
    bio: "",
    organizationId: "",
    organizationName: "Högskolan Test",
  };
  await visit(organizer, `/events/${id}/speakers/${pia.id}`, { ...piaForm, title: "Docent" });
  const stalePia = await visit(organizer, `/events/${id}/speakers/${pia.id}`, {
    ...piaForm,
    title: "Professor",
  });
  expect(stalePia.status).toBe(409);
  expect(stalePia.html).toContain("Sparad version: Pia Panel, Docent, Högskolan Test");
  expect(stalePia.html).toContain('value="Professor"');
  expect((await service.getSpeaker(db, organizer, id, pia.id)).title).toBe("Docent");

  await visit(organizer, `/events/${id}/sessions/new`);
  const first = await visit(organizer, `/events/${id}/sessions/new`, {
    kind: "panel",
    title: "Panelen om framtiden",
    date: "2030-09-09",
    startTime: "10:00",
    endTime: "11:00",
    roomId: rooms[0]!.id,
    panelistIds: [pia.id],
    moderatorIds: max.id,
  });
  expect(first.location).toBe(`/events/${id}/sessions?created=1`);
  const roomClash = await visit(organizer, `/events/${id}/sessions/new`, {
    kind: "seminar",
    title: "Krockar i rummet",
    date: "2030-09-09",
    startTime: "10:30",
    endTime: "11:30",
    roomId: rooms[0]!.id,
  });
  expect(roomClash.status).toBe(409);
  expect(roomClash.html).toContain(
    "Rummet Sal A är redan bokat 2030-09-09 10:00–11:00 för ”Panelen om framtiden”.",
  );
  expect(roomClash.html).toContain("Rummet är upptaget vid den tiden.");
  expect(roomClash.html).toContain('value="Krockar i rummet"');
  const speakerClash = await visit(organizer, `/events/${id}/sessions/new`, {
    kind: "seminar",
    title: "Pia på två ställen",
    date: "2030-09-09",
    startTime: "10:45",
    endTime: "11:15",
    roomId: rooms[1]!.id,
    speakerIds: [pia.id],
  });
  expect(speakerClash.status).toBe(409);
  expect(speakerClash.html).toContain("Pia Panel medverkar redan 2030-09-09 10:00–11:00");
  expect(speakerClash.html).toContain("Panelen om framtiden");

  const [panel] = await service.listSessions(db, organizer, id);
  const edit = await visit(organizer, `/events/${id}/sessions/${panel!.id}/edit`);
  expect(edit.html).toContain("Panelen om framtiden");
  const moved = await visit(organizer, `/events/${id}/sessions/${panel!.id}/edit`, {
    intent: "save",
    version: String(panel!.version),
    kind: "panel",
    title: "Panelen om framtiden",
    date: "2030-09-10",
    startTime: "13:00",
    endTime: "14:00",
    roomId: rooms[0]!.id,
    panelistIds: [pia.id],
    moderatorIds: max.id,
  });
  expect(moved.location).toContain(`/events/${id}/sessions?saved=1`);
  const stale = await visit(organizer, `/events/${id}/sessions/${panel!.id}/edit`, {
    intent: "save",
    version: String(panel!.version),
    kind: "panel",
    title: "Gammal version",
    date: "2030-09-10",
    startTime: "13:00",
    endTime: "14:00",
  });
  expect(stale.status).toBe(409);
  expect(stale.html).toContain("Någon annan har ändrat programpunkten");
  await visit(organizer, `/events/${id}/sessions`);

  // Partners and committees.
  await visit(organizer, `/events/${id}/organizers`, {
    organizationId: partner.id,
    role: "partner",
  });
  const organizersPage = await visit(organizer, `/events/${id}/organizers`);
  expect(organizersPage.html).toContain("Partnerbolaget AB");
  const lastLead = await visit(organizer, `/events/${id}/organizers`, {
    intent: "remove",
    rowId: (await service.listEventOrganizations(db, organizer, id))[0]!.id,
  });
  expect(lastLead.status).toBe(422);
  expect(lastLead.html).toContain("Evenemanget måste ha en huvudarrangör.");
  const member = await insertPerson(db, {
    name: "Kim Kommitté",
    email: "kim.kommitte@example.se",
  });
  const search = await visit(organizer, `/events/${id}/committees?q=Kim`);
  expect(search.html).toContain("Kim Kommitté");
  await visit(organizer, `/events/${id}/committees`, {
    committee: "program",
    personId: member.id,
    role: "lead",
    showEmail: "on",
  });
  const committees = await service.listCommitteeMembers(db, organizer, id);
  expect(committees).toMatchObject([{ name: "Kim Kommitté", role: "lead", showEmail: true }]);

  // The event's facts with a version check, then publish.
  const [current] = [(await service.getEvent(db, organizer, id)).event];
  const editPage = await visit(organizer, `/events/${id}/edit`);
  expect(editPage.html).toContain("Publicera");
  const saved = await visit(organizer, `/events/${id}/edit`, {
    intent: "save",
    version: String(current!.version),
    kind: "conference",
    name: "Vårdens digitala vardag 2030",
    startDate: "2030-09-09",
    endDate: "2030-09-10",
    mcSpeakerId: max.id,
  });
  expect(saved.location).toBe(`/events/${id}?saved=1`);
  const conflict = await visit(organizer, `/events/${id}/edit`, {
    intent: "save",
    version: String(current!.version),
    kind: "conference",
    name: "Mitt gamla namn",
    startDate: "2030-09-09",
    endDate: "2030-09-10",
  });
  expect(conflict.status).toBe(409);
  expect(conflict.html).toContain("Sparad version");
  expect(conflict.html).toContain("Vårdens digitala vardag 2030");
  expect(conflict.html).toContain('value="Mitt gamla namn"');
  const shrink = await visit(organizer, `/events/${id}/edit`, {
    intent: "save",
    version: String(current!.version + 1),
    kind: "conference",
    name: "Vårdens digitala vardag 2030",
    startDate: "2030-09-09",
    endDate: "2030-09-09",
  });
  expect(shrink.status).toBe(422);
  expect(shrink.html).toContain("Programmet har punkter utanför de nya datumen.");

  expect((await visit(null, `/events/${id}`)).status).toBe(404);
  const published = await visit(organizer, `/events/${id}/edit`, {
    intent: "status",
    status: "published",
    version: String(current!.version + 1),
  });
  expect(published.location).toBe(`/events/${id}?status=1`);
  const publicPage = await visit(null, `/events/${id}`);
  expect(publicPage.status).toBe(200);
  expect(publicPage.html).toContain("Kim Kommitté");
  expect(publicPage.html).toContain("kim.kommitte@example.se");
  const publicProgram = await visit(null, `/events/${id}/program`);
  expect(publicProgram.html).toContain("Panelen om framtiden");
  expect(publicProgram.html).toContain("Paneldeltagare: Pia Panel (Högskolan Test)");
  expect(publicProgram.html).toContain("Moderator: Max Moderator");
  expect(publicProgram.html).toContain("Konferencier: Max Moderator");
  await visit(organizer, `/events/${id}/committees`);
  await visit(organizer, `/events/${id}/edit`);
  await visit(organizer, "/events");
  await visit(organizer, "/events/new");

  const deleted = await visit(organizer, `/events/${id}/edit`, {
    intent: "delete",
    version: String(current!.version + 2),
  });
  expect(deleted.location).toBe("/events?deleted=1");
  expect((await visit(organizer, `/events/${id}`)).status).toBe(404);
});

it.skipIf(!hasChromium)(
  "renders pages without serious accessibility violations (axe-core in Chromium)",
  async () => {
    expect(rendered.length).toBeGreaterThan(10);
    expect(await seriousAxeViolations(rendered)).toEqual([]);
  },
  // Every page of the module in one Chromium run: about 40 s on a quiet 2-core machine.
  150_000,
);
