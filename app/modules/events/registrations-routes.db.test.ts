// The pages of tickets and registrations rendered on the server as React Router does, with form
// posts as a browser without JavaScript sends them: the public registration form (errors next to
// the fields, what was typed kept), the registrant's page by link, the organizers' pages, the
// resource routes (exports, .ics), and an axe-core check of every page in Chromium.
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { hasChromium, seriousAxeViolations } from "../../../tests/support/accessibility.ts";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import { loadResource, recordingVisitor } from "../../../tests/support/render-routes.ts";

const getDb = await openAppDatabase("samverka-registrations-");
const factories = await import("./factories.ts");
const registrationFactories = await import("./registrations-factories.ts");
const tickets = await import("./tickets-service.ts");
const registrationsService = await import("./registrations-service.ts");
const exportRoute = await import("./routes/registrations-export.ts");
const icsRoute = await import("./routes/registrations-ics.ts");

const modules: Record<string, () => Promise<unknown>> = {
  "/events/:id/tickets": () => import("./routes/tickets.tsx") as never,
  "/events/:id/tickets/:ticketTypeId": () => import("./routes/tickets-edit.tsx") as never,
  "/events/:id/questions": () => import("./routes/registrations-questions.tsx") as never,
  "/events/:id/register": () => import("./routes/registrations-register.tsx") as never,
  "/events/:id/registrations": () => import("./routes/registrations.tsx") as never,
  "/events/:id/registrations/:registrationId": () =>
    import("./routes/registrations-detail.tsx") as never,
  "/registrations/:token": () => import("./routes/registrations-manage.tsx") as never,
};

const { visit, rendered } = recordingVisitor(modules);

/** Text of the page as a reader sees it (tags out, entities decoded, spaces collapsed). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

it("lets a visitor register without login or JavaScript, with messages by field and nothing lost", async () => {
  const db = await getDb();
  const roles = await factories.insertEventWithRoles(db, {
    status: "published",
    name: "Formulärdagen",
    startDate: "2030-05-14",
    endDate: "2030-05-15",
  });
  await db.execute(
    `UPDATE events SET capacity = 1, retention_date = '2030-08-14' WHERE id = '${roles.event.id}'` as never,
  );
  const ordinary = await registrationFactories.insertTicket(db, roles.event.id, {
    name: "Ordinarie",
    price: 250_000,
    earlyBirdPrice: 200_000,
    earlyBirdUntil: "2099-01-01",
  });
  const diet = await registrationFactories.insertQuestion(db, roles.event.id, {
    label: "Specialkost",
    purpose: "dietary",
  });
  const track = await registrationFactories.insertQuestion(db, roles.event.id, {
    label: "Eftermiddagspass",
    kind: "choice",
    options: ["Spår A", "Spår B"],
    required: true,
    position: 1,
  });
  const url = `/events/${roles.event.id}/register`;
  const form = await visit(null, url);
  expect(form.status).toBe(200);
  const text = textOf(form.html);
  expect(text).toContain("Anmälan till Formulärdagen");
  expect(text).toContain("Ordinarie – 2 000 kr exkl. moms (moms 25 %: 500 kr, totalt 2 500 kr)");
  expect(text).toContain("Tidigt pris t.o.m.");
  expect(text).toContain("Uppgifterna raderas 14 aug. 2030");
  expect(form.html).toContain(`name="answers.${track.id}"`);

  const failed = await visit(null, url, {
    _csrf: "t",
    ticketTypeId: ordinary.id,
    name: "",
    email: "kalle@example.se",
    invoiceOrganizationNumber: "232100-0017",
    [`answers.${diet.id}`]: "Glutenfri",
  });
  expect(failed.status).toBe(422);
  const failedText = textOf(failed.html);
  expect(failedText).toContain("Formuläret innehåller fel");
  expect(failedText).toContain("Namn: Fyll i fältet.");
  expect(failedText).toContain("Kontrollsiffran stämmer inte");
  expect(failedText).toContain("Eftermiddagspass: Svara på frågan.");
  expect(failedText).toContain("Du behöver godkänna hur uppgifterna hanteras");
  expect(failed.html).toContain('value="kalle@example.se"');
  expect(failed.html).toContain("Glutenfri</textarea>");
  expect(failed.html).toMatch(
    /aria-invalid="true"[^>]*name="name"|name="name"[^>]*aria-invalid="true"/,
  );

  const fields = {
    _csrf: "t",
    ticketTypeId: ordinary.id,
    name: "Kalle Kula",
    email: "kalle@example.se",
    organizationName: "Region Testland",
    invoiceOrganizationNumber: "2321000016",
    invoiceReference: "Ref 1",
    invoiceAddress: "Box 1, 501 01 Borås",
    [`answers.${track.id}`]: "Spår B",
    consent: "yes",
  };
  const done = await visit(null, url, fields);
  expect(done.location).toMatch(/^\/registrations\/[A-Za-z0-9_-]+\?registered=1$/);
  const token = done.location!.split("/")[2]!.split("?")[0]!;

  const own = await visit(null, done.location!);
  expect(own.status).toBe(200);
  const ownText = textOf(own.html);
  expect(ownText).toContain("Tack för din anmälan!");
  expect(ownText).toContain("Du är anmäld. Välkommen!");
  expect(ownText).toContain("2 000 kr exkl. moms");

  // The event is full now (one place): the next visitor goes on the waiting list.
  const next = await visit(null, url, {
    ...fields,
    name: "Nästa Person",
    email: "nasta@example.se",
  });
  const waiting = await visit(null, next.location!);
  expect(textOf(waiting.html)).toContain("Du står på väntelistan, plats 1.");
  const nextToken = next.location!.split("/")[2]!.split("?")[0]!;

  // Change details with a stale version: refused with a message, what was typed kept.
  const ownPath = `/registrations/${token}`;
  const stale = await visit(null, ownPath, {
    _csrf: "t",
    intent: "details",
    version: "99",
    name: "Karl Kula",
    [`answers.${track.id}`]: "Spår A",
  });
  expect(stale.status).toBe(409);
  expect(textOf(stale.html)).toContain("Anmälan har ändrats under tiden");
  expect(stale.html).toContain('value="Karl Kula"');
  const saved = await visit(null, ownPath, {
    _csrf: "t",
    intent: "details",
    version: "1",
    name: "Karl Kula",
    organizationName: "Region Testland",
    invoiceOrganizationNumber: "232100-0016",
    invoiceReference: "Ref 1",
    invoiceAddress: "Box 1",
    [`answers.${track.id}`]: "Spår A",
  });
  expect(saved.location).toBe(`${ownPath}?saved=1`);

  // The .ics of the event by the link.
  const ics = await loadResource(icsRoute, null, { token, file: "event.ics" });
  expect(ics.headers.get("content-type")).toContain("text/calendar");
  const vevent = new ICAL.Event(
    new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent("vevent")!,
  );
  expect(vevent.summary).toBe("Formulärdagen");
  expect((await loadResource(icsRoute, null, { token: "nope", file: "event.ics" })).status).toBe(
    404,
  );

  // Cancelling needs the box ticked; then the next in line moves up.
  const unticked = await visit(null, ownPath, { _csrf: "t", intent: "cancel", version: "2" });
  expect(unticked.status).toBe(422);
  expect(textOf(unticked.html)).toContain("Kryssa i rutan för att bekräfta avbokningen.");
  const cancelled = await visit(null, ownPath, {
    _csrf: "t",
    intent: "cancel",
    version: "2",
    confirm: "yes",
  });
  expect(cancelled.location).toBe(`${ownPath}?cancelled=1`);
  expect(textOf((await visit(null, `/registrations/${nextToken}`)).html)).toContain(
    "Du är anmäld. Välkommen!",
  );
  expect((await visit(null, "/registrations/finns-inte")).status).toBe(404);
});

it("gives organizers their ticket, question and registration pages, and nobody else", async () => {
  const db = await getDb();
  const roles = await factories.insertEventWithRoles(db, {
    status: "published",
    name: "Arrangörsdagen",
    startDate: "2030-06-10",
    endDate: "2030-06-11",
  });
  const id = roles.event.id;
  const ticketsUrl = `/events/${id}/tickets`;
  expect((await visit(null, ticketsUrl)).location).toContain("/login?next=");
  expect((await visit(roles.outsider, ticketsUrl)).status).toBe(403);
  expect((await visit(roles.partnerEditor, `/events/${id}/registrations`)).status).toBe(403);

  const added = await visit(roles.leadEditor, ticketsUrl, {
    _csrf: "t",
    intent: "add",
    name: "Ordinarie",
    price: "2 500",
    vatRate: "2500",
    earlyBirdPrice: "1 950,50",
    earlyBirdUntil: "2030-04-30",
    salesStart: "2030-01-15T09:00",
    capacity: "120",
    eligibility: "anyone",
    validDate: "",
  });
  expect(added.location).toBe(`${ticketsUrl}?saved=1`);
  const [type] = await tickets.listTicketTypes(db, roles.leadEditor, id);
  expect(type).toMatchObject({
    price: 250_000,
    earlyBirdPrice: 195_050,
    capacity: 120,
    salesStart: new Date("2030-01-15T08:00:00Z"),
  });

  const wrong = await visit(roles.leadEditor, ticketsUrl, {
    _csrf: "t",
    intent: "add",
    name: "Dagbiljett",
    price: "",
    validDate: "2030-06-10",
    salesStart: "i morgon",
  });
  expect(wrong.status).toBe(422);
  const wrongText = textOf(wrong.html);
  expect(wrongText).toContain("Pris exkl. moms: Ange ett belopp i kronor");
  expect(wrongText).toContain("Försäljningen öppnar: Ange datum och tid");
  expect(wrong.html).toContain('value="i morgon"');

  await visit(roles.leadEditor, ticketsUrl, {
    _csrf: "t",
    intent: "add",
    name: "Talare",
    price: "0",
    invitationOnly: "yes",
  });
  const page = await visit(roles.committeeMember, ticketsUrl);
  expect(page.status).toBe(200);
  const talare = (await tickets.listTicketTypes(db, null, id)).find(
    (row) => row.name === "Talare",
  )!;
  const code = await visit(roles.committeeMember, ticketsUrl, {
    _csrf: "t",
    intent: "addCode",
    ticketTypeId: talare.id,
    label: "Talare",
    code: "tal 2030",
    maxUses: "5",
  });
  expect(code.location).toBe(`${ticketsUrl}?saved=1#codes`);
  expect(textOf((await visit(roles.committeeMember, ticketsUrl)).html)).toContain("TAL2030");

  const editUrl = `/events/${id}/tickets/${type!.id}`;
  expect((await visit(roles.leadEditor, editUrl)).status).toBe(200);
  const stale = await visit(roles.leadEditor, editUrl, {
    _csrf: "t",
    intent: "save",
    version: "7",
    name: "Ordinarie",
    price: "2600",
  });
  expect(stale.status).toBe(409);
  expect(textOf(stale.html)).toContain("Någon annan har ändrat posten under tiden");
  expect(stale.html).toContain('value="2600"');

  const questionsUrl = `/events/${id}/questions`;
  const question = await visit(roles.leadEditor, questionsUrl, {
    _csrf: "t",
    intent: "add",
    label: "Vilket pass?",
    kind: "choice",
    purpose: "session_choice",
    options: "Pass A\nPass B\n",
    required: "yes",
  });
  expect(question.location).toBe(`${questionsUrl}?saved=1`);
  expect(textOf((await visit(roles.leadEditor, questionsUrl)).html)).toContain("Pass A, Pass B");
  const noOptions = await visit(roles.leadEditor, questionsUrl, {
    _csrf: "t",
    intent: "add",
    label: "Kost",
    kind: "choice",
    options: "Bara en",
  });
  expect(textOf(noOptions.html)).toContain("Ange minst två svarsalternativ");

  const [registration] = await registrationFactories.insertRegistrations(db, id, [
    { ticketTypeId: type!.id, name: "Lista Person", organizationName: "Region Lista" },
  ]);
  const listUrl = `/events/${id}/registrations`;
  const list = await visit(roles.deputyEditor, `${listUrl}?q=lista&status=confirmed`);
  expect(list.status).toBe(200);
  const listText = textOf(list.html);
  expect(listText).toContain("Lista Person");
  expect(listText).toContain("1 anmälan");
  expect(list.html).toContain(
    `/events/${id}/registrations/export/xlsx?status=confirmed&amp;q=lista`,
  );
  const detailUrl = `${listUrl}/${registration!.id}`;
  expect(textOf((await visit(roles.leadAdmin, detailUrl)).html)).toContain("Region Lista");
  const cancelled = await visit(roles.leadAdmin, detailUrl, { _csrf: "t", version: "1" });
  expect(cancelled.location).toBe(`${detailUrl}?cancelled=1`);
  const overview = await registrationsService.registrationOverview(db, roles.leadAdmin, id);
  expect(overview.totals.cancelled).toBe(1);

  const xlsx = await loadResource(exportRoute, roles.leadEditor, { id, format: "xlsx" });
  expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
  expect(xlsx.headers.get("content-disposition")).toContain("arrangorsdagen-registrations.xlsx");
  const badges = await loadResource(exportRoute, roles.leadEditor, { id, format: "badges.pdf" });
  expect(badges.headers.get("content-type")).toBe("application/pdf");
  expect((await loadResource(exportRoute, roles.leadEditor, { id, format: "docx" })).status).toBe(
    404,
  );
  const refused = await loadResource(exportRoute, roles.outsider, { id, format: "csv" }).catch(
    (error: unknown) => error,
  );
  expect((refused as { init?: { status?: number } }).init?.status).toBe(403);
});

it.skipIf(!hasChromium)(
  "renders pages without serious accessibility violations (axe-core in Chromium)",
  async () => {
    expect(rendered.length).toBeGreaterThan(8);
    expect(await seriousAxeViolations(rendered)).toEqual([]);
  },
);
