import ICAL from "ical.js";
import mammoth from "mammoth";
import { extractText } from "unpdf";
import { describe, expect, it } from "vitest";
import { type CheckedPage, demoAdmin, demoRunner, logIn, setUpBrowser } from "./browser.ts";
import { mailCount, waitForMail } from "./mailbox.ts";

const { tab } = setUpBrowser();

const group = "Samordningsgruppen för digitalisering";

/** A Thursday three to nine days ahead, as a local date (Stockholm and UTC agree on the day). */
function comingThursday(): string {
  const day = new Date(Date.now() + 3 * 24 * 3600_000);
  while (day.getUTCDay() !== 4) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

async function openGroup(checked: CheckedPage): Promise<void> {
  await checked.visit("/networks");
  await checked.navigate(() => checked.page.getByRole("link", { name: group }).click());
}

describe("a secretary runs the coordinating group's meetings", () => {
  it("creates a weekly series, plans a meeting with an agenda and a guest, records attendance, and the invited get an .ics", async () => {
    const secretary = demoRunner("secretary");
    const chair = demoRunner("chair");
    const checked = await tab();
    const { page } = checked;
    await logIn(checked, secretary.email, secretary.password);
    await openGroup(checked);
    await checked.navigate(() => page.getByRole("link", { name: "Ny mötesserie" }).click());

    const firstDate = comingThursday();
    await page.getByLabel("Namn").fill("Veckovis driftmöte");
    await page.getByLabel("Varje vecka").check();
    await page.getByLabel("Veckodag").selectOption({ label: "torsdag" });
    await page.getByLabel("Första datum").fill(firstDate);
    await page.getByLabel("Starttid").fill("08:30");
    await page.getByLabel("Sluttid").fill("09:15");
    await page.getByLabel("Plats", { exact: true }).fill("Regionens hus, rum 4");
    await checked.navigate(() => page.getByRole("button", { name: "Skapa serien" }).click());
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Veckovis driftmöte");

    const since = mailCount();
    await checked.navigate(() =>
      page
        .getByRole("button", { name: /^Planera mötet/ })
        .first()
        .click(),
    );
    await expect.poll(() => page.url()).toMatch(/\/meetings\/[0-9a-f-]{36}/);
    const meetingPath = new URL(page.url()).pathname;

    // The invited members get the invitation with a calendar request for the meeting.
    const invitation = await waitForMail(chair.email, { since });
    expect(invitation.calendars.length).toBeGreaterThan(0);
    const calendar = new ICAL.Component(ICAL.parse(invitation.calendars[0]!));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.summary).toContain("Veckovis driftmöte");
    const start = event.startDate.toJSDate();
    expect(
      new Intl.DateTimeFormat("sv-SE", {
        timeZone: "Europe/Stockholm",
        dateStyle: "short",
        timeStyle: "short",
      }).format(start),
    ).toBe(`${firstDate} 08:30`);

    // The agenda: three items, one with a guest, then reordered by keyboard.
    await checked.visit(`${meetingPath}/agenda`);
    const beforeGuest = mailCount();
    const items = [
      { title: "Driftläget i vårdinformationsstödet", purpose: "Information", guest: false },
      { title: "Planerade driftavbrott", purpose: "Beslut", guest: true },
      { title: "Övriga frågor", purpose: "Information", guest: false },
    ];
    for (const item of items) {
      await page.getByLabel(/^Mötespunkt/).fill(item.title);
      await page.getByLabel("Syfte").fill(item.purpose);
      await page.getByLabel("Ansvarig").selectOption({ label: "Fredrik Dahl" });
      if (item.guest) await page.getByLabel("Gäster").selectOption({ label: "Malin Ekdahl" });
      await page.getByLabel("Planerad tid (min)").fill("15");
      await checked.navigate(() =>
        page.getByRole("button", { name: "Lägg till", exact: true }).click(),
      );
    }
    // The guest, added after the meeting was planned, gets the same invitation with its .ics.
    const guestInvitation = await waitForMail("malin.ekdahl@gast.example", { since: beforeGuest });
    expect(guestInvitation.subject).toContain("Veckovis driftmöte");
    const guestCalendar = new ICAL.Component(ICAL.parse(guestInvitation.calendars[0]!));
    expect(guestCalendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(new ICAL.Event(guestCalendar.getFirstSubcomponent("vevent")!).uid).toBe(event.uid);

    const moveUp = page.getByRole("button", { name: "Flytta upp Planerade driftavbrott" });
    await moveUp.focus();
    await checked.navigate(() => page.keyboard.press("Enter"));
    // And by mouse: the last row dropped on the upper half of the second.
    const rows = page.getByRole("table").locator("tbody tr");
    await expect.poll(() => rows.first().getAttribute("draggable")).toBe("true");
    await checked.navigate(() =>
      rows
        .nth(2)
        .locator("th")
        .dragTo(rows.nth(1).locator("th"), { targetPosition: { x: 5, y: 2 } }),
    );
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Övriga frågor");
    await checked.visit(meetingPath);
    const agendaTitles = await page
      .getByRole("table")
      .first()
      .locator("tbody tr")
      .allTextContents();
    expect(agendaTitles[0]).toContain("Planerade driftavbrott");
    expect(agendaTitles[1]).toContain("Övriga frågor");
    expect(agendaTitles[2]).toContain("Driftläget i vårdinformationsstödet");
    expect(await page.getByText("Malin Ekdahl").count()).toBeGreaterThan(0);

    // The series' calendar feed and the secretary's own feed both hold the meeting.
    const fetchWithCookies = async (url: string) => {
      const cookies = await checked.context.cookies(checked.url("/"));
      const response = await fetch(checked.url(url), {
        headers: { Cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
      });
      expect(response.status, url).toBe(200);
      return response;
    };
    const startsInFeed = (text: string) => {
      const feed = new ICAL.Component(ICAL.parse(text));
      return feed.getAllSubcomponents("vevent").flatMap((component) => {
        const feedEvent = new ICAL.Event(component);
        if (!feedEvent.isRecurring()) return [feedEvent.startDate.toJSDate().getTime()];
        const iterator = feedEvent.iterator();
        const starts: number[] = [];
        for (let next = iterator.next(); next && starts.length < 3; next = iterator.next())
          starts.push(next.toJSDate().getTime());
        return starts;
      });
    };
    await checked.visit(meetingPath);
    await checked.navigate(() =>
      page.getByRole("link", { name: "Veckovis driftmöte" }).first().click(),
    );
    const seriesFeed = await page
      .getByRole("link", { name: /kalender/i })
      .first()
      .getAttribute("href");
    expect(seriesFeed).toMatch(/^\/calendar\/series\/.+\.ics$/);
    const seriesStarts = startsInFeed(await (await fetchWithCookies(seriesFeed!)).text());
    expect(seriesStarts).toContain(start.getTime());
    expect(seriesStarts).toContain(start.getTime() + 7 * 24 * 3600_000);

    await checked.visit("/calendar");
    const personalFeed = await page.locator('a[href^="webcal:"]').first().getAttribute("href");
    const personalPath = new URL(personalFeed!.replace(/^webcal:/, "http:")).pathname;
    expect(startsInFeed(await (await fetchWithCookies(personalPath)).text())).toContain(
      start.getTime(),
    );

    // Attendance: the chair has sent word that she cannot come.
    await checked.visit(`${meetingPath}/attendance`);
    await page
      .getByRole("group", { name: /^Christina Åberg/ })
      .getByLabel("Anmält förhinder")
      .check();
    await checked.navigate(() => page.getByRole("button", { name: "Spara" }).click());
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Närvaron är sparad");

    // Minutes: notes, reflections and decisions per item, and an action.
    await checked.visit(`${meetingPath}/minutes/edit`);
    const first = page.getByRole("group", { name: "1. Planerade driftavbrott" });
    await first.getByLabel("Anteckningar").fill("Två avbrott planeras i december.");
    await first
      .getByLabel(/^Reflektioner/)
      .fill("Verksamheten behöver besked i god tid.\nNattetid stör minst.");
    await first.getByLabel(/^Beslut/).fill("Avbrotten läggs natten mot söndag.");
    await checked.navigate(() =>
      page.getByRole("button", { name: "Spara mötesanteckningarna" }).click(),
    );
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("sparade");
    // The first action form is the first item's (items are in agenda order).
    await page
      .getByLabel("Åtgärd", { exact: true })
      .first()
      .fill("Informera verksamheterna om avbrotten");
    await page.getByLabel("Ansvarig").first().selectOption({ label: "Christina Åberg" });
    await checked.navigate(() =>
      page.getByRole("button", { name: "Lägg till åtgärd" }).first().click(),
    );

    // Review, approval, publishing; the members are told.
    const beforePublishing = mailCount();
    for (const step of ["Skicka på granskning", "Godkänn", "Publicera"]) {
      await checked.navigate(() => page.getByRole("button", { name: step }).click());
    }
    const published = await waitForMail(chair.email, { since: beforePublishing });
    expect(published.links.some((link) => link.endsWith(`${meetingPath}/minutes`))).toBe(true);

    // The published minutes as secretaries write them: the absent chair struck through.
    await checked.visit(`${meetingPath}/minutes`);
    expect(await page.getByText("Två avbrott planeras i december.").count()).toBe(1);
    expect(await page.locator("del, s").filter({ hasText: "Christina Åberg" }).count()).toBe(1);
    expect(await page.getByText("Informera verksamheterna om avbrotten").count()).toBeGreaterThan(
      0,
    );

    // DOCX and PDF, read back.
    const docx = Buffer.from(
      await (await fetchWithCookies(`${meetingPath}/minutes.docx`)).arrayBuffer(),
    );
    const { value: docxText } = await mammoth.extractRawText({ buffer: docx });
    for (const expected of [
      "Planerade driftavbrott",
      "Två avbrott planeras i december.",
      "Christina Åberg",
      "Fredrik Dahl",
    ])
      expect(docxText).toContain(expected);
    const pdf = new Uint8Array(
      await (await fetchWithCookies(`${meetingPath}/minutes.pdf`)).arrayBuffer(),
    );
    const { text: pdfPages } = await extractText(pdf, { mergePages: true });
    for (const expected of ["Planerade driftavbrott", "Avbrotten läggs natten mot söndag."])
      expect(pdfPages).toContain(expected);
  });

  it("keeps both secretaries' text when they save the same minutes at once", async () => {
    const secretaryTab = await tab();
    const chairTab = await tab();
    await logIn(secretaryTab, demoRunner("secretary").email, demoRunner("secretary").password);
    await logIn(chairTab, demoRunner("chair").email, demoRunner("chair").password);
    await openGroup(secretaryTab);
    const upcoming = secretaryTab.page
      .getByRole("region", { name: "Kommande möten" })
      .getByRole("link")
      .first();
    await secretaryTab.navigate(() => upcoming.click());
    const minutesEdit = `${new URL(secretaryTab.page.url()).pathname}/minutes/edit`;
    await secretaryTab.visit(minutesEdit);
    await chairTab.visit(minutesEdit);

    const notesOf = (checked: CheckedPage, item: string) =>
      checked.page
        .getByRole("group", { name: new RegExp(`^${item}\\. `) })
        .getByLabel("Anteckningar");
    await notesOf(secretaryTab, "1").fill("Sekreterarens anteckning om öppnandet.");
    await notesOf(chairTab, "3").fill("Ordförandens anteckning om avvecklingsplanerna.");
    await secretaryTab.navigate(() =>
      secretaryTab.page.getByRole("button", { name: "Spara mötesanteckningarna" }).click(),
    );
    await chairTab.navigate(
      () => chairTab.page.getByRole("button", { name: "Spara mötesanteckningarna" }).click(),
      { until: () => chairTab.page.getByText(/Någon annan har sparat/).waitFor() },
    );
    // The chair is told, keeps her text, and gets the merge of both to save.
    expect(await notesOf(chairTab, "1").inputValue()).toBe(
      "Sekreterarens anteckning om öppnandet.",
    );
    expect(await notesOf(chairTab, "3").inputValue()).toBe(
      "Ordförandens anteckning om avvecklingsplanerna.",
    );
    await chairTab.navigate(() =>
      chairTab.page.getByRole("button", { name: "Spara mötesanteckningarna" }).click(),
    );
    await secretaryTab.visit(minutesEdit);
    expect(await notesOf(secretaryTab, "1").inputValue()).toBe(
      "Sekreterarens anteckning om öppnandet.",
    );
    expect(await notesOf(secretaryTab, "3").inputValue()).toBe(
      "Ordförandens anteckning om avvecklingsplanerna.",
    );
  });

  it("every page of networks, minutes and actions passes the accessibility check", async () => {
    const checked = await tab();
    const { page } = checked;
    await logIn(checked, demoRunner("chair").email, demoRunner("chair").password);
    await openGroup(checked);
    const networkPath = new URL(page.url()).pathname;
    for (const path of ["/edit", "/members", "/seats"])
      await checked.visit(`${networkPath}${path}`);
    await checked.visit(networkPath);
    // The network page lists its series and links to new series and new single meetings.
    const seriesList = page.getByRole("region", { name: "Mötesserier" }).getByRole("link");
    expect(await seriesList.count()).toBeGreaterThan(0);
    await checked.navigate(() => page.getByRole("link", { name: "Nytt enstaka möte" }).click());
    expect(new URL(page.url()).pathname).toBe(`${networkPath}/meetings/new`);
    await checked.visit(networkPath);
    const past = page.getByRole("region", { name: "Tidigare möten" }).getByRole("link").first();
    await checked.navigate(() => past.click());
    const meetingPath = new URL(page.url()).pathname;
    await checked.visit(`${meetingPath}/edit`);
    await checked.visit(`${meetingPath}/agenda`);
    const itemLink = page.locator(`a[href^="${meetingPath}/agenda/"]`).first();
    await checked.navigate(() => itemLink.click());
    expect(new URL(page.url()).pathname).toMatch(/\/agenda\/[0-9a-f-]{36}$/);
    await checked.visit(meetingPath);
    const seriesPath = await page.locator('a[href^="/series/"]').first().getAttribute("href");
    await checked.visit(seriesPath!);
    await checked.visit(`${seriesPath}/edit`);
    await checked.visit(`${meetingPath}/minutes`);
    await checked.visit(`${meetingPath}/minutes/versions`);
    await checked.navigate(() => page.getByRole("link", { name: "Version 2" }).click());
    await checked.visit("/actions");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Mina åtgärder");
    await checked.visit("/calendar");

    // A new network is made by the owner's managers: the admin's form.
    const admin = await tab();
    await logIn(admin, demoAdmin().email, demoAdmin().password);
    await admin.visit("/networks/new");

    // The public reads the national network and its public minutes without logging in.
    const visitor = await tab();
    await visitor.visit("/networks");
    await visitor.navigate(() =>
      visitor.page
        .getByRole("link", { name: "Nätverket för IT- och digitaliseringschefer i regionerna" })
        .click(),
    );
    const spring = visitor.page
      .getByRole("region", { name: "Tidigare möten" })
      .getByRole("link")
      .first();
    await visitor.navigate(() => spring.click());
    await visitor.visit(`${new URL(visitor.page.url()).pathname}/minutes`);
    expect(await visitor.page.getByText("Nätverket skickar målbilden på remiss").count()).toBe(1);
  });
});
