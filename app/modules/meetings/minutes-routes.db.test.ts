// The minutes and actions pages rendered on the server as React Router does (loaders, actions,
// components), against a PGlite of this file's own.
import mammoth from "mammoth";
import { extractText } from "unpdf";
import { expect, it } from "vitest";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import { decodedHtml, loadResource, routeVisitor } from "../../../tests/support/render-routes.ts";
import type { Actor } from "../../platform/actor.ts";

const getDb = await openAppDatabase("samverka-minutes-");
const { insertNetworkWithRoles } = await import("../networks/factories.ts");
const { insertAgendaItem, insertMeeting, insertParticipant } = await import("./factories.ts");
const { meetingMinutes } = await import("./schema.ts");

const modules: Record<string, () => Promise<unknown>> = {
  "/meetings/:id/minutes": () => import("./routes/minutes.tsx") as never,
  "/meetings/:id/minutes/edit": () => import("./routes/minutes-edit.tsx") as never,
  "/meetings/:id/minutes/versions": () => import("./routes/minutes-versions.tsx") as never,
  "/meetings/:id/minutes/versions/:version": () => import("./routes/minutes-version.tsx") as never,
  "/actions": () => import("./routes/actions.tsx") as never,
  "/meetings/:id": () => import("./routes/meeting.tsx") as never,
};

const visit = routeVisitor(modules);

it("writes minutes without JavaScript, resolves a conflict and reads them", async () => {
  const db = await getDb();
  const net = await insertNetworkWithRoles(db, { visibility: "public" });
  const secretary = net.members.secretary.actor;
  const chair = net.members.chair.actor;
  const meeting = await insertMeeting(db, net.network.id, { title: "Vintermöte" });
  const item = await insertAgendaItem(db, meeting.id, 1, { title: "Läget i regionen" });
  await insertParticipant(db, meeting.id, net.members.member.person.id, { attendance: "present" });
  await insertParticipant(db, meeting.id, net.members.observer.person.id, {
    attendance: "absent_with_notice",
  });
  const edit = `/meetings/${meeting.id}/minutes/edit`;
  const read = `/meetings/${meeting.id}/minutes`;

  expect((await visit(net.members.member.actor, edit)).status).toBe(404); // drafts are for editors
  expect((await visit(null, read)).status).toBe(404);
  const form = await visit(secretary, edit);
  expect(form.status).toBe(200);
  expect(form.html).toContain('name="baseVersion" value="1"');

  const save = (who: Actor, baseVersion: string, notes: string) =>
    visit(who, edit, {
      intent: "save",
      baseVersion,
      itemId: item.id,
      [`notes:${item.id}`]: notes,
      [`reflections:${item.id}`]: "Bra samarbete\nMer data behövs",
      [`decisions:${item.id}`]: "Rapporten godkänns",
    });
  expect((await save(secretary, "1", "Alla var överens.")).location).toBe(`${edit}?saved=1`);
  expect((await save(secretary, "2", "Sekreterarens rad")).location).toBe(`${edit}?saved=1`);
  const conflict = await save(chair, "2", "Ordförandens rad");
  expect(conflict.status).toBe(409);
  const html = decodedHtml(conflict.html);
  expect(html).toContain("Någon annan har sparat mötesanteckningarna medan du skrev");
  expect(html).toContain("<ins>");
  expect(html).toContain('name="baseVersion" value="3"');
  expect(html).toContain("Ordförandens rad\nSekreterarens rad");
  expect((await save(chair, "3", "Ordförandens rad\nSekreterarens rad")).location).toBe(
    `${edit}?saved=1`,
  );

  const added = await visit(secretary, edit, {
    intent: "addAction",
    agendaItemId: item.id,
    title: "Ta fram underlag",
    ownerPersonId: net.members.member.person.id,
    dueDate: "2026-12-20",
  });
  expect(added.location).toBe(`${edit}?saved=1`);

  expect((await visit(net.members.member.actor, read)).status).toBe(404);
  const secretaryPage = decodedHtml((await visit(secretary, read)).html);
  expect(secretaryPage).toContain("1. Läget i regionen");
  expect(secretaryPage).toContain("Mer data behövs");
  expect(secretaryPage).toContain("Rapporten godkänns");
  expect(secretaryPage).toContain("Ta fram underlag");
  // Dates in the reader's language, as elsewhere in the module; the heading as in DOCX and PDF.
  expect(secretaryPage).toContain("senast 20 dec. 2026");
  expect(secretaryPage).toContain("<h1>Mötesanteckningar: Vintermöte</h1>");
  expect(decodedHtml((await visit(secretary, edit)).html)).toContain("senast 20 dec. 2026");
  expect(secretaryPage).toContain(`<del>${net.members.observer.person.name}`);
  expect(secretaryPage).toContain("anmält förhinder");
  expect(secretaryPage).toContain("minutes.docx");

  for (const status of ["in_review", "approved", "published"]) {
    const version = /name="version" value="(\d+)"/.exec((await visit(secretary, edit)).html)?.[1];
    const moved = await visit(secretary, edit, { intent: "status", version: version!, status });
    expect(moved.location).toBe(`${edit}?saved=1`);
  }
  expect((await visit(net.members.member.actor, read)).status).toBe(200);
  expect((await visit(null, read)).status).toBe(404); // published for members only

  const versions = await visit(secretary, `${read}/versions`);
  expect(versions.html).toContain("Version 4");
  const compare = await visit(secretary, `${read}/versions/4?compare=1`);
  expect(compare.html).toContain("<ins>");
  expect((await visit(net.members.member.actor, `${read}/versions`)).status).toBe(404);

  const mine = await visit(net.members.member.actor, "/actions");
  expect(mine.html).toContain("Ta fram underlag");
  expect(decodedHtml(mine.html)).toContain("<td>20 dec. 2026</td>");
  expect(mine.html).not.toContain("<td>2026-12-20</td>");
  const actionId = /name="actionId" value="([^"]+)"/.exec(mine.html)?.[1];
  const done = await visit(net.members.member.actor, "/actions", {
    actionId: actionId!,
    version: "1",
    status: "done",
  });
  expect(done.location).toBe("/actions?updated=1");
  expect((await visit(net.members.member.actor, "/actions")).html).toContain(
    "Du har inga öppna åtgärder",
  );
});

/** A download route's answer, as the router gives it for `who`. */
async function download(who: Actor | null, meetingId: string, format: "docx" | "pdf") {
  const route =
    format === "docx"
      ? await import("./routes/minutes-docx.ts")
      : await import("./routes/minutes-pdf.ts");
  const url = `http://localhost/meetings/${meetingId}/minutes.${format}`;
  return loadResource(route, who, { id: meetingId }, url);
}

it("gives anonymous readers the DOCX and PDF of published public minutes, and not members-only ones", async () => {
  const db = await getDb();
  const net = await insertNetworkWithRoles(db, { visibility: "public" });
  async function meetingWith(
    title: string,
    minutes: { status: "published" | "approved"; visibility: "public" | "members" },
  ) {
    const meeting = await insertMeeting(db, net.network.id, {
      title,
      place: "Regionens hus, rum 4711",
      onlineUrl: "https://video.example/hemligt-mote-4711",
    });
    const item = await insertAgendaItem(db, meeting.id, 1, { title: "Läget i regionen" });
    await db.insert(meetingMinutes).values({
      meetingId: meeting.id,
      ...minutes,
      content: {
        items: {
          [item.id]: { notes: `Anteckningar från ${title}`, reflections: [], decisions: [] },
        },
      },
    });
    return meeting;
  }
  const open = await meetingWith("Vårmöte", { status: "published", visibility: "public" });
  const closed = await meetingWith("Slutet möte", { status: "published", visibility: "members" });
  const unpublished = await meetingWith("Ej publicerat", {
    status: "approved",
    visibility: "public",
  });

  // The public meeting page links the minutes and both files for published public minutes only.
  const page = await visit(null, `/meetings/${open.id}`);
  expect(page.status).toBe(200);
  for (const link of ["minutes", "minutes.docx", "minutes.pdf"])
    expect(page.html).toContain(`href="/meetings/${open.id}/${link}"`);
  for (const other of [closed, unpublished]) {
    const html = (await visit(null, `/meetings/${other.id}`)).html;
    expect(html).not.toContain(`/meetings/${other.id}/minutes`);
  }
  expect((await visit(net.members.member.actor, `/meetings/${closed.id}`)).html).toContain(
    `href="/meetings/${closed.id}/minutes.pdf"`,
  );

  // Anonymous downloads: the files of public minutes, read back.
  const docx = await download(null, open.id, "docx");
  expect(docx.status).toBe(200);
  expect(docx.headers.get("Cache-Control")).toBe("public, max-age=60");
  const { value: docxText } = await mammoth.extractRawText({
    buffer: Buffer.from(await docx.arrayBuffer()),
  });
  expect(docxText).toContain("Anteckningar från Vårmöte");
  const pdf = await download(null, open.id, "pdf");
  expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
  const { text } = await extractText(new Uint8Array(await pdf.arrayBuffer()), { mergePages: true });
  expect(text).toContain("Anteckningar från Vårmöte");

  // Place and video link are members' content on the meeting page, so also in the minutes page,
  // its loader data (serialized into the HTML) and both files.
  const publicPage = await visit(null, `/meetings/${open.id}/minutes`);
  expect(publicPage.status).toBe(200);
  expect(publicPage.html).toContain("Anteckningar från Vårmöte");
  for (const shown of [decodedHtml(publicPage.html), docxText, text]) {
    expect(shown).not.toContain("4711");
    expect(shown).not.toContain("video.example");
  }
  const memberPage = decodedHtml(
    (await visit(net.members.member.actor, `/meetings/${open.id}/minutes`)).html,
  );
  expect(memberPage).toContain("Regionens hus, rum 4711");
  expect(memberPage).toContain("https://video.example/hemligt-mote-4711");
  const memberPdf = await download(net.members.member.actor, open.id, "pdf");
  expect(memberPdf.headers.get("Cache-Control")).toBe("private, no-store");
  const memberText = (
    await extractText(new Uint8Array(await memberPdf.arrayBuffer()), { mergePages: true })
  ).text;
  expect(memberText).toContain("video.example");

  // Members-only or not yet published: not found for the public, in both formats.
  for (const other of [closed, unpublished])
    for (const format of ["docx", "pdf"] as const) {
      const refused = await download(null, other.id, format);
      expect(refused.status).toBe(404);
      expect(await refused.text()).toBe("Mötet finns inte.");
    }
  // A member still gets the members-only file.
  expect((await download(net.members.member.actor, closed.id, "pdf")).status).toBe(200);
});

it("keeps what was typed after a refused save without JavaScript, with the message at its field", async () => {
  const db = await getDb();
  const net = await insertNetworkWithRoles(db, { visibility: "members" });
  const secretary = net.members.secretary.actor;
  const meeting = await insertMeeting(db, net.network.id, { title: "Långt möte" });
  const item = await insertAgendaItem(db, meeting.id, 1, { title: "Budget" });
  const edit = `/meetings/${meeting.id}/minutes/edit`;
  const tooLong = "x".repeat(50_001);
  const refused = await visit(secretary, edit, {
    intent: "save",
    baseVersion: "1",
    itemId: item.id,
    [`notes:${item.id}`]: tooLong,
    [`reflections:${item.id}`]: "En reflektion som inte får försvinna",
    [`decisions:${item.id}`]: "Ett beslut som inte får försvinna",
  });
  expect(refused.status).toBe(422);
  const html = decodedHtml(refused.html);
  // The submitted text is back in the form, not the (empty) saved text.
  expect(html).toContain("En reflektion som inte får försvinna</textarea>");
  expect(html).toContain("Ett beslut som inte får försvinna</textarea>");
  expect(html).toContain(`${tooLong}</textarea>`);
  // The summary names the field, and the message sits next to it, tied for screen readers.
  expect(html).toMatch(/<li>1\. Budget: Anteckningar: [^<]+<\/li>/);
  const error = /<p class="field-error" id="([^"]+)">([^<]+)<\/p><textarea[^>]*name="notes:/.exec(
    html,
  );
  expect(error?.[2]).toBeTruthy();
  expect(html).toContain(`aria-describedby="${error?.[1]}"`);
  // Nothing was saved.
  expect((await visit(secretary, edit)).html).toContain('name="baseVersion" value="1"');
});
