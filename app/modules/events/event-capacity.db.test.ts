// The event's overall capacity (places a day), changed by an organizer: never below the people
// confirmed on the busiest day, and a higher one (or none) moves the waiting list up at once,
// with the mail, under the same capacity lock as registering.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { mailsTo } from "../identity/testing.ts";
import { insertTestEvent } from "./bookings-factories.ts";
import { insertTicket, registrationInput } from "./registrations-factories.ts";
import { registrations } from "./registrations-schema.ts";
import { register } from "./registrations-service.ts";
import { events } from "./schema.ts";
import { updateEvent } from "./service.ts";
import { failure } from "../../../tests/support/outcomes.ts";

const now = new Date("2031-02-01T10:00:00Z");

describeDatabases("the event's overall capacity", (ctx) => {
  it("refuses fewer places than confirmed on the busiest day and promotes on a raise", async () => {
    const s = await insertTestEvent(ctx.db);
    await ctx.db.update(events).set({ capacity: 2 }).where(eq(events.id, s.event.id));
    const whole = await insertTicket(ctx.db, s.event.id, { name: "Båda dagarna" });
    const dayTwo = await insertTicket(ctx.db, s.event.id, {
      name: "Dag 2",
      validDate: "2031-05-21",
    });
    const registerAs = async (ticketTypeId: string, email: string) =>
      (
        await register(
          ctx.db,
          null,
          s.event.id,
          registrationInput(ticketTypeId, { email, locale: "en" }),
          now,
        )
      ).registration;
    // Day one: 1 (the whole-event ticket); day two: 2 (with the one-day ticket). Then full.
    const a = await registerAs(whole.id, "a@example.se");
    const b = await registerAs(dayTwo.id, "b@example.se");
    const c = await registerAs(whole.id, "c@example.se");
    const d = await registerAs(dayTwo.id, "d@example.se");
    expect([a.status, b.status, c.status, d.status]).toEqual([
      "confirmed",
      "confirmed",
      "waitlisted",
      "waitlisted",
    ]);
    const version = async () =>
      (await ctx.db.select().from(events).where(eq(events.id, s.event.id)))[0]!.version;

    const below = await failure(
      updateEvent(ctx.db, s.organizer, s.event.id, { capacity: 1, version: await version() }),
    );
    expect(below.message).toBe("events.error.capacityBelowConfirmed");
    expect(below.params).toEqual({ confirmed: 2 });
    expect(below.fieldErrors.capacity).toEqual(["events.error.capacityBelowConfirmedField"]);
    // An event already over its limit (set before these rules) still takes other changes.
    await ctx.db.update(events).set({ capacity: 1 }).where(eq(events.id, s.event.id));
    const renamed = await updateEvent(ctx.db, s.organizer, s.event.id, {
      description: "Ny beskrivning",
      capacity: 1,
      version: await version(),
    });
    expect(renamed.description).toBe("Ny beskrivning");
    await ctx.db.update(events).set({ capacity: 2 }).where(eq(events.id, s.event.id));

    // One more place a day: the first in line (c, both days) fits; d (day two) then does not.
    const raised = await updateEvent(ctx.db, s.organizer, s.event.id, {
      capacity: 3,
      version: await version(),
    });
    expect(raised.capacity).toBe(3);
    const statusOf = async (id: string) =>
      (await ctx.db.select().from(registrations).where(eq(registrations.id, id)))[0]!.status;
    expect(await statusOf(c.id)).toBe("confirmed");
    expect(await statusOf(d.id)).toBe("waitlisted");
    expect((await mailsTo(ctx.db, "c@example.se"))[0]?.subject).toBe(
      `You have a place: ${s.event.name}`,
    );

    // No overall limit any more: everyone waiting moves up.
    await updateEvent(ctx.db, s.organizer, s.event.id, {
      capacity: null,
      version: await version(),
    });
    expect(await statusOf(d.id)).toBe("confirmed");
  });
});
