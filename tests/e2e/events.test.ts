import type { Locator, Page } from "playwright-core";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { type CheckedPage, demoAdmin, demoRunner, logIn, setUpBrowser } from "./browser.ts";
import { appLink, mailCount, waitForMail } from "./mailbox.ts";

const { tab } = setUpBrowser();

const eventName = "Vårdagen om e-hälsa i Sjuhärad";
const group = "Samordningsgruppen för digitalisering";

/** A Wednesday some eight weeks ahead, as a local date. */
function eventDay(): string {
  const day = new Date(Date.now() + 56 * 24 * 3600_000);
  while (day.getUTCDay() !== 3) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

async function openEvent(checked: CheckedPage, name = eventName): Promise<string> {
  await checked.visit("/events");
  await checked.navigate(() => checked.page.getByRole("link", { name }).first().click());
  return new URL(checked.page.url()).pathname;
}

async function addRoom(checked: CheckedPage, name: string, capacity: string): Promise<void> {
  const { page } = checked;
  const form = page.locator("form", { has: page.getByRole("button", { name: "Lägg till rum" }) });
  await form.getByLabel("Rummets namn").fill(name);
  await form.getByLabel("Platser").fill(capacity);
  await checked.navigate(() => form.getByRole("button", { name: "Lägg till rum" }).click());
  await expect.poll(() => page.getByRole("cell", { name }).count()).toBeGreaterThan(0);
}

/** The field whose label starts with `label` (labels end in hints and "(obligatoriskt)"). */
function textbox(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.getByLabel(new RegExp(`^${escaped}`));
}

/** A visitor registers for the theme day without logging in; returns the mail they get. */
async function register(name: string, email: string) {
  const visitor = await tab();
  const { page } = visitor;
  const eventPath = await openEvent(visitor);
  await visitor.navigate(() => page.getByRole("link", { name: "Anmäl dig" }).click());
  await page.getByLabel(/^Deltagare/).check();
  await page.getByLabel("Namn").fill(name);
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Organisation", { exact: true }).fill("Borås stad");
  await page.getByLabel("Organisationsnummer").fill("212000-1561");
  await page.getByLabel("Fakturareferens").fill("Kst 4410");
  await page.getByLabel("Fakturaadress").fill("Borås stad, 501 80 Borås");
  await page.getByRole("checkbox").last().check();
  const since = mailCount();
  await visitor.navigate(() => page.getByRole("button", { name: "Skicka anmälan" }).click());
  expect(new URL(page.url()).pathname).toMatch(/^\/registrations\//);
  return { eventPath, mail: await waitForMail(email, { since }) };
}

describe("an organizer runs a theme day", () => {
  it("builds the event with rooms and a program, publishes it, and the public reads the program and its feed", async () => {
    const admin = demoAdmin();
    const checked = await tab();
    const { page } = checked;
    await logIn(checked, admin.email, admin.password);

    await checked.visit("/events");
    await checked.navigate(() => page.getByRole("link", { name: "Nytt evenemang" }).click());
    const day = eventDay();
    await page.getByLabel("Huvudarrangör").selectOption({ label: "Västra Götalandsregionen" });
    await page.getByLabel("Typ").selectOption({ label: "Temadag" });
    await page.getByLabel("Namn").fill(eventName);
    await page.getByLabel("Beskrivning").fill("En dag för politiker och tjänstepersoner i länet.");
    await page.getByLabel("Första dag").fill(day);
    await page.getByLabel("Sista dag").fill(day);
    await page.getByLabel("Plats", { exact: true }).fill("Borås Kongress");
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click());
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(eventName);
    const eventPath = new URL(page.url()).pathname;

    await checked.navigate(() => page.getByRole("link", { name: "Rum", exact: true }).click());
    await addRoom(checked, "Stora salen", "120");
    await addRoom(checked, "Grupprum Viskan", "12");

    await checked.visit(`${eventPath}/sessions/new`);
    await page.getByLabel("Typ").selectOption({ label: "Huvudtalare" });
    await page.getByLabel("Rubrik").fill("Välfärdsteknik i hela länet");
    await page.getByLabel("Starttid").fill("09:30");
    await page.getByLabel("Sluttid").fill("10:15");
    await page.getByLabel("Rum", { exact: true }).selectOption({ label: "Stora salen (120)" });
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click());

    // A second session in the same room at an overlapping time is refused with a clear message.
    await checked.visit(`${eventPath}/sessions/new`);
    await page.getByLabel("Typ").selectOption({ label: "Panel" });
    await page.getByLabel("Rubrik").fill("Panelen om framtiden");
    await page.getByLabel("Starttid").fill("10:00");
    await page.getByLabel("Sluttid").fill("11:00");
    await page.getByLabel("Rum", { exact: true }).selectOption({ label: "Stora salen (120)" });
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click(), {
      until: () =>
        expect
          .poll(() => page.getByText(/Rummet Stora salen är redan bokat/).count())
          .toBeGreaterThan(0),
    });
    await page.getByLabel("Starttid").fill("10:30");
    await page.getByLabel("Sluttid").fill("11:30");
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click());

    // One paid ticket type with a single place: the second visitor will wait.
    await checked.visit(`${eventPath}/tickets`);
    const ticketForm = page.getByRole("form", { name: "Lägg till biljettyp" });
    await textbox(ticketForm, "Biljettyp").fill("Deltagare");
    await textbox(ticketForm, "Pris exkl. moms").fill("500");
    await textbox(ticketForm, "Antal platser").fill("1");
    await checked.navigate(() =>
      ticketForm.getByRole("button", { name: "Lägg till biljettyp" }).click(),
    );
    await expect
      .poll(() => page.getByRole("cell", { name: "Deltagare" }).count())
      .toBeGreaterThan(0);

    await checked.visit(`${eventPath}/edit`);
    await checked.navigate(() => page.getByRole("button", { name: "Publicera" }).click());
    await expect.poll(() => page.getByText("Utkast:").count()).toBe(0);

    // The public: the event page, the program (filtered by kind) and its iCalendar feed.
    const visitor = await tab();
    await visitor.visit(eventPath);
    await visitor.navigate(() => visitor.page.getByRole("link", { name: "Se programmet" }).click());
    await expect.poll(() => visitor.page.getByText("Välfärdsteknik i hela länet").count()).toBe(1);
    await expect.poll(() => visitor.page.getByText("Panelen om framtiden").count()).toBe(1);
    await visitor.page.getByLabel("Typ").selectOption({ label: "Panel" });
    await visitor.navigate(() => visitor.page.getByRole("button", { name: "Visa" }).click());
    await expect.poll(() => visitor.page.getByText("Välfärdsteknik i hela länet").count()).toBe(0);
    await expect.poll(() => visitor.page.getByText("Panelen om framtiden").count()).toBe(1);

    const feed = await visitor.page.request.get(visitor.url(`${eventPath}/program.ics`));
    expect(feed.status()).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const sessions = calendar
      .getAllSubcomponents("vevent")
      .map((component) => new ICAL.Event(component));
    expect(sessions.map((session) => session.summary).sort()).toEqual([
      "Panelen om framtiden",
      "Välfärdsteknik i hela länet",
    ]);
    const keynote = sessions.find((session) => session.summary === "Välfärdsteknik i hela länet")!;
    expect(
      new Intl.DateTimeFormat("sv-SE", {
        timeZone: "Europe/Stockholm",
        dateStyle: "short",
        timeStyle: "short",
      }).format(keynote.startDate.toJSDate()),
    ).toBe(`${day} 09:30`);
  });

  it("a visitor registers and gets a confirmation with an .ics; the next one waits and moves up when the first cancels", async () => {
    const first = await register("Sofia Bergström", "sofia.bergstrom@boras.example");
    expect(first.mail.subject).toContain("Bekräftelse");
    expect(first.mail.calendars.length).toBeGreaterThan(0);
    const calendar = new ICAL.Component(ICAL.parse(first.mail.calendars[0]!));
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe(eventName);
    expect(event.startDate.toString().slice(0, 10)).toBe(eventDay());

    const second = await register("Olle Nyström", "olle.nystrom@ulricehamn.example");
    expect(second.mail.subject).toContain("Väntelista");

    // The first cancels through the link in the mail; the second moves up and is told.
    const own = await tab();
    await own.visit(new URL(appLink(first.mail, "/registrations/")).pathname);
    await own.page.getByLabel("Ja, jag vill avboka min anmälan").check();
    const since = mailCount();
    await own.navigate(() => own.page.getByRole("button", { name: "Avboka" }).click());
    await expect.poll(() => own.page.getByText("Anmälan är avbokad.").count()).toBeGreaterThan(0);
    const promoted = await waitForMail("olle.nystrom@ulricehamn.example", { since });
    expect(promoted.subject).not.toContain("Väntelista");
    const secondPage = await tab();
    await secondPage.visit(new URL(appLink(promoted, "/registrations/")).pathname);
    await expect.poll(() => secondPage.page.getByText("Du är anmäld. Välkommen!").count()).toBe(1);
  });

  it("the budget shows the fee that breaks even", async () => {
    const admin = demoAdmin();
    const checked = await tab();
    const { page } = checked;
    await logIn(checked, admin.email, admin.password);
    const eventPath = await openEvent(checked);
    await checked.navigate(() => page.getByRole("link", { name: "Budget" }).click());
    await page.getByLabel("Förväntat antal deltagare, Deltagare").fill("40");
    await page.getByLabel("Beskrivning, kostnadsrad 1").fill("Lokalhyra");
    await page.getByLabel("Belopp, kostnadsrad 1").fill("20000");
    // Recomputed in the browser while typing: 20 000 kr over 40 attendees.
    await expect
      .poll(() => page.getByText(/Lägsta avgift för Deltagare som täcker kostnaderna: 500/).count())
      .toBe(1);
    await checked.navigate(() => page.getByRole("button", { name: "Spara budgeten" }).click());
    await checked.visit(`${eventPath}/budget`);
    await expect
      .poll(() => page.getByText(/Lägsta avgift för Deltagare som täcker kostnaderna: 500/).count())
      .toBe(1);
  });

  it("a network books a side meeting room, publishes slots and invites a guest who accepts", async () => {
    const admin = demoAdmin();
    const secretary = demoRunner("secretary");
    const checked = await tab();
    const { page } = checked;
    await logIn(checked, secretary.email, secretary.password);
    const eventPath = await openEvent(checked);
    await checked.navigate(() => page.getByRole("link", { name: "Sidomöten" }).click());

    await page.getByRole("combobox", { name: /^Nätverk/ }).selectOption({ label: group });
    await page
      .getByRole("combobox", { name: /^Rum/ })
      .selectOption({ label: "Grupprum Viskan (12 platser)" });
    await page.getByLabel("Från klockan").fill("12:00");
    await page.getByLabel("Till klockan").fill("16:00");
    await checked.navigate(() => page.getByRole("button", { name: "Skicka förfrågan" }).click());
    await expect.poll(() => page.getByText("Väntar på arrangörerna").count()).toBeGreaterThan(0);

    // The organizer accepts the request.
    const organizer = await tab();
    await logIn(organizer, admin.email, admin.password);
    await organizer.visit(`${eventPath}/bookings`);
    await organizer.navigate(() =>
      organizer.page
        .getByRole("button", { name: /^Godkänn/ })
        .first()
        .click(),
    );
    await expect
      .poll(() => organizer.page.getByText("Godkänd", { exact: true }).count())
      .toBeGreaterThan(0);

    // The secretary publishes two half-hour slots and invites a supplier to the first.
    await checked.visit(`${eventPath}/bookings`);
    await checked.navigate(() =>
      page
        .getByRole("link", { name: new RegExp(group) })
        .first()
        .click(),
    );
    const slots = page.getByRole("region", { name: "Lägg ut tider" });
    await slots.getByLabel("Från klockan").fill("13:00");
    await slots.getByLabel("Till klockan").fill("14:00");
    await slots.getByLabel("Längd per tid (minuter)").fill("30");
    await checked.navigate(() => slots.getByRole("button", { name: "Lägg ut" }).click());
    await expect.poll(() => page.getByText("Ledig").count()).toBe(2);

    const guest = "karin.lindqvist@leverantor.example";
    const since = mailCount();
    await page.getByRole("combobox", { name: /^Tid/ }).selectOption({ index: 1 });
    await page.getByLabel("Ämne").fill("Driftsäkerhet i journalsystemet");
    await page.getByLabel("Gästens namn").fill("Karin Lindqvist");
    await page.getByLabel("Gästens e-postadress").fill(guest);
    await page.getByLabel("Gästens organisation").fill("Leverantören AB");
    await page.getByLabel("Gästen kommer som").selectOption({ label: "Leverantör" });
    await checked.navigate(() => page.getByRole("button", { name: "Skicka inbjudan" }).click());
    await expect.poll(() => page.getByText("Inbjudan skickad").count()).toBeGreaterThan(0);

    // The guest answers by the link in the mail, without logging in.
    const invitation = await waitForMail(guest, { since });
    const answer = await tab();
    await answer.visit(new URL(appLink(invitation, "/bookings/")).pathname);
    await expect
      .poll(() => answer.page.getByText("Driftsäkerhet i journalsystemet").count())
      .toBe(1);
    await answer.navigate(() => answer.page.getByRole("button", { name: /Tacka ja/ }).click());

    await checked.visit(new URL(page.url()).pathname);
    await expect.poll(() => page.getByText("Bekräftad").count()).toBeGreaterThan(0);
  });
});
