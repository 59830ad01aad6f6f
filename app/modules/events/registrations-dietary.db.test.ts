// The caterer's summary of a two-day conference with one-day tickets: each need per day (the
// confirmed attendees of that day) and for the whole event, on the organizers' overview.
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { insertTestEvent } from "./bookings-factories.ts";
import { insertQuestion, insertRegistrations, insertTicket } from "./registrations-factories.ts";
import { registrationOverview } from "./registrations-service.ts";

describeDatabases("dietary needs per day", (ctx) => {
  it("gives the caterer a figure per day and the total", async () => {
    const s = await insertTestEvent(ctx.db);
    const diet = await insertQuestion(ctx.db, s.event.id, { label: "Kost", purpose: "dietary" });
    const whole = await insertTicket(ctx.db, s.event.id, { name: "Båda dagarna" });
    const dayOne = await insertTicket(ctx.db, s.event.id, {
      name: "Dag 1",
      validDate: "2031-05-20",
    });
    const dayTwo = await insertTicket(ctx.db, s.event.id, {
      name: "Dag 2",
      validDate: "2031-05-21",
    });
    const vegetarian = { [diet.id]: "Vegetarisk" };
    await insertRegistrations(ctx.db, s.event.id, [
      { ticketTypeId: whole.id, answers: vegetarian },
      { ticketTypeId: dayOne.id, answers: { [diet.id]: "vegetarisk" } },
      { ticketTypeId: dayOne.id, answers: { [diet.id]: "Glutenfri" } },
      { ticketTypeId: dayTwo.id, answers: vegetarian },
      { ticketTypeId: dayTwo.id, answers: vegetarian },
      { ticketTypeId: dayTwo.id, answers: { [diet.id]: "Nej" } },
      // Not eating: on the waiting list, or cancelled.
      { ticketTypeId: dayTwo.id, status: "waitlisted", answers: { [diet.id]: "Laktosfri" } },
      { ticketTypeId: whole.id, status: "cancelled", answers: vegetarian },
    ]);
    const overview = await registrationOverview(ctx.db, s.organizer, s.event.id);
    expect(overview.dietary).toEqual([
      {
        question: "Kost",
        answers: [
          {
            answer: "Vegetarisk",
            count: 4,
            perDay: [
              { date: "2031-05-20", count: 2 },
              { date: "2031-05-21", count: 3 },
            ],
          },
          {
            answer: "Glutenfri",
            count: 1,
            perDay: [
              { date: "2031-05-20", count: 1 },
              { date: "2031-05-21", count: 0 },
            ],
          },
        ],
      },
    ]);
  });
});
