// The side-meeting and budget /api/v1 endpoints through the real dispatcher, against a real
// database, called as by an API token.
import { beforeAll, expect, it } from "vitest";
import { apiCaller } from "../../../tests/support/api-call.ts";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { mailsTo, tokenFromMail } from "../identity/testing.ts";
import { insertNetworkWithRoles } from "../networks/factories.ts";
import { insertTestEvent } from "./bookings-factories.ts";
import { insertTicket } from "./registrations-factories.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("side meetings and budget API", (ctx) => {
  const call = apiCaller(() => ctx.db);
  const callInEnglish = apiCaller(() => ctx.db, { language: "en" });
  let event: Awaited<ReturnType<typeof insertTestEvent>>;
  let net: Awaited<ReturnType<typeof insertNetworkWithRoles>>;

  beforeAll(async () => {
    event = await insertTestEvent(ctx.db);
    net = await insertNetworkWithRoles(ctx.db, { visibility: "public", name: "API-nätverket" });
  });

  it("reserves, publishes slots, invites and lets the guest answer", async () => {
    const chair = net.members.chair.actor;
    const organizer = event.organizer;
    const member = net.members.member.actor;
    const path = `/events/${event.event.id}/reservations`;
    const body = {
      networkId: net.network.id,
      roomId: event.rooms[1]!.id,
      startDate: "2031-05-20",
      startTime: "08:00",
      endDate: "2031-05-21",
      endTime: "17:00",
    };
    expect((await call(null, "POST", path, body)).status).toBe(401);
    const created = await call(chair, "POST", path, body);
    expect(created.status).toBe(201);
    const reservation = created.json!;
    expect(created.location).toBe(`/api/v1${path}/${reservation.id}`);
    expect(reservation).toMatchObject({ status: "requested", version: 1, roomName: "Rum G2" });

    const other = await insertNetworkWithRoles(ctx.db, { name: "Andra" });
    const clash = await callInEnglish(other.members.chair.actor, "POST", path, {
      ...body,
      networkId: other.network.id,
      startDate: "2031-05-21",
      startTime: "09:00",
    });
    expect(clash.status).toBe(409);
    expect(clash.type).toContain("application/problem+json");
    const problem = clash.json!;
    expect(problem.detail).toBe(
      "The room is already reserved by API-nätverket 2031-05-20 08:00 – 2031-05-21 17:00. Choose another time or another room.",
    );
    expect(problem.errors).toEqual([{ field: "startDate", message: "The room is taken then." }]);

    const decision = `${path}/${reservation.id}/decision`;
    expect((await call(chair, "POST", decision, { decision: "accept", version: 1 })).status).toBe(
      403,
    );
    const stale = await call(organizer, "POST", decision, { decision: "accept", version: 7 });
    expect(stale.status).toBe(409);
    const accepted = await call(organizer, "POST", decision, { decision: "accept", version: 1 });
    expect(accepted.json).toMatchObject({ status: "accepted", version: 2 });

    const slots = await call(chair, "POST", `${path}/${reservation.id}/slots`, {
      date: "2031-05-20",
      startTime: "10:00",
      endTime: "11:00",
      slotMinutes: 20,
    });
    expect(slots.status).toBe(201);
    const { items } = slots.json as { items: { id: string; startTime: string }[] };
    expect(items.map((slot) => slot.startTime)).toEqual(["10:00", "10:20", "10:40"]);

    const invited = await call(
      member,
      "POST",
      `${path}/${reservation.id}/slots/${items[0]!.id}/invitations`,
      {
        topic: "Journal via nätet",
        guestName: "Per Lev",
        guestEmail: "per.lev@leverantor.example",
        guestKind: "supplier",
        language: "sv",
      },
    );
    expect(invited.status).toBe(201);
    expect(invited.json).toMatchObject({ status: "invited", guestName: "Per Lev" });

    const detail = (await call(null, "GET", `${path}/${reservation.id}`)).json!;
    expect(detail.slots).toEqual([]);
    const memberDetail = (await call(member, "GET", `${path}/${reservation.id}`)).json as {
      slots: unknown[];
    };
    expect(memberDetail.slots[0]).toMatchObject({
      state: "invited",
      booking: { topic: "Journal via nätet" },
    });

    const [mail] = await mailsTo(ctx.db, "per.lev@leverantor.example");
    const secret = tokenFromMail(mail, "/bookings/");
    const seen = await call(null, "GET", `/booking-answers/${secret}`);
    expect(seen.json).toMatchObject({ status: "invited", mayAccept: true });
    const answered = await call(null, "POST", `/booking-answers/${secret}`, { answer: "accept" });
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({ status: "accepted" });
    expect((await call(null, "GET", "/booking-answers/this-is-not-a-valid-secret")).status).toBe(
      404,
    );

    const meeting = await call(chair, "POST", `${path}/${reservation.id}/meetings`, {
      title: "Vårmöte",
      date: "2031-05-21",
      startTime: "13:00",
      endTime: "16:00",
    });
    expect(meeting.status).toBe(201);
    expect(meeting.json).toMatchObject({ title: "Vårmöte", status: "planned" });
  });

  it("reads and saves the budget with a version check, exact amounts as strings", async () => {
    const organizer = event.organizer;
    const ordinary = await insertTicket(ctx.db, event.event.id, {
      name: "Ordinarie",
      price: 1_000_00,
    });
    const path = `/events/${event.event.id}/budget`;
    expect((await call(null, "GET", path)).status).toBe(401);
    expect((await call(event.partnerEditor, "GET", path)).status).toBe(403);
    const empty = (await call(organizer, "GET", path)).json;
    expect(empty).toMatchObject({ version: 0, ordinaryTicketTypeId: ordinary.id, lines: [] });
    const body = {
      version: 0,
      ordinaryTicketTypeId: ordinary.id,
      attendance: [{ ticketTypeId: ordinary.id, expected: 3 }],
      lines: [{ kind: "cost", category: "venue", label: "Lokal", amount: 1_000_00 }],
    };
    const saved = await call(organizer, "PUT", path, body);
    expect(saved.status).toBe(200);
    expect(saved.json?.result).toMatchObject({
      costs: "100000",
      result: "200000",
      breakEven: { status: "ok", fee: "33334", feeWholeUnits: "33400" },
    });
    const stale = await callInEnglish(organizer, "PUT", path, body);
    expect(stale.status).toBe(409);
    expect(stale.json?.detail).toContain("Someone else saved the budget (version 1)");
  });

  it("describes every endpoint in the OpenAPI document", async () => {
    const document = (await call(null, "GET", "/openapi.json")).json as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      "/events/{id}/reservations",
      "/events/{id}/reservations/{reservationId}/slots/{slotId}/invitations",
      "/booking-answers/{token}",
      "/events/{id}/budget",
    ])
      expect(document.paths[path]).toBeDefined();
  });
});
