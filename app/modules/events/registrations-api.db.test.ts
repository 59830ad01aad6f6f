// The /api/v1 endpoints of tickets and registrations through the real dispatcher, against a real
// database: documented in the OpenAPI document, organizers only for everything personal, a stale
// version answered with 409 problem+json, rule breaks with 422 and the field's message.
import { beforeAll, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { insertEventWithRoles, type EventRoles } from "./factories.ts";
import { insertRegistrations, insertTicket } from "./registrations-factories.ts";
import { documentedOperations, eventsApiClient } from "./testing-api.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("tickets and registrations API", (ctx) => {
  const { tokenFor, call } = eventsApiClient(() => ctx.db);
  let roles: EventRoles;
  let editor: string;
  let outsider: string;

  beforeAll(async () => {
    roles = await insertEventWithRoles(ctx.db, {
      status: "published",
      name: "API-dagen",
      startDate: "2030-05-14",
      endDate: "2030-05-15",
    });
    editor = tokenFor(roles.committeeMember);
    outsider = tokenFor(roles.outsider);
  });

  it("documents its endpoints in the OpenAPI document", () => {
    const operations = documentedOperations();
    for (const operationId of [
      "listTicketTypes",
      "getTicketType",
      "createTicketType",
      "updateTicketType",
      "deleteTicketType",
      "listRegistrationQuestions",
      "createRegistrationQuestion",
      "updateRegistrationQuestion",
      "deleteRegistrationQuestion",
      "listInvitationCodes",
      "createInvitationCode",
      "deleteInvitationCode",
      "listRegistrations",
      "getRegistrationSummary",
      "promoteWaitingList",
      "getRegistration",
      "cancelRegistration",
    ])
      expect(operations).toContain(operationId);
  });

  it("creates, changes and deletes ticket types for organizers, with 409 and 422 problems", async () => {
    const created = await call("POST", `/events/${roles.event.id}/ticket-types`, {
      token: editor,
      json: {
        name: "Tidig",
        price: 300_000,
        earlyBirdPrice: 250_000,
        earlyBirdUntil: "2030-03-01",
        capacity: 10,
      },
    });
    expect(created.status).toBe(201);
    const type = (await created.json()) as { id: string; version: number; price: number };
    expect(type).toMatchObject({ price: 300_000, capacity: 10, vatRate: 2500 });

    const publicList = await call("GET", `/events/${roles.event.id}/ticket-types`);
    expect(publicList.status).toBe(200);
    expect(((await publicList.json()) as { name: string }[]).map((row) => row.name)).toEqual([
      "Tidig",
    ]);

    const refused = await call("POST", `/events/${roles.event.id}/ticket-types`, {
      token: outsider,
      json: { name: "Smyg", price: 0 },
    });
    expect(refused.status).toBe(403);
    expect(
      (
        await call("POST", `/events/${roles.event.id}/ticket-types`, {
          json: { name: "x", price: 0 },
        })
      ).status,
    ).toBe(401);

    const invalid = await call("POST", `/events/${roles.event.id}/ticket-types`, {
      token: editor,
      json: { name: "Dag", price: 100, validDate: "2030-06-01" },
      lang: "en",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await invalid.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: "validDate", message: "Choose one of the event's days." }),
    ]);

    const changed = await call("PATCH", `/events/${roles.event.id}/ticket-types/${type.id}`, {
      token: editor,
      json: { price: 320_000, version: type.version },
    });
    expect(changed.status).toBe(200);
    const stale = await call("PATCH", `/events/${roles.event.id}/ticket-types/${type.id}`, {
      token: editor,
      json: { price: 330_000, version: type.version },
    });
    expect(stale.status).toBe(409);

    await insertRegistrations(ctx.db, roles.event.id, [
      { ticketTypeId: type.id },
      { ticketTypeId: type.id },
    ]);
    const below = await call("PATCH", `/events/${roles.event.id}/ticket-types/${type.id}`, {
      token: editor,
      json: { capacity: 1, version: type.version + 1 },
      lang: "en",
    });
    expect(below.status).toBe(422);
    expect(JSON.stringify(await below.json())).toContain(
      "2 attendees are already confirmed on this ticket type",
    );
    const inUse = await call("DELETE", `/events/${roles.event.id}/ticket-types/${type.id}`, {
      token: editor,
    });
    expect(inUse.status).toBe(409);
  });

  it("lists, sums up and cancels registrations for organizers only", async () => {
    const type = await insertTicket(ctx.db, roles.event.id, { name: "Bas", capacity: 1 });
    const [first, second] = await insertRegistrations(ctx.db, roles.event.id, [
      { ticketTypeId: type.id, name: "Första Person" },
      { ticketTypeId: type.id, name: "Andra Person", status: "waitlisted" },
    ]);
    const list = await call(
      "GET",
      `/events/${roles.event.id}/registrations?ticketTypeId=${type.id}&pageSize=1`,
      { token: editor },
    );
    expect(list.status).toBe(200);
    expect(list.headers.get("link")).toContain('rel="next"');
    const page = (await list.json()) as { items: { name: string }[]; total: number };
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    expect(
      (await call("GET", `/events/${roles.event.id}/registrations`, { token: outsider })).status,
    ).toBe(403);
    expect((await call("GET", `/events/${roles.event.id}/registrations`)).status).toBe(401);

    const summary = await call("GET", `/events/${roles.event.id}/registrations/summary`, {
      token: editor,
    });
    const counts = (await summary.json()) as {
      tickets: { name: string; confirmed: number; waitlisted: number }[];
    };
    expect(counts.tickets.find((row) => row.name === "Bas")).toMatchObject({
      confirmed: 1,
      waitlisted: 1,
    });

    const one = await call("GET", `/events/${roles.event.id}/registrations/${first!.id}`, {
      token: editor,
    });
    expect(((await one.json()) as { name: string }).name).toBe("Första Person");

    const cancelled = await call(
      "POST",
      `/events/${roles.event.id}/registrations/${first!.id}/cancel`,
      { token: editor, json: { version: first!.version } },
    );
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { status: string }).status).toBe("cancelled");
    const moved = await call("GET", `/events/${roles.event.id}/registrations/${second!.id}`, {
      token: editor,
    });
    expect(((await moved.json()) as { status: string }).status).toBe("confirmed");
    const again = await call(
      "POST",
      `/events/${roles.event.id}/registrations/${first!.id}/cancel`,
      { token: editor, json: {} },
    );
    expect(again.status).toBe(409);
    const promote = await call("POST", `/events/${roles.event.id}/registrations/promote`, {
      token: editor,
    });
    expect(await promote.json()).toEqual({ promoted: 0 });
  });
});
