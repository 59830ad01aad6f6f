import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { zonedToUtc } from "../../platform/time.ts";
import { insertNetwork, insertMember } from "../networks/factories.ts";
import { insertMeeting, insertParticipant, insertSeries } from "./factories.ts";
import {
  meetingInvitationIcs,
  meetingUid,
  personFeed,
  personFeedToken,
  renewPersonFeedToken,
  seriesFeed,
} from "./calendar.ts";
import { meetings } from "./schema.ts";

const savedEnv = { ...process.env };
beforeEach(() => {
  process.env.BASE_URL = "https://samverka.example/";
  process.env.MAIL_FROM = "Samverka <no-reply@samverka.example>";
  resetConfig();
});
afterEach(() => {
  process.env = { ...savedEnv };
  resetConfig();
});

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  return root;
}

/** Local "YYYY-MM-DD HH:MM" of an ICAL.Time in Stockholm. */
function local(time: ICAL.Time): string {
  const js = time.toJSDate();
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(js);
}

describeDatabases("meeting calendars", (ctx) => {
  it("writes an invitation and a cancellation for one meeting", async () => {
    const network = await insertNetwork(ctx.db, { name: "Nätverket" });
    const meeting = await insertMeeting(ctx.db, network.id, {
      title: "Styrgrupp",
      date: "2026-12-08",
      startTime: "09:00",
      endTime: "11:00",
      place: "Sal 3",
    });
    const data = { ...meeting, icalSequence: 2, networkName: network.name };
    const attendees = [{ name: "Åsa Öberg", email: "asa@example.test" }];
    const root = parse(meetingInvitationIcs(data, attendees, "REQUEST"));
    expect(root.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = new ICAL.Event(root.getFirstSubcomponent("vevent")!);
    expect(event.uid).toBe(`meeting-${meeting.id}@samverka.example`);
    expect(event.uid).toBe(meetingUid(meeting.id));
    expect(event.sequence).toBe(2);
    expect(event.startDate.toJSDate().toISOString()).toBe(meeting.startsAt.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(meeting.endsAt.toISOString());
    expect(event.startDate.zone?.tzid).toBe("Europe/Stockholm");
    expect(event.location).toBe("Sal 3");
    expect(String(event.organizer).toLowerCase()).toBe("mailto:no-reply@samverka.example");
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
      "mailto:asa@example.test",
    ]);

    const cancel = parse(meetingInvitationIcs(data, attendees, "CANCEL"));
    expect(cancel.getFirstPropertyValue("method")).toBe("CANCEL");
    const vevent = cancel.getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevent.getFirstPropertyValue("uid")).toBe(meetingUid(meeting.id));
  });

  it("serves a series feed with the rule, a cancelled and a moved occurrence", async () => {
    const network = await insertNetwork(ctx.db);
    const series = await insertSeries(ctx.db, network.id, {
      name: "Månadsmöte",
      rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
      firstDate: "2026-01-13",
      startTime: "09:00",
      endTime: "11:30",
      place: "Regionens hus, sal 3",
    });
    const occurrence = (date: string) => zonedToUtc(date, "09:00", "Europe/Stockholm");
    const base = {
      seriesId: series.id,
      title: "Månadsmöte",
      place: "Regionens hus, sal 3",
      startTime: "09:00",
      endTime: "11:30",
    };
    // February: cancelled. March (10th, during winter time): moved to the 12th, 13:00.
    await insertMeeting(ctx.db, network.id, {
      ...base,
      date: "2026-02-10",
      occurrenceStart: occurrence("2026-02-10"),
      status: "cancelled",
    });
    await insertMeeting(ctx.db, network.id, {
      ...base,
      date: "2026-03-12",
      startTime: "13:00",
      endTime: "15:30",
      occurrenceStart: occurrence("2026-03-10"),
    });
    // April: same time, another place (an override too). May: unchanged (no override).
    await insertMeeting(ctx.db, network.id, {
      ...base,
      date: "2026-04-14",
      place: "Digitalt",
      occurrenceStart: occurrence("2026-04-14"),
    });
    await insertMeeting(ctx.db, network.id, {
      ...base,
      date: "2026-05-12",
      occurrenceStart: occurrence("2026-05-12"),
    });
    // An extra meeting of the series on no occurrence: an event of its own.
    const extra = await insertMeeting(ctx.db, network.id, {
      ...base,
      title: "Extra seriemöte",
      date: "2026-03-24",
    });
    // A single meeting of the network: not in the series feed.
    await insertMeeting(ctx.db, network.id, { title: "Extramöte", date: "2026-06-01" });

    expect(await seriesFeed(ctx.db, "no-such-token")).toBeNull();
    const text = await seriesFeed(ctx.db, series.feedToken);
    expect(text).not.toBeNull();
    expect(text).not.toContain("Extramöte");
    const root = parse(text!);
    const vevents = root.getAllSubcomponents("vevent");
    const master = vevents.find((v) => v.hasProperty("rrule"))!;
    const overrides = vevents.filter((v) => v.hasProperty("recurrence-id"));
    expect(overrides).toHaveLength(2);
    const own = vevents.filter((v) => v.getFirstPropertyValue("uid") === meetingUid(extra.id));
    expect(own).toHaveLength(1);
    const event = new ICAL.Event(master);
    for (const override of overrides) event.relateException(override);
    expect(event.startDate.zone?.tzid).toBe("Europe/Stockholm");
    expect(master.getFirstPropertyValue("dtstart")?.toString()).toBe("2026-01-13T09:00:00");

    const iterator = event.iterator();
    const seen: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      seen.push(`${local(details.startDate)} ${details.item.location}`);
    }
    expect(seen).toEqual([
      "2026-01-13 09:00 Regionens hus, sal 3",
      // 2026-02-10 is excluded (cancelled)
      "2026-03-12 13:00 Regionens hus, sal 3",
      "2026-04-14 09:00 Digitalt",
      "2026-05-12 09:00 Regionens hus, sal 3",
      "2026-06-09 09:00 Regionens hus, sal 3",
    ]);
  });

  it("serves a person's feed of their meetings and renews its token", async () => {
    const network = await insertNetwork(ctx.db);
    const { person } = await insertMember(ctx.db, network.id);
    const mine = await insertMeeting(ctx.db, network.id, { title: "Mitt möte" });
    await insertMeeting(ctx.db, network.id, { title: "Annat möte" });
    await insertParticipant(ctx.db, mine.id, person.id);

    const token = await personFeedToken(ctx.db, person.id);
    expect(await personFeedToken(ctx.db, person.id)).toBe(token);
    const root = parse((await personFeed(ctx.db, token))!);
    const uids = root.getAllSubcomponents("vevent").map((v) => v.getFirstPropertyValue("uid"));
    expect(uids).toEqual([meetingUid(mine.id)]);

    const renewed = await renewPersonFeedToken(ctx.db, person.id);
    expect(renewed).not.toBe(token);
    expect(await personFeed(ctx.db, token)).toBeNull();
    expect(await personFeed(ctx.db, renewed)).not.toBeNull();
    await ctx.db.delete(meetings).where(eq(meetings.id, mine.id));
  });
});
