// The program's iCalendar files, read back with ical.js.
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { AppError } from "../../platform/errors.ts";
import { resetConfig } from "../../platform/config.ts";
import { programCalendar, sessionCalendar } from "./calendar.ts";
import { insertEventWithRoles, insertRoom, insertSession, insertSpeaker } from "./factories.ts";
import { events } from "./schema.ts";
import { changeEventStatus, updateSession } from "./service.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

function read(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return {
    name: root.getFirstPropertyValue("x-wr-calname"),
    events: root.getAllSubcomponents("vevent").map((component) => ({
      event: new ICAL.Event(component),
      status: component.getFirstPropertyValue("status"),
      url: component.getFirstPropertyValue("url"),
    })),
  };
}

describeDatabases("events calendar", (ctx) => {
  it("writes every session with its instant, place, people and a stable UID; sequence follows changes", async () => {
    // Saturday is summer time, Sunday winter time in Stockholm (the change is on 27 October 2030).
    const roles = await insertEventWithRoles(ctx.db, {
      status: "published",
      name: "Ical-dagen",
      startDate: "2030-10-26",
      endDate: "2030-10-27",
    });
    const event = roles.event;
    const room = await insertRoom(ctx.db, event.id, { name: "Sal 1" });
    const speaker = await insertSpeaker(ctx.db, event.id, {
      name: "Kalle Kalender",
      organizationName: "Tidbolaget",
    });
    const saturday = await insertSession(ctx.db, event, {
      title: "Lördagspasset",
      date: "2030-10-26",
      startTime: "09:00",
      endTime: "10:00",
      roomId: room.id,
      abstract: "Om tid; och komma, och radbrytning\nnästa rad",
      people: [{ speakerId: speaker.id, role: "speaker" }],
    });
    await insertSession(ctx.db, event, {
      title: "Söndagspasset",
      date: "2030-10-27",
      startTime: "09:00",
      endTime: "10:00",
    });
    const feed = read((await programCalendar(ctx.db, null, event.id)).text);
    expect(feed.name).toBe("Ical-dagen");
    const [sat, sun] = feed.events;
    expect(sat!.event.summary).toBe("Lördagspasset");
    expect(sat!.event.startDate.toJSDate().toISOString()).toBe("2030-10-26T07:00:00.000Z");
    expect(sun!.event.startDate.toJSDate().toISOString()).toBe("2030-10-27T08:00:00.000Z");
    expect(sat!.event.location).toContain("Sal 1");
    expect(sat!.event.description).toContain("Om tid; och komma, och radbrytning\nnästa rad");
    expect(sat!.event.description).toContain("Talare: Kalle Kalender (Tidbolaget)");
    expect(sat!.url).toBe(`http://localhost:3000/events/${event.id}/sessions/${saturday.id}`);
    expect(sat!.status).toBe("CONFIRMED");
    expect(sat!.event.sequence).toBe(1);

    await updateSession(ctx.db, roles.leadEditor, event.id, saturday.id, {
      title: "Lördagspasset, nytt namn",
      version: 1,
    });
    const single = read((await sessionCalendar(ctx.db, null, event.id, saturday.id)).text);
    expect(single.events).toHaveLength(1);
    expect(single.events[0]!.event.uid).toBe(sat!.event.uid);
    expect(single.events[0]!.event.sequence).toBe(2);
    expect(single.events[0]!.event.summary).toBe("Lördagspasset, nytt namn");

    await changeEventStatus(ctx.db, roles.leadEditor, event.id, {
      status: "cancelled",
      version: 1,
    });
    const cancelled = read((await programCalendar(ctx.db, null, event.id)).text);
    expect(cancelled.events.map((entry) => entry.status)).toEqual(["CANCELLED", "CANCELLED"]);

    // A draft's program is not public (a cancelled event stays cancelled: set it in the table).
    await ctx.db.update(events).set({ status: "draft" }).where(eq(events.id, event.id));
    const refused = await programCalendar(ctx.db, null, event.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("not_found");
    expect(
      read((await programCalendar(ctx.db, roles.committeeMember, event.id)).text).events,
    ).toHaveLength(2);
  });
});
