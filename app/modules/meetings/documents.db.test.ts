import mammoth from "mammoth";
import { extractText } from "unpdf";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { zonedToUtc } from "../../platform/time.ts";
import { insertNetworkWithRoles, insertTestOrganization } from "../networks/factories.ts";
import { actorFor, insertPerson } from "../directory/factories.ts";
import { insertAgendaItem, insertMeeting, insertParticipant, insertSeries } from "./factories.ts";
import { documentFileName, loadMinutesDocument, minutesDocx, minutesPdf } from "./documents.ts";
import { minutesDownload } from "./routes/document-response.ts";
import {
  meetingActions,
  meetingMinutes,
  type MinutesStatus,
  type MinutesVisibility,
} from "./schema.ts";

describeDatabases("minutes documents", (ctx) => {
  async function setup(
    options: {
      status?: MinutesStatus;
      visibility?: MinutesVisibility;
      networkVisibility?: "public" | "members";
    } = {},
  ) {
    const fixture = await insertNetworkWithRoles(ctx.db, {
      name: "Nätverket för välfärd",
      visibility: options.networkVisibility ?? "public",
    });
    const { network, members } = fixture;
    const series = await insertSeries(ctx.db, network.id, {
      name: "Månadsmöte",
      rrule: "FREQ=MONTHLY;BYDAY=2TU",
      firstDate: "2026-01-13",
      startTime: "09:00",
      endTime: "11:30",
    });
    const occurrence = (date: string) => zonedToUtc(date, "09:00", "Europe/Stockholm");
    const meeting = await insertMeeting(ctx.db, network.id, {
      title: "Månadsmöte",
      date: "2026-01-13",
      startTime: "09:00",
      endTime: "11:30",
      place: "Regionens hus, sal 3",
      seriesId: series.id,
      occurrenceStart: occurrence("2026-01-13"),
    });
    // February is moved to the 12th; March stays an occurrence without a row.
    await insertMeeting(ctx.db, network.id, {
      title: "Månadsmöte (flyttat)",
      date: "2026-02-12",
      startTime: "13:00",
      endTime: "15:30",
      seriesId: series.id,
      occurrenceStart: occurrence("2026-02-10"),
    });
    const present = members.chair;
    const excused = members.member;
    const absent = members.vice_chair;
    await insertParticipant(ctx.db, meeting.id, present.person.id, {
      attendance: "present",
      organizationId: present.organization.id,
    });
    await insertParticipant(ctx.db, meeting.id, excused.person.id, {
      attendance: "absent_with_notice",
      organizationId: excused.organization.id,
    });
    await insertParticipant(ctx.db, meeting.id, absent.person.id, { attendance: "absent" });
    const guestOrg = await insertTestOrganization(ctx.db, { name: "Kommunförbundet Øst" });
    const guest = await insertPerson(ctx.db, {
      name: "Gästen Gæst",
      affiliations: [{ organizationId: guestOrg.id }],
    });
    await insertParticipant(ctx.db, meeting.id, guest.id, {
      kind: "guest",
      attendance: "present",
      organizationId: guestOrg.id,
    });
    const first = await insertAgendaItem(ctx.db, meeting.id, 1, {
      title: "Mötets öppnande",
      responsiblePersonIds: [present.person.id],
    });
    const second = await insertAgendaItem(ctx.db, meeting.id, 2, {
      title: "Digital vårdplanering",
      responsiblePersonIds: [excused.person.id],
      guestPersonIds: [guest.id],
    });
    await ctx.db.insert(meetingMinutes).values({
      meetingId: meeting.id,
      status: options.status ?? "published",
      visibility: options.visibility ?? "public",
      content: {
        items: {
          [first.id]: { notes: "Ordföranden hälsade välkommen.", reflections: [], decisions: [] },
          [second.id]: {
            notes: "Läget i länen redovisades.",
            reflections: ["Behov av gemensam terminologi"],
            decisions: ["Arbetsgruppen får mandat att gå vidare"],
          },
        },
      },
    });
    await ctx.db.insert(meetingActions).values({
      networkId: network.id,
      meetingId: meeting.id,
      agendaItemId: second.id,
      title: "Ta fram förslag på terminologi",
      ownerPersonId: present.person.id,
      dueDate: "2026-02-01",
    });
    return { ...fixture, meeting, present, excused, absent, guest };
  }

  const now = new Date("2026-01-13T12:00:00Z");

  it("writes the minutes as DOCX in the secretaries' layout", async () => {
    const { meeting, outsider, members, present, excused, absent } = await setup();
    const doc = await loadMinutesDocument(ctx.db, outsider, meeting.id, now);
    expect(doc.isPublic).toBe(true);
    const buffer = await minutesDocx(doc, "sv");
    const { value: html } = await mammoth.convertToHtml({ buffer });
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain("Nätverket för välfärd");
    expect(text).toContain("Mötesanteckningar: Månadsmöte");
    expect(text).toContain("09:00–11:30");
    // The place is members' content, as on the meeting page: not for the public's document.
    expect(doc.meeting.place).toBe("");
    expect(text).not.toContain("Regionens hus, sal 3");
    const membersDoc = await loadMinutesDocument(ctx.db, members.member.actor, meeting.id, now);
    expect(membersDoc.isPublic).toBe(false);
    const membersText = await mammoth.extractRawText({
      buffer: await minutesDocx(membersDoc, "sv"),
    });
    expect(membersText.value).toContain("Regionens hus, sal 3");
    // Absent participants struck through and marked.
    expect(html).toContain(
      `<s>${excused.person.name}, ${excused.organization.name}</s> (anmält förhinder)`,
    );
    expect(html).toContain(`<s>${absent.person.name}</s> (frånvarande)`);
    expect(html).not.toContain(`<s>${present.person.name}`);
    expect(text).toContain("Gästen Gæst, Kommunförbundet Øst (punkt 2: Digital vårdplanering)");
    // The table: a header row and a row per item with its responsible.
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) =>
      [...(match[1] ?? "").matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
        (cell[1] ?? "")
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .trim(),
      ),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(["Punkt", "Anteckningar", "Ansvarig"]);
    expect(rows[1]?.[0]).toContain("1. Mötets öppnande");
    expect(rows[1]?.[2]).toBe(present.person.name);
    expect(rows[2]?.[0]).toContain("2. Digital vårdplanering");
    expect(rows[2]?.[1]).toContain("Behov av gemensam terminologi");
    expect(rows[2]?.[1]).toContain("Beslut Arbetsgruppen får mandat att gå vidare");
    expect(rows[2]?.[1]).toContain(`Ta fram förslag på terminologi – ${present.person.name}`);
    expect(rows[2]?.[2]).toBe(excused.person.name);
    // Next meetings: the moved February meeting, then the rule's occurrences.
    expect(text).toContain("Nästa möten");
    expect(text).toMatch(/12 feb\. 2026 13:00–15:30 Månadsmöte \(flyttat\)/);
    expect(text).toMatch(/10 mars 2026 09:00–11:30 Månadsmöte/);
  });

  it("writes the minutes as PDF, localized", async () => {
    const { meeting, members, excused } = await setup();
    const loaded = await loadMinutesDocument(ctx.db, members.member.actor, meeting.id, now);
    const sami = "Sámi dearvvašvuođa čoahkkin: Ŋ ŧ đ ž ł";
    const doc = { ...loaded, network: { ...loaded.network, name: sami } };
    const pdf = await minutesPdf(doc, "nb");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(text).toContain(sami);
    expect(text).toContain("Møtereferat: Månadsmöte");
    expect(text).toContain("Deltakere");
    expect(text).toContain(`${excused.person.name}, ${excused.organization.name} (meldt forfall)`);
    expect(text).toContain("Gästen Gæst, Kommunförbundet Øst");
    expect(text).toContain("Sak");
    expect(text).toContain("Ansvarlig");
    expect(text).toContain("Mötets öppnande");
    expect(text).toContain("Arbetsgruppen får mandat att gå vidare");
    expect(text).toContain("Neste møter");
    expect(text).toContain("13:00–15:30");
  });

  it("reads with the minutes page's permissions", async () => {
    const members = await setup({ visibility: "members" });
    await expect(
      loadMinutesDocument(ctx.db, members.outsider, members.meeting.id, now),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(loadMinutesDocument(ctx.db, null, members.meeting.id, now)).rejects.toMatchObject({
      code: "not_found",
    });
    const read = await loadMinutesDocument(
      ctx.db,
      members.members.observer.actor,
      members.meeting.id,
      now,
    );
    expect(read.isPublic).toBe(false);

    const draft = await setup({ status: "draft" });
    await expect(
      loadMinutesDocument(ctx.db, draft.members.member.actor, draft.meeting.id, now),
    ).rejects.toMatchObject({ code: "not_found" });
    await loadMinutesDocument(ctx.db, draft.members.secretary.actor, draft.meeting.id, now);
    await loadMinutesDocument(ctx.db, draft.ownerEditor, draft.meeting.id, now);

    const review = await setup({ status: "in_review", visibility: "public" });
    await expect(
      loadMinutesDocument(ctx.db, review.outsider, review.meeting.id, now),
    ).rejects.toMatchObject({ code: "not_found" });
    await loadMinutesDocument(ctx.db, review.members.adjunct.actor, review.meeting.id, now);

    const hidden = await setup({ networkVisibility: "members" });
    await expect(
      loadMinutesDocument(ctx.db, hidden.outsider, hidden.meeting.id, now),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      loadMinutesDocument(ctx.db, actorFor({}), "not-a-uuid", now),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers downloads with attachment headers, private unless public", async () => {
    const pub = await setup();
    const state = { actor: pub.outsider, locale: "sv" as const, csrfToken: "" };
    const format = { extension: "pdf" as const, contentType: "application/pdf" };
    const response = await minutesDownload(ctx.db, state, pub.meeting.id, format, minutesPdf);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Manadsmote-2026-01-13.pdf"; filename*=UTF-8''M%C3%A5nadsm%C3%B6te%202026-01-13.pdf`,
    );
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");

    const members = await setup({ visibility: "members" });
    const memberState = { ...state, actor: members.members.member.actor };
    const privateResponse = await minutesDownload(
      ctx.db,
      memberState,
      members.meeting.id,
      format,
      minutesPdf,
    );
    expect(privateResponse.headers.get("Cache-Control")).toBe("private, no-store");
    // The public gets "not found" for members-only minutes, in plain text.
    const refused = await minutesDownload(ctx.db, state, members.meeting.id, format, minutesPdf);
    expect(refused.status).toBe(404);
    expect(refused.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await refused.text()).toBe("Mötet finns inte.");
  });

  it("names files safely", async () => {
    const { meeting, outsider } = await setup();
    const doc = await loadMinutesDocument(ctx.db, outsider, meeting.id, now);
    expect(documentFileName(doc, "pdf")).toEqual({
      ascii: "Manadsmote-2026-01-13.pdf",
      unicode: "Månadsmöte 2026-01-13.pdf",
    });
  });
});
