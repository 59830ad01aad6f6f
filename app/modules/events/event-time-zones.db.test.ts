// Dates of an event are the event's own: an event is past once its last day is over where it
// takes place, not in Stockholm.
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { actorFor } from "../directory/factories.ts";
import { insertTestEvent } from "./bookings-factories.ts";
import { listEvents } from "./service.ts";

describeDatabases("events in their own time zone", (ctx) => {
  it("splits upcoming and past by the last day where each event takes place", async () => {
    const common = { startDate: "2031-05-20", endDate: "2031-05-20" };
    await insertTestEvent(ctx.db, {
      ...common,
      name: "Zonprov Helsingfors",
      timeZone: "Europe/Helsinki",
    });
    await insertTestEvent(ctx.db, {
      ...common,
      name: "Zonprov Göteborg",
      timeZone: "Europe/Stockholm",
    });
    // 21:30 UTC: already 21 May (00:30) in Helsinki, still 20 May (23:30) in Gothenburg.
    const now = new Date("2031-05-20T21:30:00Z");
    const admin = actorFor({ isPlatformAdmin: true });
    const names = async (when: "upcoming" | "past") =>
      (await listEvents(ctx.db, admin, { q: "Zonprov", when }, now)).items.map((item) => item.name);
    expect(await names("upcoming")).toEqual(["Zonprov Göteborg"]);
    expect(await names("past")).toEqual(["Zonprov Helsingfors"]);
  });
});
