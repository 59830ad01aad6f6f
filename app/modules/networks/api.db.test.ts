// The networks' /api/v1 endpoints through the real dispatcher, against a real database. Actors
// come from a test map keyed by Bearer token (identity's token lookup is tested elsewhere).
import { beforeAll, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { resetConfig } from "../../platform/config.ts";
import { apiV1 } from "../api/v1.ts";
import { insertPerson } from "../directory/factories.ts";
import {
  insertMember,
  insertNetwork,
  insertNetworkWithRoles,
  insertSeatRule,
  insertTestOrganization,
} from "./factories.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

const base = "http://localhost:3000/api/v1";

describeDatabases("networks API", (ctx) => {
  const actors = new Map<string, Actor>();
  let setup: Awaited<ReturnType<typeof insertNetworkWithRoles>>;

  function tokenFor(actor: Actor): string {
    const token = `t-${actors.size + 1}`;
    actors.set(token, { ...actor, via: "token" });
    return token;
  }

  async function call(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; lang?: string } = {},
  ): Promise<Response> {
    const headers = new Headers();
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    if (options.json !== undefined) headers.set("content-type", "application/json");
    headers.set("accept-language", options.lang ?? "sv");
    return apiV1.handle(
      new Request(`${base}${path}`, {
        method,
        headers,
        body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
      }),
      {
        db: ctx.db,
        authenticate: async (request) => {
          const token = request.headers.get("authorization")?.replace(/^Bearer /, "");
          return (token && actors.get(token)) || null;
        },
        verifyCsrf: () => false,
      },
    );
  }

  beforeAll(async () => {
    setup = await insertNetworkWithRoles(ctx.db, { name: "API-nätverket", visibility: "members" });
    await insertNetwork(ctx.db, { name: "API öppet nätverk", visibility: "public" });
  });

  it("documents every networks operation in the OpenAPI document", () => {
    const document = apiV1.openapi() as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operations = Object.values(document.paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    for (const operationId of [
      "listNetworks",
      "getNetwork",
      "createNetwork",
      "updateNetwork",
      "deleteNetwork",
      "listNetworkMembers",
      "addNetworkMember",
      "updateNetworkMember",
      "endNetworkMember",
      "listNetworkSeats",
      "addNetworkSeatRule",
      "updateNetworkSeatRule",
      "removeNetworkSeatRule",
    ]) {
      expect(operations).toContain(operationId);
    }
  });

  it("lists what the caller may see", async () => {
    const anonymous = await call("GET", "/networks?q=API");
    expect(anonymous.status).toBe(200);
    const publicNames = ((await anonymous.json()) as { items: { name: string }[] }).items.map(
      (item) => item.name,
    );
    expect(publicNames).toEqual(["API öppet nätverk"]);
    const member = await call("GET", "/networks?q=API", {
      token: tokenFor(setup.members.observer.actor),
    });
    const body = (await member.json()) as {
      items: { name: string; memberCount: number }[];
      total: number;
    };
    expect(body.total).toBe(2);
    expect(body.items.find((item) => item.name === "API-nätverket")?.memberCount).toBe(6);
    // A members-only network does not exist for outsiders.
    const hidden = await call("GET", `/networks/${setup.network.id}`);
    expect(hidden.status).toBe(404);
  });

  it("creates a network, and refuses bad input with problem+json", async () => {
    const token = tokenFor(setup.ownerEditor);
    const created = await call("POST", "/networks", {
      token,
      json: {
        name: "Nytt API-nätverk",
        ownerOrganizationId: setup.network.ownerOrganizationId,
        visibility: "public",
      },
    });
    expect(created.status).toBe(201);
    const network = (await created.json()) as { id: string; version: number };
    expect(created.headers.get("location")).toBe(`/api/v1/networks/${network.id}`);
    expect(network.version).toBe(1);

    const bad = await call("POST", "/networks", {
      token,
      json: { name: "", ownerOrganizationId: "nej", colour: "blå" },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = (await bad.json()) as {
      code: string;
      errors: { field: string; message: string }[];
    };
    expect(problem.code).toBe("validation");
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      "colour",
      "name",
      "ownerOrganizationId",
    ]);
    expect(problem.errors.find((error) => error.field === "name")?.message).toBe("Fyll i fältet.");

    const stale = await call("PATCH", `/networks/${network.id}`, {
      token,
      json: { name: "Ändrat", version: 7 },
    });
    expect(stale.status).toBe(409);
  });

  it("forbids members to run the network and the public to write", async () => {
    const member = await call("PATCH", `/networks/${setup.network.id}`, {
      token: tokenFor(setup.members.member.actor),
      json: { name: "Kapat", version: 1 },
    });
    expect(member.status).toBe(403);
    expect(((await member.json()) as { code: string }).code).toBe("forbidden");
    const anonymous = await call("POST", "/networks", {
      json: { name: "X", ownerOrganizationId: setup.network.ownerOrganizationId },
    });
    expect(anonymous.status).toBe(401);
    const chairDelete = await call("DELETE", `/networks/${setup.network.id}`, {
      token: tokenFor(setup.members.chair.actor),
    });
    expect(chairDelete.status).toBe(403);
  });

  it("adds members against the seats and says which organization is full", async () => {
    const token = tokenFor(setup.members.secretary.actor);
    const region = await insertTestOrganization(ctx.db, { kind: "region", name: "Region Delta" });
    await insertSeatRule(ctx.db, setup.network.id, { organizationId: region.id, seats: 1 });
    await insertMember(ctx.db, setup.network.id, { organizationId: region.id });
    const person = await insertPerson(ctx.db, { name: "Nils Nilsson" });
    const refused = await call("POST", `/networks/${setup.network.id}/members`, {
      token,
      json: { personId: person.id, organizationId: region.id, role: "member" },
      lang: "en",
    });
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { detail: string };
    expect(problem.detail).toContain("Region Delta already fills all its 1 seats");
    const added = await call("POST", `/networks/${setup.network.id}/members`, {
      token,
      json: { personId: person.id, organizationId: region.id, role: "observer" },
    });
    expect(added.status).toBe(201);
    const member = (await added.json()) as { id: string; role: string };
    expect(member.role).toBe("observer");
    const ended = await call("POST", `/networks/${setup.network.id}/members/${member.id}/end`, {
      token,
      json: {},
    });
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { endDate: string | null }).endDate).not.toBeNull();
    const seats = await call("GET", `/networks/${setup.network.id}/seats`, { token });
    const overview = (await seats.json()) as {
      seats: { organization: { name: string }; filled: number; empty: number }[];
    };
    expect(overview.seats.find((row) => row.organization.name === "Region Delta")).toMatchObject({
      filled: 1,
      empty: 0,
    });
    const rule = await call("POST", `/networks/${setup.network.id}/seat-rules`, {
      token,
      json: { organizationKind: "municipality", country: "SE", seats: 2 },
    });
    expect(rule.status).toBe(201);
    const ruleId = ((await rule.json()) as { id: string }).id;
    const removed = await call("DELETE", `/networks/${setup.network.id}/seat-rules/${ruleId}`, {
      token,
    });
    expect(removed.status).toBe(204);
  });
});
