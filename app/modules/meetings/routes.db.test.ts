// The meetings core's pages rendered on the server as React Router does: loaders and actions run
// against the app's database (a PGlite of this file's own), components render to HTML.
import { expect, it } from "vitest";
import { hasChromium, seriousAxeViolations } from "../../../tests/support/accessibility.ts";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import { recordingVisitor } from "../../../tests/support/render-routes.ts";

const getDb = await openAppDatabase("samverka-meetings-");
const { insertNetworkWithRoles } = await import("../networks/factories.ts");
const { insertPerson } = await import("../directory/factories.ts");
const { getMeeting, getSeries } = await import("./service.ts");
const { insertSeries } = await import("./factories.ts");

const modules: Record<string, () => Promise<unknown>> = {
  "/networks/:id/series/new": () => import("./routes/series-new.tsx") as never,
  "/networks/:id/meetings/new": () => import("./routes/meeting-new.tsx") as never,
  "/series/:id": () => import("./routes/series.tsx") as never,
  "/series/:id/edit": () => import("./routes/series-edit.tsx") as never,
  "/meetings/:id": () => import("./routes/meeting.tsx") as never,
  "/meetings/:id/edit": () => import("./routes/meeting-edit.tsx") as never,
  "/meetings/:id/agenda": () => import("./routes/meeting-agenda.tsx") as never,
  "/meetings/:id/agenda/:itemId": () => import("./routes/meeting-agenda-item.tsx") as never,
  "/meetings/:id/attendance": () => import("./routes/meeting-attendance.tsx") as never,
};

const { visit, rendered } = recordingVisitor(modules);

it("lets a secretary create a series, plan, move, build an agenda and record attendance without JavaScript", async () => {
  const db = await getDb();
  const net = await insertNetworkWithRoles(db, { visibility: "members" });
  const secretary = net.members.secretary.actor;
  const member = net.members.member;

  const form = await visit(secretary, `/networks/${net.network.id}/series/new`);
  expect(form.status).toBe(200);
  expect(form.html).toContain("Ny mötesserie");

  const bad = await visit(secretary, `/networks/${net.network.id}/series/new`, {
    name: "Samordning",
    frequency: "advanced",
    rrule: "FREQ=HOURLY",
    firstDate: "2026-01-13",
    startTime: "09:00",
    endTime: "11:00",
  });
  expect(bad.status).toBe(422);
  expect(bad.html).toContain("högst en gång per dag");

  const created = await visit(secretary, `/networks/${net.network.id}/series/new`, {
    name: "Samordning",
    frequency: "monthly",
    interval: "1",
    weekday: "TU",
    nth: "2",
    firstDate: "2026-01-13",
    startTime: "09:00",
    endTime: "11:30",
    place: "Sal 3",
  });
  expect(created.location).toMatch(/^\/series\/[0-9a-f-]{36}\?created=1$/);
  const seriesPath = created.location!.split("?")[0]!;
  const seriesPage = await visit(secretary, seriesPath);
  expect(seriesPage.html).toContain("Varje månad på andra tisdag");
  expect(seriesPage.html).toContain("Planera");
  const occurrence = /name="occurrenceStart" value="([^"]+)"/.exec(seriesPage.html)?.[1];
  expect(occurrence).toBeTruthy();

  const planned = await visit(secretary, seriesPath, { occurrenceStart: occurrence! });
  expect(planned.location).toMatch(/^\/meetings\/[0-9a-f-]{36}\?planned=1$/);
  const meetingPath = planned.location!.split("?")[0]!;
  const meetingId = meetingPath.split("/")[2]!;

  const page = await visit(member.actor, meetingPath);
  expect(page.status).toBe(200);
  expect(page.html).toContain("Samordning");
  expect(page.html).toContain(member.person.name);
  expect(await visit(net.outsider, meetingPath)).toMatchObject({ status: 404 });

  // Agenda: add two items, the second with a guest; move it up by a form post.
  const guest = await insertPerson(db, { name: "Gästa Gästsson" });
  const agendaPath = `${meetingPath}/agenda`;
  expect((await visit(member.actor, agendaPath)).status).toBe(403);
  const first = await visit(secretary, agendaPath, {
    intent: "add",
    title: "Inledning",
    purpose: "Information",
  });
  expect(first.location).toBe(`${agendaPath}?saved=1`);
  const badLink = await visit(secretary, agendaPath, {
    intent: "add",
    title: "Länk",
    documentLinks: "Skript | javascript:alert(1)",
  });
  expect(badLink.status).toBe(422);
  expect(badLink.html).toContain("Länken måste börja med https://");
  await visit(secretary, agendaPath, {
    intent: "add",
    title: "Vårdens digitala stöd",
    purpose: "Beslut",
    plannedMinutes: "30",
    guestPersonIds: [guest.id],
    responsiblePersonIds: [net.members.chair.person.id],
    documentLinks: "Underlag | https://example.org/u.pdf",
  });
  let data = await getMeeting(db, secretary, meetingId);
  const second = data.agenda[1]!;
  const agendaHtml = (await visit(secretary, agendaPath)).html;
  expect(agendaHtml).toContain('aria-label="Flytta upp Vårdens digitala stöd"');
  expect(agendaHtml).toContain('aria-label="Flytta ned Inledning"');
  const moved = await visit(secretary, agendaPath, { intent: "up", itemId: second.id });
  expect(moved.location).toContain(`moved=${second.id}`);
  data = await getMeeting(db, secretary, meetingId);
  expect(data.agenda.map((item) => item.title)).toEqual(["Vårdens digitala stöd", "Inledning"]);
  expect(data.guests.map((g) => g.name)).toEqual(["Gästa Gästsson"]);
  const itemPage = await visit(secretary, `${agendaPath}/${second.id}`);
  expect(itemPage.html).toContain("Underlag | https://example.org/u.pdf");
  // Dragging a row posts its new position; the page has one live region that reads moves out.
  const dropped = await visit(secretary, agendaPath, {
    intent: "position",
    itemId: data.agenda[1]!.id,
    position: "1",
  });
  expect(dropped.location).toBe(
    `${agendaPath}?moved=${data.agenda[1]!.id}#item-${data.agenda[1]!.id}`,
  );
  data = await getMeeting(db, secretary, meetingId);
  expect(data.agenda.map((item) => item.title)).toEqual(["Inledning", "Vårdens digitala stöd"]);
  const announced = await visit(secretary, `${agendaPath}?moved=${data.agenda[0]!.id}`);
  expect(announced.html).toContain(
    '<div role="status" aria-live="polite"><p class="notice">Inledning är nu punkt 1.</p></div>',
  );
  expect(
    (
      await visit(member.actor, agendaPath, {
        intent: "position",
        itemId: data.agenda[1]!.id,
        position: "1",
      })
    ).status,
  ).toBe(403);

  // Move the meeting; a stale version is shown as a conflict with the saved values.
  const edit = await visit(secretary, `${meetingPath}/edit`);
  expect(edit.status).toBe(200);
  const version = String(data.meeting.version);
  const saved = await visit(secretary, `${meetingPath}/edit`, {
    intent: "save",
    version,
    title: "Samordning (flyttad)",
    date: data.meeting.date,
    startTime: "13:00",
    endTime: "15:00",
    place: "Sal 4",
  });
  expect(saved.location).toBe(`${meetingPath}?saved=1`);
  const stale = await visit(secretary, `${meetingPath}/edit`, {
    intent: "save",
    version,
    title: "Annan",
    date: data.meeting.date,
    startTime: "13:00",
    endTime: "15:00",
  });
  expect(stale.status).toBe(409);
  expect(stale.html).toContain("Sparad version");

  // Attendance: the member sees and sets only their own.
  const own = await visit(member.actor, `${meetingPath}/attendance`);
  expect(own.html).toContain(`attendance:${member.person.id}`);
  expect(own.html).not.toContain(`attendance:${net.members.chair.person.id}`);
  // The secretary's form carries, per row, the answer it shows.
  const secretaryForm = await visit(secretary, `${meetingPath}/attendance`);
  expect(secretaryForm.html).toContain(`name="previous:${member.person.id}" value="invited"`);
  const set = await visit(member.actor, `${meetingPath}/attendance`, {
    intent: "attendance",
    [`attendance:${member.person.id}`]: "absent_with_notice",
  });
  expect(set.location).toBe(`${meetingPath}/attendance?saved=1`);
  const sneaky = await visit(member.actor, `${meetingPath}/attendance`, {
    intent: "attendance",
    [`attendance:${net.members.chair.person.id}`]: "absent",
  });
  expect(sneaky.status).toBe(403);
  // The secretary saves the form read before the member's answer: the member's is kept, the
  // chair's is saved, and the secretary is told whose answer changed meanwhile.
  const chairId = net.members.chair.person.id;
  const overwrite = await visit(secretary, `${meetingPath}/attendance`, {
    intent: "attendance",
    [`previous:${member.person.id}`]: "invited",
    [`attendance:${member.person.id}`]: "present",
    [`previous:${chairId}`]: "invited",
    [`attendance:${chairId}`]: "present",
  });
  expect(overwrite.status).toBe(409);
  expect(overwrite.html).toContain(
    `Närvaron för ${member.person.name} ändrades av någon annan under tiden`,
  );
  expect(overwrite.html).toContain(`name="previous:${chairId}" value="present"`);
  const after = await visit(member.actor, meetingPath);
  expect(after.html).toContain(`<del>${member.person.name}</del>`);
  expect(after.html).toContain("Anmält förhinder");

  // A single meeting, outside any series.
  expect((await visit(secretary, `/networks/${net.network.id}/meetings/new`)).status).toBe(200);
  const single = await visit(secretary, `/networks/${net.network.id}/meetings/new`, {
    title: "Extra möte",
    date: "2026-12-15",
    startTime: "14:00",
    endTime: "15:00",
  });
  expect(single.location).toMatch(/^\/meetings\/[0-9a-f-]{36}\?planned=1$/);

  // Cancel needs the confirmation box.
  const fresh = await getMeeting(db, secretary, meetingId);
  const unconfirmed = await visit(secretary, `${meetingPath}/edit`, {
    intent: "cancel",
    version: String(fresh.meeting.version),
  });
  expect(unconfirmed.status).toBe(422);
  const cancelled = await visit(secretary, `${meetingPath}/edit`, {
    intent: "cancel",
    version: String(fresh.meeting.version),
    confirm: "yes",
  });
  expect(cancelled.location).toBe(`${meetingPath}?cancelled=1`);
  expect((await getMeeting(db, secretary, meetingId)).meeting.status).toBe("cancelled");
});

it("lets chairs and secretaries edit a series with the version check, and no one else", async () => {
  const db = await getDb();
  const net = await insertNetworkWithRoles(db, { visibility: "members" });
  const secretary = net.members.secretary.actor;
  const series = await insertSeries(db, net.network.id, { name: "Samordning" });
  const path = `/series/${series.id}`;
  const form = (version: number, changes: Record<string, string> = {}) => ({
    version: String(version),
    name: "Samordning",
    frequency: "monthly",
    interval: "1",
    weekday: "TU",
    nth: "2",
    firstDate: "2026-01-13",
    startTime: "09:00",
    endTime: "11:30",
    timeZone: "Europe/Stockholm",
    place: "Sal 3",
    onlineUrl: "",
    ...changes,
  });

  const page = await visit(secretary, path);
  expect(page.html).toContain(`href="${path}/edit"`);
  expect((await visit(net.members.member.actor, path)).html).not.toContain(`${path}/edit`);
  const edit = await visit(secretary, `${path}/edit`);
  expect(edit.status).toBe(200);
  expect(edit.html).toContain("Ändra Samordning");
  expect(edit.html).toContain(`checked="" value="monthly"`);
  expect(edit.html).toContain('value="Regionens hus, sal 3"');

  // Members, outsiders and the public are refused, reading and posting alike.
  expect((await visit(net.members.member.actor, `${path}/edit`)).status).toBe(403);
  expect((await visit(net.outsider, `${path}/edit`)).status).toBe(404);
  expect((await visit(null, `${path}/edit`)).location).toMatch(/^\/login\?next=/);
  const refused = await visit(net.members.member.actor, `${path}/edit`, form(1, { name: "X" }));
  expect(refused.status).toBe(403);
  expect((await getSeries(db, secretary, series.id)).series.name).toBe("Samordning");

  // Bad input stays in the form with its message.
  const bad = await visit(secretary, `${path}/edit`, form(1, { endTime: "08:00", name: "Ny" }));
  expect(bad.status).toBe(422);
  expect(bad.html).toContain("Sluttiden måste vara efter starttiden.");
  expect(bad.html).toContain('value="Ny"');

  const saved = await visit(
    secretary,
    `${path}/edit`,
    form(1, { name: "Veckomöte", frequency: "weekly", weekday: "WE", firstDate: "2026-01-14" }),
  );
  expect(saved.location).toBe(`${path}?saved=1`);
  const after = await getSeries(db, secretary, series.id);
  expect(after.series).toMatchObject({ name: "Veckomöte", rrule: "FREQ=WEEKLY;BYDAY=WE" });
  expect(after.series.version).toBe(2);
  const shown = await visit(secretary, `${path}?saved=1`);
  expect(shown.html).toContain("Serien är sparad.");
  expect(shown.html).toContain("Varje vecka på onsdag");

  // A second secretary still on version 1: refused, their text kept, the saved series shown.
  const stale = await visit(net.members.chair.actor, `${path}/edit`, form(1, { place: "Sal 9" }));
  expect(stale.status).toBe(409);
  expect(stale.html).toContain("Någon annan har ändrat serien under tiden.");
  expect(stale.html).toContain("Sparad version");
  expect(stale.html).toContain("Veckomöte");
  expect(stale.html).toContain("Varje vecka på onsdag");
  expect(stale.html).toContain('value="Sal 9"');
  expect(stale.html).toContain('name="version" value="2"');
  expect((await getSeries(db, secretary, series.id)).series.place).toBe("Sal 3");
});

it("lets the series' editors replace its calendar link; the old one stops working", async () => {
  const db = await getDb();
  const net = await insertNetworkWithRoles(db, { visibility: "members" });
  const secretary = net.members.secretary.actor;
  const series = await insertSeries(db, net.network.id, { name: "Samordning" });
  const path = `/series/${series.id}`;
  const oldFeed = `/calendar/series/${series.feedToken}.ics`;
  expect((await visit(secretary, path)).html).toContain("Byt kalenderlänk");
  const memberPage = await visit(net.members.member.actor, path);
  expect(memberPage.html).toContain(oldFeed);
  expect(memberPage.html).not.toContain("Byt kalenderlänk");

  const refused = await visit(net.members.member.actor, path, { intent: "renewFeed" });
  expect(refused.status).toBe(403);
  expect((await getSeries(db, secretary, series.id)).feedPath).toBe(oldFeed);

  const renewed = await visit(secretary, path, { intent: "renewFeed" });
  expect(renewed.location).toBe(`${path}?feedRenewed=1`);
  const after = await visit(secretary, `${path}?feedRenewed=1`);
  expect(after.html).toContain("Seriens kalenderlänk är bytt.");
  expect(after.html).not.toContain(oldFeed);
  expect((await getSeries(db, secretary, series.id)).feedPath).not.toBe(oldFeed);
});

it.skipIf(!hasChromium)(
  "renders pages without serious accessibility violations (axe-core in Chromium)",
  async () => {
    expect(rendered.length).toBeGreaterThan(5);
    expect(await seriousAxeViolations(rendered)).toEqual([]);
  },
);
