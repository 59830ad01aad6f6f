// The /api/v1 endpoints of tickets and registrations through the real dispatcher, against a real
// database: documented in the OpenAPI document, organizers only for everything personal, a stale
// version answered with 409 problem+json, rule breaks with 422 and the field's message.
import { beforeAll, expect, it } from "vitest";
import { apiCaller, documentedOperations } from "../../../tests/support/api-call.ts";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { resetConfig } from "../../platform/config.ts";
import { insertEventWithRoles, type EventRoles } from "./factories.ts";
import { insertRegistrations, insertTicket } from "./registrations-factories.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("tickets and registrations API", (ctx) => {
  const call = apiCaller(() => ctx.db);
  const callInEnglish = apiCaller(() => ctx.db, { language: "en" });
  let roles: EventRoles;
  let editor: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    roles = await insertEventWithRoles(ctx.db, {
      status: "published",
      name: "API-dagen",
      startDate: "2030-05-14",
      endDate: "2030-05-15",
    });
    editor = roles.committeeMember;
    outsider = roles.outsider;
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
    const created = await call(editor, "POST", `/events/${roles.event.id}/ticket-types`, {
      name: "Tidig",
      price: 300_000,
      earlyBirdPrice: 250_000,
      earlyBirdUntil: "2030-03-01",
      capacity: 10,
    });
    expect(created.status).toBe(201);
    const type = created.json as { id: string; version: number; price: number };
    expect(type).toMatchObject({ price: 300_000, capacity: 10, vatRate: 2500 });

    const publicList = await call(null, "GET", `/events/${roles.event.id}/ticket-types`);
    expect(publicList.status).toBe(200);
    expect((publicList.json as unknown as { name: string }[]).map((row) => row.name)).toEqual([
      "Tidig",
    ]);

    const refused = await call(outsider, "POST", `/events/${roles.event.id}/ticket-types`, {
      name: "Smyg",
      price: 0,
    });
    expect(refused.status).toBe(403);
    expect(
      (await call(null, "POST", `/events/${roles.event.id}/ticket-types`, { name: "x", price: 0 }))
        .status,
    ).toBe(401);

    const invalid = await callInEnglish(editor, "POST", `/events/${roles.event.id}/ticket-types`, {
      name: "Dag",
      price: 100,
      validDate: "2030-06-01",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.type).toContain("application/problem+json");
    const problem = invalid.json as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: "validDate", message: "Choose one of the event's days." }),
    ]);

    const changed = await call(
      editor,
      "PATCH",
      `/events/${roles.event.id}/ticket-types/${type.id}`,
      { price: 320_000, version: type.version },
    );
    expect(changed.status).toBe(200);
    const stale = await call(editor, "PATCH", `/events/${roles.event.id}/ticket-types/${type.id}`, {
      price: 330_000,
      version: type.version,
    });
    expect(stale.status).toBe(409);

    await insertRegistrations(ctx.db, roles.event.id, [
      { ticketTypeId: type.id },
      { ticketTypeId: type.id },
    ]);
    const below = await callInEnglish(
      editor,
      "PATCH",
      `/events/${roles.event.id}/ticket-types/${type.id}`,
      { capacity: 1, version: type.version + 1 },
    );
    expect(below.status).toBe(422);
    expect(JSON.stringify(below.json)).toContain(
      "2 attendees are already confirmed on this ticket type",
    );
    const inUse = await call(editor, "DELETE", `/events/${roles.event.id}/ticket-types/${type.id}`);
    expect(inUse.status).toBe(409);
  });

  it("lists, sums up and cancels registrations for organizers only", async () => {
    const type = await insertTicket(ctx.db, roles.event.id, { name: "Bas", capacity: 1 });
    const [first, second] = await insertRegistrations(ctx.db, roles.event.id, [
      { ticketTypeId: type.id, name: "Första Person" },
      { ticketTypeId: type.id, name: "Andra Person", status: "waitlisted" },
    ]);
    const list = await call(
      editor,
      "GET",
      `/events/${roles.event.id}/registrations?ticketTypeId=${type.id}&pageSize=1`,
    );
    expect(list.status).toBe(200);
    expect(list.headers.get("link")).toContain('rel="next"');
    const page = list.json as { items: { name: string }[]; total: number };
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    expect((await call(outsider, "GET", `/events/${roles.event.id}/registrations`)).status).toBe(
      403,
    );
    expect((await call(null, "GET", `/events/${roles.event.id}/registrations`)).status).toBe(401);

    const summary = await call(editor, "GET", `/events/${roles.event.id}/registrations/summary`);
    const counts = summary.json as {
      tickets: { name: string; confirmed: number; waitlisted: number }[];
    };
    expect(counts.tickets.find((row) => row.name === "Bas")).toMatchObject({
      confirmed: 1,
      waitlisted: 1,
    });

    const one = await call(editor, "GET", `/events/${roles.event.id}/registrations/${first!.id}`);
    expect((one.json as { name: string }).name).toBe("Första Person");

    const cancelled = await call(
      editor,
      "POST",
      `/events/${roles.event.id}/registrations/${first!.id}/cancel`,
      { version: first!.version },
    );
    expect(cancelled.status).toBe(200);
    expect((cancelled.json as { status: string }).status).toBe("cancelled");
    const moved = await call(
      editor,
      "GET",
      `/events/${roles.event.id}/registrations/${second!.id}`,
    );
    expect((moved.json as { status: string }).status).toBe("confirmed");
    const again = await call(
      editor,
      "POST",
      `/events/${roles.event.id}/registrations/${first!.id}/cancel`,
      {},
    );
    expect(again.status).toBe(409);
    const promote = await call(editor, "POST", `/events/${roles.event.id}/registrations/promote`);
    expect(promote.json).toEqual({ promoted: 0 });
  });
});
