// The minutes and actions endpoints through the real /api/v1 dispatcher.
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { apiCaller } from "../../../tests/support/api-call.ts";
import { apiV1 } from "../api/v1.ts";
import { insertPerson } from "../directory/factories.ts";
import { actorForPerson, insertNetworkWithRoles } from "../networks/factories.ts";
import { insertAgendaItem, insertMeeting } from "./factories.ts";

describeDatabases("minutes API", (ctx) => {
  const call = apiCaller(() => ctx.db);

  it("answers a stale save with the current version, the differing fields and the merge", async () => {
    const net = await insertNetworkWithRoles(ctx.db);
    const secretary = net.members.secretary.actor;
    const meeting = await insertMeeting(ctx.db, net.network.id);
    const [first, second] = [
      await insertAgendaItem(ctx.db, meeting.id, 1),
      await insertAgendaItem(ctx.db, meeting.id, 2),
    ];
    const path = `/meetings/${meeting.id}/minutes`;
    const content = (notes: string, decisions: string[], secondNotes = "Oförändrad") => ({
      items: {
        [first.id]: { notes, reflections: [], decisions },
        [second.id]: { notes: secondNotes, reflections: [], decisions: [] },
      },
    });
    await call(secretary, "PUT", path, { baseVersion: 1, content: content("Start", ["B1"]) });
    // The chair saves version 3 from version 2 …
    const chair = net.members.chair.actor;
    const theirs = await call(chair, "PUT", path, {
      baseVersion: 2,
      content: content("Ordförandens text", ["B1", "B2"]),
    });
    expect(theirs.json?.version).toBe(3);
    // … and the secretary, still on version 2, changes the same notes and adds a decision.
    const behind = await call(secretary, "PUT", path, {
      baseVersion: 2,
      content: content("Sekreterarens text", ["B0", "B1"]),
    });
    expect(behind.status).toBe(409);
    const problem = behind.json!;
    expect(problem).toMatchObject({
      code: "conflict",
      status: 409,
      currentVersion: 3,
      baseVersion: 2,
    });
    expect(problem.differences).toEqual([
      {
        itemId: first.id,
        field: "notes",
        current: "Ordförandens text",
        merged: "Sekreterarens text\nOrdförandens text",
        conflict: true,
      },
      {
        itemId: first.id,
        field: "decisions",
        current: "B1\nB2",
        merged: "B0\nB1\nB2",
        conflict: false,
      },
    ]);
    expect(problem.merged).toEqual(
      content("Sekreterarens text\nOrdförandens text", ["B0", "B1", "B2"]),
    );

    // The document matches what the OpenAPI document promises for this 409.
    const openapi = apiV1.openapi() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const documented = openapi.paths["/meetings/{id}/minutes"]!.put!.responses["409"];
    expect(JSON.stringify(documented)).toContain("#/components/schemas/MeetingMinutesConflict");
    const properties = openapi.components.schemas.MeetingMinutesConflict!.properties!;
    for (const member of ["currentVersion", "baseVersion", "differences", "merged", "code"]) {
      expect(properties).toHaveProperty(member);
    }

    // Saving the merge against the current version goes through.
    const resolved = await call(secretary, "PUT", path, {
      baseVersion: problem.currentVersion,
      content: problem.merged,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json?.version).toBe(4);
  });

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
    expect(created.location).toBe(`/api/v1/actions/${actionId}`);
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

  it("reads a saved version's text, a meeting's actions and one action, as the pages allow", async () => {
    const net = await insertNetworkWithRoles(ctx.db, { visibility: "public" });
    const secretary = net.members.secretary.actor;
    const member = net.members.member.actor;
    const meeting = await insertMeeting(ctx.db, net.network.id);
    const item = await insertAgendaItem(ctx.db, meeting.id, 1);
    const path = `/meetings/${meeting.id}/minutes`;
    await call(secretary, "PUT", path, {
      baseVersion: 1,
      content: { items: { [item.id]: { notes: "Första", reflections: [], decisions: [] } } },
    });
    await call(secretary, "PUT", path, {
      baseVersion: 2,
      content: { items: { [item.id]: { notes: "Andra", reflections: [], decisions: [] } } },
    });
    const version = await call(secretary, "GET", `${path}/versions/2`);
    expect(version.status).toBe(200);
    expect(version.json).toMatchObject({ version: 2, status: "draft" });
    expect(
      (version.json?.content as { items: Record<string, { notes: string }> }).items[item.id],
    ).toMatchObject({ notes: "Första" });
    expect((await call(secretary, "GET", `${path}/versions/9`)).status).toBe(404);
    expect((await call(secretary, "GET", `${path}/versions/x`)).status).toBe(404);
    expect((await call(member, "GET", `${path}/versions/2`)).status).toBe(404); // editors only

    const guest = await insertPerson(ctx.db, { name: "Gästen" });
    const created = await call(secretary, "POST", "/actions", {
      meetingId: meeting.id,
      agendaItemId: item.id,
      title: "Skicka bilderna",
      ownerPersonId: guest.id,
    });
    const location = created.location!.replace("/api/v1", "");
    const actions = `/meetings/${meeting.id}/actions`;
    // Members read them; the public and outsiders not while the minutes are unpublished.
    const listed = await call(member, "GET", actions);
    expect((listed.json as unknown as { title: string }[]).map((a) => a.title)).toEqual([
      "Skicka bilderna",
    ]);
    expect((await call(member, "GET", location)).json?.title).toBe("Skicka bilderna");
    expect((await call(actorForPerson(guest.id), "GET", location)).status).toBe(200); // the owner
    for (const who of [null, net.outsider]) {
      expect((await call(who, "GET", actions)).status).toBe(404);
      expect((await call(who, "GET", location)).status).toBe(404);
    }
    // Published public minutes show their actions to everyone.
    let current = (await call(secretary, "GET", path)).json!.version as number;
    for (const status of ["in_review", "approved", "published"]) {
      current = (await call(secretary, "POST", `${path}/status`, { version: current, status }))
        .json!.version as number;
    }
    await call(secretary, "POST", `${path}/visibility`, { version: current, visibility: "public" });
    expect((await call(null, "GET", actions)).status).toBe(200);
    expect((await call(null, "GET", location)).json?.title).toBe("Skicka bilderna");
  });
});
