// A few of the meetings core's /api/v1 endpoints through the real dispatcher (the service's
// permissions, the schemas' validation, the response schemas' check).
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { apiCaller } from "../../../tests/support/api-call.ts";
import { apiV1 } from "../api/v1.ts";
import { insertNetworkWithRoles } from "../networks/factories.ts";
import { meetingsEndpoints } from "./api.ts";
import { minutesEndpoints } from "./minutes-api.ts";
import { insertAgendaItem, insertMeeting, insertParticipant } from "./factories.ts";

describeDatabases("meetings API", (ctx) => {
  const call = apiCaller(() => ctx.db);

  it("describes all its endpoints in the OpenAPI document", () => {
    const document = apiV1.openapi() as { paths: Record<string, Record<string, unknown>> };
    const operations = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
    const expected: Record<string, string[]> = {
      "/networks/{id}/series": ["get", "post"],
      "/networks/{id}/meetings": ["get"],
      "/series/{id}": ["get", "patch"],
      "/series/{id}/feed-renewal": ["post"],
      "/meetings": ["post"],
      "/meetings/{id}": ["get", "patch"],
      "/meetings/{id}/cancel": ["post"],
      "/meetings/{id}/agenda-items": ["get", "post"],
      "/meetings/{id}/agenda-items/{itemId}": ["delete", "patch"],
      "/meetings/{id}/agenda-items/{itemId}/move": ["post"],
      "/meetings/{id}/participants": ["get", "post"],
      "/meetings/{id}/participants/{personId}": ["delete"],
      "/meetings/{id}/attendance": ["patch"],
      "/meetings/{id}/minutes": ["get", "put"],
      "/meetings/{id}/minutes/status": ["post"],
      "/meetings/{id}/minutes/visibility": ["post"],
      "/meetings/{id}/minutes/versions": ["get"],
      "/meetings/{id}/minutes/versions/{version}": ["get"],
      "/meetings/{id}/actions": ["get"],
      "/actions": ["get", "post"],
      "/actions/{id}": ["get", "patch"],
    };
    for (const [path, methods] of Object.entries(expected))
      expect([path, operations(path)]).toEqual([path, methods]);
    // And every endpoint the module declares is in the document.
    for (const endpoint of [...meetingsEndpoints, ...minutesEndpoints])
      expect(operations(endpoint.path)).toContain(endpoint.method.toLowerCase());
  });

  it("creates a series, plans an occurrence and reads the meeting page", async () => {
    const net = await insertNetworkWithRoles(ctx.db);
    const secretary = net.members.secretary.actor;
    const created = await call(secretary, "POST", `/networks/${net.network.id}/series`, {
      name: "Veckomöte",
      rrule: "FREQ=WEEKLY;BYDAY=MO",
      firstDate: "2026-01-05",
      startTime: "08:00",
      endTime: "08:45",
    });
    expect(created.status).toBe(201);
    const seriesId = (created.json as { id: string }).id;
    expect(created.location).toBe(`/api/v1/series/${seriesId}`);
    const refused = await call(
      net.members.member.actor,
      "POST",
      `/networks/${net.network.id}/series`,
      {
        name: "X",
        rrule: "FREQ=WEEKLY",
        firstDate: "2026-01-05",
        startTime: "08:00",
        endTime: "08:45",
      },
    );
    expect(refused.status).toBe(403);
    const invalid = await call(secretary, "POST", `/networks/${net.network.id}/series`, {
      name: "X",
      rrule: "FREQ=SECONDLY",
      firstDate: "2026-01-05",
      startTime: "08:00",
      endTime: "08:45",
    });
    expect(invalid.status).toBe(422);

    const planned = await call(secretary, "POST", "/meetings", {
      seriesId,
      occurrenceStart: "2026-01-12T07:00:00Z",
    });
    expect(planned.status).toBe(201);
    const meeting = planned.json as { id: string; version: number; startTime: string };
    expect(meeting.startTime).toBe("08:00");

    const series = await call(null, "GET", `/series/${seriesId}`);
    expect(series.status).toBe(404); // members-only network: hidden from the public
    const feedPath = async () =>
      ((await call(secretary, "GET", `/series/${seriesId}`)).json as { feedPath: string }).feedPath;
    const oldFeed = await feedPath();
    const renewal = `/series/${seriesId}/feed-renewal`;
    expect((await call(net.members.member.actor, "POST", renewal)).status).toBe(403);
    expect(await feedPath()).toBe(oldFeed);
    const renewed = await call(secretary, "POST", renewal);
    expect(renewed.status).toBe(200);
    expect((renewed.json as { feedPath: string }).feedPath).not.toBe(oldFeed);
    expect(await feedPath()).toBe((renewed.json as { feedPath: string }).feedPath);
    const page = await call(net.members.member.actor, "GET", `/meetings/${meeting.id}`);
    expect(page.status).toBe(200);
    expect((page.json as { members: unknown[] }).members).toHaveLength(6);

    const moved = await call(secretary, "PATCH", `/meetings/${meeting.id}`, {
      startTime: "09:00",
      endTime: "09:45",
      version: meeting.version,
    });
    expect(moved.status).toBe(200);
    const stale = await call(secretary, "PATCH", `/meetings/${meeting.id}`, {
      place: "Annat",
      version: meeting.version,
    });
    expect(stale.status).toBe(409);
  });

  it("reorders the agenda and records one's own attendance", async () => {
    const net = await insertNetworkWithRoles(ctx.db);
    const meeting = await insertMeeting(ctx.db, net.network.id);
    const first = await insertAgendaItem(ctx.db, meeting.id, 1, { title: "Ett" });
    await insertAgendaItem(ctx.db, meeting.id, 2, { title: "Två" });
    const member = net.members.member;
    await insertParticipant(ctx.db, meeting.id, member.person.id);

    const moved = await call(
      net.members.chair.actor,
      "POST",
      `/meetings/${meeting.id}/agenda-items/${first.id}/move`,
      { direction: "down" },
    );
    expect(moved.status).toBe(200);
    expect(
      (moved.json as unknown as { title: string; number: number }[]).map(
        (i) => `${i.number} ${i.title}`,
      ),
    ).toEqual(["1 Två", "2 Ett"]);
    const notByMember = await call(
      member.actor,
      "POST",
      `/meetings/${meeting.id}/agenda-items/${first.id}/move`,
      { direction: "up" },
    );
    expect(notByMember.status).toBe(403);

    const own = await call(member.actor, "PATCH", `/meetings/${meeting.id}/attendance`, {
      entries: [{ personId: member.person.id, attendance: "absent_with_notice" }],
    });
    expect(own.status).toBe(200);
    const others = await call(member.actor, "PATCH", `/meetings/${meeting.id}/attendance`, {
      entries: [{ personId: net.members.chair.person.id, attendance: "absent" }],
    });
    expect(others.status).toBe(403);
    // A secretary who read "invited" does not overwrite the member's notice.
    const stale = await call(
      net.members.secretary.actor,
      "PATCH",
      `/meetings/${meeting.id}/attendance`,
      {
        entries: [{ personId: member.person.id, attendance: "present", previous: "invited" }],
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.json?.code).toBe("conflict");
    expect(String(stale.json?.detail ?? stale.json?.title)).toContain(member.person.name);
  });
});
