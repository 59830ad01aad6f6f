// The demo conference's tickets and 150 registrations, loaded on the events demo as
// app/db/demo.ts does, quickly, and read back through the organizers' services.
import { expect, it } from "vitest";
import { loadDemoDataIfEmpty } from "../../db/demo.ts";
import { describeDatabases } from "../../db/testing.ts";
import { actorFor } from "../directory/factories.ts";
import { getBudget } from "./budget-service.ts";
import { findDemoConference } from "./demo.ts";
import { loadRegistrationsDemo } from "./registrations-demo.ts";
import { registrationOverview, listRegistrations } from "./registrations-service.ts";
import { listInvitationCodes, listQuestions, listTicketTypes } from "./tickets-service.ts";

describeDatabases("tickets and registrations demo", (ctx) => {
  it("gives the demo conference its ticket types, questions, codes and 150 registrations", async () => {
    await loadDemoDataIfEmpty(ctx.db);
    const conferenceId = (await findDemoConference(ctx.db))!;
    const started = performance.now();
    // Whether app/db/demo.ts has loaded it already or not: loading is idempotent.
    const demo = await loadRegistrationsDemo(ctx.db, conferenceId);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(demo.registrations).toBe(150);
    expect((await loadRegistrationsDemo(ctx.db, conferenceId)).registrations).toBe(150);

    const admin = actorFor({ isPlatformAdmin: true });
    const types = await listTicketTypes(ctx.db, null, conferenceId);
    expect(
      types.map((type) => [type.eligibility, type.validDate !== null, type.invitationOnly]),
    ).toEqual([
      ["anyone", false, false],
      ["student", false, false],
      ["anyone", true, false],
      ["anyone", true, false],
      ["anyone", false, true],
    ]);
    expect(types[0]!.earlyBirdPrice).not.toBeNull();
    expect(await listQuestions(ctx.db, null, conferenceId)).toHaveLength(3);
    expect(
      (await listInvitationCodes(ctx.db, admin, conferenceId)).map((code) => [
        code.code,
        code.used,
      ]),
    ).toEqual([
      ["KOMMITTE-EHV", 4],
      ["TALARE-EHV", 8],
    ]);

    const overview = await registrationOverview(ctx.db, admin, conferenceId);
    expect(overview.totals.confirmed + overview.totals.cancelled).toBe(150);
    expect(overview.totals.cancelled).toBeGreaterThan(0);
    expect(overview.days.every((day) => day.confirmed > 100)).toBe(true);
    expect(overview.dietary[0]!.answers[0]).toEqual({
      answer: "Vegetarisk",
      count: expect.any(Number),
      perDay: overview.days.map((day) => ({ date: day.date, count: expect.any(Number) })),
    });
    const page = await listRegistrations(ctx.db, admin, conferenceId, { q: "Borås Stad" });
    expect(page.total).toBeGreaterThan(0);

    // The budget reads the ticket types.
    const budget = await getBudget(ctx.db, admin, conferenceId);
    expect(budget.ticketTypes).toHaveLength(5);
  });
});
