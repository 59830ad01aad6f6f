// The side-meeting and budget demos on a conference like the demo's: they find the national
// network, pick a room the program does not use, and leave data the pages and services read.
import { expect, it } from "vitest";
import { seedReferenceData } from "../../db/seed.ts";
import { describeDatabases } from "../../db/testing.ts";
import { actorFor } from "../directory/factories.ts";
import { getMeeting } from "../meetings/service.ts";
import { loadNetworksDemo } from "../networks/demo.ts";
import { getNetworkOverview } from "../networks/service.ts";
import { loadBookingsDemo } from "./bookings-demo.ts";
import { at, insertTestEvent } from "./bookings-factories.ts";
import { insertTicket } from "./registrations-factories.ts";
import { getReservation } from "./bookings-service.ts";
import { loadBudgetDemo } from "./budget-demo.ts";
import { getBudget } from "./budget-service.ts";
import { eventSessions } from "./schema.ts";

describeDatabases("side meetings and budget demo", (ctx) => {
  it("gives the national network a room with slots, guests and its spring meeting, and the conference a budget", async () => {
    await seedReferenceData(ctx.db);
    const networks = await loadNetworksDemo(ctx.db);
    const conference = await insertTestEvent(ctx.db, { name: "Demokonferensen" });
    // The program uses the large hall and one group room.
    await ctx.db.insert(eventSessions).values(
      [0, 1].map((index) => ({
        eventId: conference.event.id,
        kind: "seminar" as const,
        title: `Pass ${index}`,
        roomId: conference.rooms[index]!.id,
        startsAt: at(conference.event, "2031-05-20", "10:00"),
        endsAt: at(conference.event, "2031-05-20", "11:00"),
      })),
    );
    await insertTicket(ctx.db, conference.event.id, {
      name: "Ordinarie",
      price: 3_400_00,
      position: 1,
    });
    await insertTicket(ctx.db, conference.event.id, {
      name: "Student",
      price: 100_00,
      eligibility: "student",
      position: 2,
    });
    await insertTicket(ctx.db, conference.event.id, {
      name: "Talare",
      price: 0,
      invitationOnly: true,
      position: 3,
    });

    const started = performance.now();
    const demo = await loadBookingsDemo(ctx.db, conference.event.id);
    await loadBudgetDemo(ctx.db, conference.event.id);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(5_000);
    expect(demo).not.toBeNull();

    const admin = actorFor({ isPlatformAdmin: true });
    const page = await getReservation(ctx.db, admin, conference.event.id, demo!.reservationId);
    expect(page.reservation).toMatchObject({
      networkId: networks.national.networkId,
      roomName: "Rum G3",
      status: "accepted",
    });
    expect(page.slots.length).toBe(11);
    expect(page.slots.map((slot) => slot.state).filter((state) => state !== "free")).toEqual([
      "accepted",
      "invited",
    ]);
    expect(page.slots[2]!.history.map((booking) => booking.status)).toEqual(["declined"]);
    expect(page.meetings).toMatchObject([{ startTime: "13:00", endTime: "16:00" }]);

    // The spring meeting is a meeting of the network like any other.
    const meeting = await getMeeting(ctx.db, admin, demo!.meetingId);
    expect(meeting.meeting.place).toBe("Rum G3, Svenska Mässan, Mässans gata 20, Göteborg");
    expect(meeting.members.length).toBe(networks.national.memberPersonIds.length);
    const overview = await getNetworkOverview(ctx.db, null, networks.national.networkId);
    expect(overview.upcomingMeetings.map((row) => row.id)).toContain(demo!.meetingId);

    const budget = await getBudget(ctx.db, conference.organizer, conference.event.id);
    expect(budget.lines.map((line) => line.category)).toEqual(
      expect.arrayContaining([
        "venue",
        "mc",
        "sound_image",
        "graphics",
        "speakers_travel",
        "catering",
        "grant",
        "partner_fee",
      ]),
    );
    expect(budget.ticketTypes.map((type) => type.expected)).toEqual([110, 25, 32]);
    expect(budget.result.breakEven.status).toBe("ok");
  });
});
