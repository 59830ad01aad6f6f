// The side-meeting and budget /api/v1 endpoints through the real dispatcher, against a real
// database. Actors come from a test map keyed by Bearer token.
import { beforeAll, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { mailsTo, tokenFromMail } from "../identity/testing.ts";
import { insertNetworkWithRoles } from "../networks/factories.ts";
import { insertTestEvent } from "./bookings-factories.ts";
import { insertTicket } from "./registrations-factories.ts";
import { eventsApiClient } from "./testing-api.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("side meetings and budget API", (ctx) => {
  const { tokenFor, call } = eventsApiClient(() => ctx.db);
  let event: Awaited<ReturnType<typeof insertTestEvent>>;
  let net: Awaited<ReturnType<typeof insertNetworkWithRoles>>;

  beforeAll(async () => {
    event = await insertTestEvent(ctx.db);
    net = await insertNetworkWithRoles(ctx.db, { visibility: "public", name: "API-nätverket" });
  });

  it("reserves, publishes slots, invites and lets the guest answer", async () => {
    const chair = tokenFor(net.members.chair.actor);
    const organizer = tokenFor(event.organizer);
    const member = tokenFor(net.members.member.actor);
    const path = `/events/${event.event.id}/reservations`;
    const body = {
      networkId: net.network.id,
      roomId: event.rooms[1]!.id,
      startDate: "2031-05-20",
      startTime: "08:00",
      endDate: "2031-05-21",
      endTime: "17:00",
    };
    expect((await call("POST", path, { json: body })).status).toBe(401);
    const created = await call("POST", path, { token: chair, json: body });
    expect(created.status).toBe(201);
    const reservation = await created.json();
    expect(created.headers.get("location")).toBe(`/api/v1${path}/${reservation.id}`);
    expect(reservation).toMatchObject({ status: "requested", version: 1, roomName: "Rum G2" });

    const other = await insertNetworkWithRoles(ctx.db, { name: "Andra" });
    const clash = await call("POST", path, {
      token: tokenFor(other.members.chair.actor),
      json: { ...body, networkId: other.network.id, startDate: "2031-05-21", startTime: "09:00" },
      lang: "en",
    });
    expect(clash.status).toBe(409);
    expect(clash.headers.get("content-type")).toContain("application/problem+json");
    const problem = await clash.json();
    expect(problem.detail).toBe(
      "The room is already reserved by API-nätverket 2031-05-20 08:00 – 2031-05-21 17:00. Choose another time or another room.",
    );
    expect(problem.errors).toEqual([{ field: "startDate", message: "The room is taken then." }]);

    const decision = `${path}/${reservation.id}/decision`;
    expect(
      (await call("POST", decision, { token: chair, json: { decision: "accept", version: 1 } }))
        .status,
    ).toBe(403);
    const stale = await call("POST", decision, {
      token: organizer,
      json: { decision: "accept", version: 7 },
    });
    expect(stale.status).toBe(409);
    const accepted = await call("POST", decision, {
      token: organizer,
      json: { decision: "accept", version: 1 },
    });
    expect(await accepted.json()).toMatchObject({ status: "accepted", version: 2 });

    const slots = await call("POST", `${path}/${reservation.id}/slots`, {
      token: chair,
      json: { date: "2031-05-20", startTime: "10:00", endTime: "11:00", slotMinutes: 20 },
    });
    expect(slots.status).toBe(201);
    const { items } = await slots.json();
    expect(items.map((slot: { startTime: string }) => slot.startTime)).toEqual([
      "10:00",
      "10:20",
      "10:40",
    ]);

    const invited = await call(
      "POST",
      `${path}/${reservation.id}/slots/${items[0].id}/invitations`,
      {
        token: member,
        json: {
          topic: "Journal via nätet",
          guestName: "Per Lev",
          guestEmail: "per.lev@leverantor.example",
          guestKind: "supplier",
          language: "sv",
        },
      },
    );
    expect(invited.status).toBe(201);
    expect(await invited.json()).toMatchObject({ status: "invited", guestName: "Per Lev" });

    const detail = await (await call("GET", `${path}/${reservation.id}`)).json();
    expect(detail.slots).toEqual([]);
    const memberDetail = await (
      await call("GET", `${path}/${reservation.id}`, { token: member })
    ).json();
    expect(memberDetail.slots[0]).toMatchObject({
      state: "invited",
      booking: { topic: "Journal via nätet" },
    });

    const [mail] = await mailsTo(ctx.db, "per.lev@leverantor.example");
    const secret = tokenFromMail(mail, "/bookings/");
    const seen = await call("GET", `/booking-answers/${secret}`);
    expect(await seen.json()).toMatchObject({ status: "invited", mayAccept: true });
    const answered = await call("POST", `/booking-answers/${secret}`, {
      json: { answer: "accept" },
    });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ status: "accepted" });
    expect((await call("GET", "/booking-answers/this-is-not-a-valid-secret")).status).toBe(404);

    const meeting = await call("POST", `${path}/${reservation.id}/meetings`, {
      token: chair,
      json: { title: "Vårmöte", date: "2031-05-21", startTime: "13:00", endTime: "16:00" },
    });
    expect(meeting.status).toBe(201);
    expect(await meeting.json()).toMatchObject({ title: "Vårmöte", status: "planned" });
  });

  it("reads and saves the budget with a version check, exact amounts as strings", async () => {
    const organizer = tokenFor(event.organizer);
    const ordinary = await insertTicket(ctx.db, event.event.id, {
      name: "Ordinarie",
      price: 1_000_00,
    });
    const path = `/events/${event.event.id}/budget`;
    expect((await call("GET", path)).status).toBe(401);
    expect((await call("GET", path, { token: tokenFor(event.partnerEditor) })).status).toBe(403);
    const empty = await (await call("GET", path, { token: organizer })).json();
    expect(empty).toMatchObject({ version: 0, ordinaryTicketTypeId: ordinary.id, lines: [] });
    const body = {
      version: 0,
      ordinaryTicketTypeId: ordinary.id,
      attendance: [{ ticketTypeId: ordinary.id, expected: 3 }],
      lines: [{ kind: "cost", category: "venue", label: "Lokal", amount: 1_000_00 }],
    };
    const saved = await call("PUT", path, { token: organizer, json: body });
    expect(saved.status).toBe(200);
    expect((await saved.json()).result).toMatchObject({
      costs: "100000",
      result: "200000",
      breakEven: { status: "ok", fee: "33334", feeWholeUnits: "33400" },
    });
    const stale = await call("PUT", path, { token: organizer, json: body, lang: "en" });
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toContain("Someone else saved the budget (version 1)");
  });

  it("describes every endpoint in the OpenAPI document", async () => {
    const document = await (await call("GET", "/openapi.json")).json();
    for (const path of [
      "/events/{id}/reservations",
      "/events/{id}/reservations/{reservationId}/slots/{slotId}/invitations",
      "/booking-answers/{token}",
      "/events/{id}/budget",
    ])
      expect(document.paths[path]).toBeDefined();
  });
});
