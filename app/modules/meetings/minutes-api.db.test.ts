// The minutes and actions endpoints through the real /api/v1 dispatcher.
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { apiV1 } from "../api/v1.ts";
import { insertNetworkWithRoles } from "../networks/factories.ts";
import { insertAgendaItem, insertMeeting } from "./factories.ts";

describeDatabases("minutes API", (ctx) => {
  async function call(actor: Actor | null, method: string, path: string, body?: unknown) {
    const request = new Request(`http://localhost/api/v1${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await apiV1.handle(request, {
      db: ctx.db,
      authenticate: async () => (actor ? { ...actor, via: "token" as const } : null),
      verifyCsrf: () => true,
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  }

  it("saves with the version check, moves the workflow and manages actions", async () => {
    const net = await insertNetworkWithRoles(ctx.db);
    const secretary = net.members.secretary.actor;
    const meeting = await insertMeeting(ctx.db, net.network.id);
    const item = await insertAgendaItem(ctx.db, meeting.id, 1);
    const path = `/meetings/${meeting.id}/minutes`;
    const content = (notes: string) => ({
      items: { [item.id]: { notes, reflections: [], decisions: ["Beslut"] } },
    });

    expect((await call(secretary, "GET", path)).json?.version).toBe(1);
    const saved = await call(secretary, "PUT", path, { baseVersion: 1, content: content("A") });
    expect(saved.status).toBe(200);
    expect(saved.json?.version).toBe(2);
    const behind = await call(secretary, "PUT", path, { baseVersion: 1, content: content("B") });
    expect(behind.status).toBe(409);
    expect(behind.type).toMatch(/^application\/problem\+json/);
    expect(
      (await call(net.members.member.actor, "PUT", path, { baseVersion: 2, content: content("C") }))
        .status,
    ).toBe(403);
    const review = await call(secretary, "POST", `${path}/status`, {
      version: 2,
      status: "in_review",
    });
    expect(review.json?.status).toBe("in_review");
    expect((await call(net.members.member.actor, "GET", path)).status).toBe(200);
    expect((await call(net.outsider, "GET", path)).status).toBe(404);
    const versions = await call(secretary, "GET", `${path}/versions`);
    expect(Array.isArray(versions.json) && versions.json.length).toBe(2);

    const created = await call(secretary, "POST", "/actions", {
      meetingId: meeting.id,
      agendaItemId: item.id,
      title: "Ring regionen",
      ownerPersonId: net.members.member.person.id,
      dueDate: "2026-12-31",
    });
    expect(created.status).toBe(201);
    const actionId = created.json?.id as string;
    const mine = await call(net.members.member.actor, "GET", "/actions");
    expect(Array.isArray(mine.json) && mine.json.length).toBe(1);
    const patched = await call(net.members.member.actor, "PATCH", `/actions/${actionId}`, {
      version: 1,
      status: "done",
    });
    expect(patched.json?.status).toBe("done");
    const renamed = await call(net.members.member.actor, "PATCH", `/actions/${actionId}`, {
      version: 2,
      title: "Annat",
    });
    expect(renamed.status).toBe(403);
  });
});
