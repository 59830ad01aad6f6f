import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { loadDemoDataIfEmpty } from "../../db/demo.ts";
import { describeDatabases } from "../../db/testing.ts";
import { todayIn } from "../../i18n/format.ts";
import { actorFor } from "../directory/factories.ts";
import { organizations } from "../directory/schema.ts";
import {
  demoConferenceName,
  demoGroupRoomName,
  demoThemeDayName,
  findDemoConference,
} from "./demo.ts";
import { findConflicts } from "./rules.ts";
import { events } from "./schema.ts";
import { getEvent, getEventPage, getProgram, listEvents, listSessions } from "./service.ts";

describeDatabases("events demo", (ctx) => {
  it("publishes a two-day conference with 40 sessions, partners, committees and an MC, and a theme day", async () => {
    await loadDemoDataIfEmpty(ctx.db);
    const conferenceId = await findDemoConference(ctx.db);
    expect(conferenceId).toBeTruthy();
    const page = await getEventPage(ctx.db, null, conferenceId!);
    const today = todayIn("Europe/Stockholm");
    expect(page.event).toMatchObject({ name: demoConferenceName, status: "published" });
    expect(page.event.startDate > today).toBe(true);
    expect(page.days).toHaveLength(2);
    expect(page.organizers.map((row) => [row.organizationName, row.role])).toEqual([
      ["Södra Älvsborgs Sjukhus", "lead"],
      ["Högskolan i Borås", "deputy_lead"],
      ["E-hälsoklustret Väst (demo)", "deputy_lead"],
    ]);
    expect(page.partners).toHaveLength(10);
    expect(page.committees.program.length).toBeGreaterThanOrEqual(4);
    expect(page.committees.organizing.length).toBeGreaterThanOrEqual(3);
    expect(page.committees.program[0]).toMatchObject({ role: "lead" });
    expect(page.committees.program[0]!.email).toContain("@");
    expect(page.mc?.name).toBe("Moa Lindahl");
    expect(page.rooms.map((room) => room.name)).toContain(demoGroupRoomName);

    const program = await getProgram(ctx.db, null, conferenceId!);
    const sessions = program.program.flatMap((day) => day.sessions);
    expect(sessions).toHaveLength(40);
    expect(program.program.map((day) => day.sessions.length).every((n) => n >= 15)).toBe(true);
    expect(program.tracks).toHaveLength(3);
    expect(new Set(sessions.map((session) => session.kind))).toEqual(
      new Set([
        "opening_plenary",
        "keynote",
        "seminar",
        "panel",
        "workshop",
        "break",
        "exhibition",
      ]),
    );
    // The demo program passes the program's own clash checks.
    const planned = sessions.map((session) => ({
      ...session,
      people: session.people.map((person) => ({ speakerId: person.speakerId, role: person.role })),
    }));
    for (const session of planned) expect(findConflicts(session, planned)).toEqual([]);
    expect(sessions.find((session) => session.roomName === demoGroupRoomName)).toBeUndefined();

    const [theme] = await ctx.db.select().from(events).where(eq(events.name, demoThemeDayName));
    expect(theme).toMatchObject({ kind: "theme_day", status: "published" });
    expect(theme!.startDate).toBe(theme!.endDate);
    expect(theme!.startDate > today).toBe(true);
    expect((await listSessions(ctx.db, null, theme!.id)).length).toBeGreaterThanOrEqual(8);
    expect((await listEvents(ctx.db, null, {})).items.map((item) => item.name)).toEqual(
      expect.arrayContaining([demoConferenceName, demoThemeDayName]),
    );

    // The region's editors organize both (the hospital is an administration of the region).
    const [region] = await ctx.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Västra Götalandsregionen"));
    const regionEditor = actorFor({ roles: { [region!.id]: "editor" } });
    expect((await getEvent(ctx.db, regionEditor, conferenceId!)).can.organize).toBe(true);
    expect((await getEvent(ctx.db, regionEditor, theme!.id)).can.organize).toBe(true);
  });
});
